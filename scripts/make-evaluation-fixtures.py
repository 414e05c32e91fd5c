"""Goldens for the threshold, baseline and bootstrap code (src/ml/metrics/{threshold,baseline}.ts).

Reads the binary / multiclass / regression rows of test/fixtures/reference/reference-<seed>.json
(scikit-learn's own fixtures, never edited) and writes test/fixtures/evaluation/evaluation-<seed>.json
with what scikit-learn computes on them:
  - precision_recall_curve(y_true, y_prob) and the metrics at a set of thresholds (y_prob >= t),
  - DummyClassifier(strategy="prior" / "most_frequent") and DummyRegressor(strategy="mean") fitted
    on the first half of the rows and scored on the second half.
Run: /usr/bin/python3 scripts/make-evaluation-fixtures.py
"""
import json
import pathlib

import numpy as np
import sklearn
from sklearn.dummy import DummyClassifier, DummyRegressor
from sklearn.metrics import (accuracy_score, brier_score_loss, confusion_matrix, f1_score, log_loss,
                             mean_absolute_error, mean_squared_error, precision_recall_curve, precision_score,
                             r2_score, recall_score, roc_auc_score)

ROOT = pathlib.Path(__file__).resolve().parent.parent
THRESHOLDS = [0.05, 0.2, 0.35, 0.5, 0.61, 0.75, 0.9, 0.99]


def at_threshold(y, p, t):
    pred = (p >= t).astype(int)
    tn, fp, fn, tp = confusion_matrix(y, pred, labels=[0, 1]).ravel()
    return {
        "threshold": t,
        "precision": precision_score(y, pred, zero_division=0),
        "recall": recall_score(y, pred, zero_division=0),
        "f1": f1_score(y, pred, zero_division=0),
        "accuracy": accuracy_score(y, pred),
        "tp": int(tp), "fp": int(fp), "tn": int(tn), "fn": int(fn),
        "fpr": fp / (fp + tn),
    }


def dummy_binary(y):
    half = len(y) // 2
    tr, te = y[:half], y[half:]
    x_tr, x_te = np.zeros((len(tr), 1)), np.zeros((len(te), 1))
    out = {"train_rows": half}
    for strategy in ["prior", "most_frequent"]:
        d = DummyClassifier(strategy=strategy).fit(x_tr, tr)
        proba = d.predict_proba(x_te)[:, 1]
        pred = d.predict(x_te)
        out[strategy] = {
            "prob_positive": float(proba[0]),
            "accuracy": accuracy_score(te, pred),
            "precision": precision_score(te, pred, zero_division=0),
            "recall": recall_score(te, pred, zero_division=0),
            "f1": f1_score(te, pred, zero_division=0),
            "log_loss": log_loss(te, proba, labels=[0, 1]),
            "brier": brier_score_loss(te, proba),
            "roc_auc": roc_auc_score(te, proba),
        }
    return out


def dummy_multiclass(y, k):
    half = len(y) // 2
    tr, te = y[:half], y[half:]
    d = DummyClassifier(strategy="prior").fit(np.zeros((half, 1)), tr)
    proba = d.predict_proba(np.zeros((len(te), 1)))
    full = np.zeros((len(te), k))
    full[:, d.classes_] = proba
    return {"train_rows": half, "prior": full[0].tolist(), "accuracy": accuracy_score(te, d.predict(np.zeros((len(te), 1)))),
            "log_loss": log_loss(te, full, labels=list(range(k)))}


def dummy_regression(y):
    half = len(y) // 2
    tr, te = y[:half], y[half:]
    d = DummyRegressor(strategy="mean").fit(np.zeros((half, 1)), tr)
    pred = d.predict(np.zeros((len(te), 1)))
    mse = mean_squared_error(te, pred)
    return {"train_rows": half, "mean": float(pred[0]), "mse": mse, "rmse": float(np.sqrt(mse)), "mae": mean_absolute_error(te, pred), "r2": r2_score(te, pred)}


for ref in sorted((ROOT / "test/fixtures/reference").glob("reference-*.json")):
    r = json.loads(ref.read_text())
    b = r["binary"]
    y = np.asarray(b["y_true"], dtype=int)
    p = np.asarray(b["y_prob"], dtype=float)
    precision, recall, thresholds = precision_recall_curve(y, p)
    out = {
        "seed": r["seed"],
        "generator": f"scikit-learn {sklearn.__version__}, scripts/make-evaluation-fixtures.py from {ref.name}",
        "binary": {
            "precision_recall_curve": {"precision": precision.tolist(), "recall": recall.tolist(), "thresholds": thresholds.tolist()},
            "at_thresholds": [at_threshold(y, p, t) for t in THRESHOLDS],
            "dummy": dummy_binary(y),
        },
        "multiclass": {"dummy": dummy_multiclass(np.asarray(r["multiclass"]["y_true"], dtype=int), r["multiclass"]["k"])},
        "regression": {"dummy": dummy_regression(np.asarray(r["regression"]["y_true"], dtype=float))},
    }
    dest = ROOT / f"test/fixtures/evaluation/evaluation-{r['seed']}.json"
    dest.write_text(json.dumps(out, indent=1) + "\n")
    print("wrote", dest.relative_to(ROOT))
