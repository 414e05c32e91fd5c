/**
 * Precision, recall and F1 over sets of labels per document (skills in a posting), as
 * scikit-learn's precision_recall_fscore_support on MultiLabelBinarizer rows: the label set is the
 * union of gold and predicted labels, zero_division = 0, and
 * - micro: counts pooled over every (document, label);
 * - macro: the unweighted mean of the per-label scores;
 * - samples: the mean of the per-document scores.
 * F1 is 2PR / (P + R) from the rounded P and R, as sklearn forms it.
 */
export interface LabelScores {
  precision: number;
  recall: number;
  f1: number;
}

export interface PerLabel extends LabelScores {
  label: string;
  /** documents whose gold set holds the label */
  support: number;
  /** documents predicted to hold it */
  predicted: number;
  truePositives: number;
}

export interface PerDocument extends LabelScores {
  /** gold labels the prediction missed */
  misses: string[];
  /** predicted labels not in the gold set */
  falseHits: string[];
}

export interface MultilabelReport {
  precision_micro: number;
  recall_micro: number;
  f1_micro: number;
  precision_macro: number;
  recall_macro: number;
  f1_macro: number;
  precision_samples: number;
  recall_samples: number;
  f1_samples: number;
  /** the union of gold and predicted labels, sorted as MultiLabelBinarizer sorts them */
  labels: string[];
  perLabel: PerLabel[];
  perDocument: PerDocument[];
}

const ratio = (num: number, den: number) => (den === 0 ? 0 : num / den);
const f1 = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

function scores(tp: number, predicted: number, actual: number): LabelScores {
  const precision = ratio(tp, predicted);
  const recall = ratio(tp, actual);
  return { precision, recall, f1: f1(precision, recall) };
}

const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((s, v) => s + v, 0) / xs.length);

export function multilabelReport(gold: readonly (readonly string[])[], pred: readonly (readonly string[])[]): MultilabelReport {
  if (gold.length !== pred.length) throw new Error(`${gold.length} gold sets but ${pred.length} predicted sets`);
  const goldSets = gold.map((g) => new Set(g));
  const predSets = pred.map((p) => new Set(p));
  // sorted by code point, as numpy sorts strings
  const labels = [...new Set([...goldSets.flatMap((s) => [...s]), ...predSets.flatMap((s) => [...s])])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const tally = new Map(labels.map((l) => [l, { tp: 0, predicted: 0, support: 0 }]));
  const perDocument: PerDocument[] = [];
  let tpAll = 0;
  let predAll = 0;
  let goldAll = 0;
  goldSets.forEach((g, i) => {
    const p = predSets[i];
    let tp = 0;
    for (const l of p) {
      const t = tally.get(l) as { tp: number; predicted: number; support: number };
      t.predicted++;
      if (g.has(l)) {
        t.tp++;
        tp++;
      }
    }
    for (const l of g) (tally.get(l) as { support: number }).support++;
    tpAll += tp;
    predAll += p.size;
    goldAll += g.size;
    perDocument.push({ ...scores(tp, p.size, g.size), misses: [...g].filter((l) => !p.has(l)), falseHits: [...p].filter((l) => !g.has(l)) });
  });
  const perLabel: PerLabel[] = labels.map((label) => {
    const t = tally.get(label) as { tp: number; predicted: number; support: number };
    return { label, ...scores(t.tp, t.predicted, t.support), support: t.support, predicted: t.predicted, truePositives: t.tp };
  });
  const micro = scores(tpAll, predAll, goldAll);
  return {
    precision_micro: micro.precision,
    recall_micro: micro.recall,
    f1_micro: micro.f1,
    precision_macro: mean(perLabel.map((l) => l.precision)),
    recall_macro: mean(perLabel.map((l) => l.recall)),
    f1_macro: mean(perLabel.map((l) => l.f1)),
    precision_samples: mean(perDocument.map((d) => d.precision)),
    recall_samples: mean(perDocument.map((d) => d.recall)),
    f1_samples: mean(perDocument.map((d) => d.f1)),
    labels,
    perLabel,
    perDocument,
  };
}

/** The nine scalar metrics under the reference fixtures' key names (what `kiln evaluate --task extraction` prints). */
export function multilabelMetrics(r: MultilabelReport): Record<string, number> {
  const keys = ['precision_micro', 'recall_micro', 'f1_micro', 'precision_macro', 'recall_macro', 'f1_macro', 'precision_samples', 'recall_samples', 'f1_samples'] as const;
  return Object.fromEntries(keys.map((k) => [k, r[k]]));
}
