#!/usr/bin/env python3
"""The peer for Kiln's GBDT: scikit-learn's HistGradientBoosting{Classifier,Regressor}.

Reads a JSON spec (argv[1]) written by Kiln's harness: the matrix as a CSV of feature columns,
targets, the train and test row indices, and Kiln's settings. Trains with matched settings
(leaf-wise growth, same leaf cap, min samples per leaf, L2, bins, rounds, no early stopping) and
prints one JSON object: metrics on the test rows, fit time, and the predictions.
"""
import json
import sys
import time

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor


def main() -> None:
    spec = json.load(open(sys.argv[1]))
    x = np.loadtxt(spec["x_csv"], delimiter=",", dtype=np.float64, ndmin=2)
    y = np.asarray(spec["y"], dtype=np.float64)
    tr = np.asarray(spec["train_rows"], dtype=np.int64)
    te = np.asarray(spec["test_rows"], dtype=np.int64)
    p = spec["params"]
    common = dict(
        learning_rate=p["learningRate"],
        max_iter=p["rounds"],
        max_leaf_nodes=p["numLeaves"],
        max_depth=p["maxDepth"] or None,
        min_samples_leaf=p["minSamplesLeaf"],
        l2_regularization=p["l2"],
        max_bins=p["maxBins"],
        early_stopping=False,
        random_state=p["seed"],
    )
    # native category-set splits on these columns (their values are category codes, NaN = missing)
    if spec.get("categorical_features"):
        common["categorical_features"] = spec["categorical_features"]
    kind = spec["kind"]
    t0 = time.perf_counter()
    if kind == "regression":
        model = HistGradientBoostingRegressor(loss="squared_error", **common).fit(x[tr], y[tr])
    else:
        model = HistGradientBoostingClassifier(loss="log_loss", **common).fit(x[tr], y[tr].astype(np.int64))
    fit_s = time.perf_counter() - t0
    out = {"peer": "scikit-learn HistGradientBoosting", "version": __import__("sklearn").__version__, "fit_seconds": fit_s}
    yt = y[te]
    if kind == "regression":
        pred = model.predict(x[te])
        out["rmse"] = float(np.sqrt(np.mean((pred - yt) ** 2)))
        out["predictions"] = pred.tolist()
    else:
        proba = model.predict_proba(x[te])
        pred = model.classes_[np.argmax(proba, axis=1)]
        out["accuracy"] = float(np.mean(pred == yt))
        idx = np.searchsorted(model.classes_, yt.astype(np.int64))
        out["log_loss"] = float(-np.mean(np.log(np.clip(proba[np.arange(len(yt)), idx], 1e-15, 1))))
        out["predictions"] = proba.tolist()
    print(json.dumps(out))


if __name__ == "__main__":
    main()
