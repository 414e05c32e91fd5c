import type { GbdtModel } from '../models/gbdt/model';
import { membershipColumns, type MembershipColumns } from './gbdt-onnx-categorical';
import { FLOAT, GraphBuilder, INT64, STRING } from './graph-builder';
import { thresholdLabel, thresholdMetadata } from './threshold-label';
import { decisionThreshold } from '../metrics/threshold';

export interface GbdtExport {
  model: GbdtModel;
  /** binary only: P(positive) at or above it is labelled positive (default 0.5) */
  threshold?: number;
  modelId: string;
  kilnVersion: string;
  createdAt: string;
}

const ML = 'ai.onnx.ml';

/** The node attributes TreeEnsembleClassifier and TreeEnsembleRegressor share, plus each leaf's (tree, node, output, weight). */
function ensembleAttrs(m: GbdtModel, cats: MembershipColumns) {
  const a = {
    nodes_treeids: [] as number[],
    nodes_nodeids: [] as number[],
    nodes_featureids: [] as number[],
    nodes_modes: [] as string[],
    nodes_values: [] as number[],
    nodes_truenodeids: [] as number[],
    nodes_falsenodeids: [] as number[],
    nodes_missing_value_tracks_true: [] as number[],
  };
  const leaves = { tree: [] as number[], node: [] as number[], out: [] as number[], weight: [] as number[] };
  m.trees.forEach((t, ti) => {
    for (let i = 0; i < t.feature.length; i++) {
      const leaf = t.feature[i] < 0;
      // a category-set node reads its membership column (0 = in the set), see gbdt-onnx-categorical.ts
      const member = !leaf && t.catLeft?.[i] ? cats.column(ti, i) : -1;
      a.nodes_treeids.push(ti);
      a.nodes_nodeids.push(i);
      a.nodes_featureids.push(leaf ? 0 : member >= 0 ? member : t.feature[i]);
      // Kiln routes x ≤ threshold to the left child: BRANCH_LEQ's "true" branch
      a.nodes_modes.push(leaf ? 'LEAF' : 'BRANCH_LEQ');
      a.nodes_values.push(leaf ? 0 : member >= 0 ? 0.5 : t.threshold[i]);
      a.nodes_truenodeids.push(leaf ? 0 : t.left[i]);
      a.nodes_falsenodeids.push(leaf ? 0 : t.right[i]);
      a.nodes_missing_value_tracks_true.push(leaf ? 0 : t.missingLeft[i]);
      if (leaf) {
        leaves.tree.push(ti);
        leaves.node.push(i);
        leaves.out.push(ti % m.outputs);
        leaves.weight.push(t.value[i]);
      }
    }
  });
  const common = {
    nodes_treeids: a.nodes_treeids,
    nodes_nodeids: a.nodes_nodeids,
    nodes_featureids: a.nodes_featureids,
    nodes_modes: a.nodes_modes,
    nodes_values: { floats: a.nodes_values },
    nodes_truenodeids: a.nodes_truenodeids,
    nodes_falsenodeids: a.nodes_falsenodeids,
    nodes_missing_value_tracks_true: a.nodes_missing_value_tracks_true,
  };
  return { common, leaves };
}

function metadata(e: GbdtExport): Record<string, string> {
  const m = e.model;
  return {
    kiln_version: e.kilnVersion,
    model_id: e.modelId,
    created_at: e.createdAt,
    task: m.kind,
    feature_names: JSON.stringify(m.featureNames),
    ...(m.categorical?.length ? { categorical: JSON.stringify(m.categorical), inputs: JSON.stringify(gbdtInputs(m)) } : {}),
    ...(m.labels ? { labels: JSON.stringify(m.labels) } : {}),
    ...(m.thresholds ? { ordinal_thresholds: JSON.stringify(m.thresholds) } : {}),
    ...(m.kind === 'binary' ? thresholdMetadata(decisionThreshold(e.threshold)) : {}),
    trees: String(m.trees.length),
    gbdt_config: JSON.stringify(m.config),
  };
}

/** Which features the graph takes as numbers (`input`) and which as strings (`categorical`), each in its input's column order. */
export function gbdtInputs(m: Pick<GbdtModel, 'featureNames' | 'categorical'>): { input: string[]; categorical: string[] } {
  const cat = new Set((m.categorical ?? []).map((c) => c.feature));
  return { input: m.featureNames.filter((f) => !cat.has(f)), categorical: (m.categorical ?? []).map((c) => c.feature) };
}

/**
 * The feeds for the exported graph from Kiln's feature matrix (categorical features as codes):
 * what a service would send, category strings with "" for missing.
 */
export function gbdtOnnxFeeds(m: Pick<GbdtModel, 'featureNames' | 'categorical'>, x: Float32Array, rows: number): { input?: Float32Array; categorical?: string[] } {
  const F = m.featureNames.length;
  const { input, categorical } = gbdtInputs(m);
  const at = (f: string) => m.featureNames.indexOf(f);
  const num = input.map(at);
  const out: { input?: Float32Array; categorical?: string[] } = {};
  if (num.length) {
    const v = new Float32Array(rows * num.length);
    for (let i = 0; i < rows; i++) for (let j = 0; j < num.length; j++) v[i * num.length + j] = x[i * F + num[j]];
    out.input = v;
  }
  if (categorical.length) {
    const cats = m.categorical ?? [];
    const idx = categorical.map(at);
    const v = new Array<string>(rows * idx.length);
    for (let i = 0; i < rows; i++)
      for (let j = 0; j < idx.length; j++) {
        const code = x[i * F + idx[j]];
        v[i * idx.length + j] = Number.isNaN(code) ? '' : (cats[j].categories[code] ?? '');
      }
    out.categorical = v;
  }
  return out;
}

/**
 * The [batch, features] float tensor the trees read. Without categorical features that is the
 * `input` itself; with them, `categorical` (strings, "" = missing) goes through one ai.onnx.ml
 * LabelEncoder per column to Kiln's codes (unknown and missing → NaN, routed as missing in
 * training), and the pieces are put back in featureNames order.
 */
function treeInput(g: GraphBuilder, m: GbdtModel): string {
  const { input, categorical } = gbdtInputs(m);
  if (categorical.length === 0) return g.input('input', FLOAT, ['batch', input.length]);
  const pieces: string[] = [];
  if (input.length) pieces.push(g.input('input', FLOAT, ['batch', input.length]));
  const c = g.input('categorical', STRING, ['batch', categorical.length]);
  (m.categorical ?? []).forEach((cat, j) => {
    const col = g.op('Gather', [c, g.ints('cat_col', [1], [j])], { axis: 1 });
    // a column with no training categories still needs one key; "" is missing anyway
    const keys = cat.categories.length ? cat.categories : [''];
    const values = cat.categories.length ? cat.categories.map((_, k) => k) : [NaN];
    pieces.push(g.op('LabelEncoder', [col], { keys_strings: keys, values_floats: { floats: values }, default_float: NaN }, 'ai.onnx.ml'));
  });
  const all = pieces.length === 1 ? pieces[0] : g.op('Concat', pieces, { axis: 1 });
  const order = [...input, ...categorical];
  const perm = m.featureNames.map((f) => order.indexOf(f));
  if (perm.every((i, k) => i === k)) return all;
  return g.op('Gather', [all, g.ints('feature_order', [perm.length], perm)], { axis: 1 });
}

/**
 * `input` float [batch, features] (and, when the model has categorical features, `input` holds
 * the other features and `categorical` string [batch, C] those; see metadata `inputs`) → outputs by task:
 * - binary / multiclass: `label` int64 [batch] (class index; binary: P(positive) ≥ the run's threshold) and `probabilities` [batch, K]
 *   (TreeEnsembleClassifier; binary as every tree on class 0 with LOGISTIC, which gives [1 − σ, σ]);
 * - ordinal: `label`, `probabilities` (the grade distribution) and `score` (the latent score):
 *   a TreeEnsembleRegressor for s, then P(≤ k) = σ(θ_k − s) and differences of neighbours;
 * - regression: `prediction` [batch].
 * Class and grade names are in the metadata (`labels`), lowest grade first.
 */
export function gbdtToOnnx(e: GbdtExport): Uint8Array {
  const m = e.model;
  const g = new GraphBuilder();
  const F = m.featureNames.length;
  const cats = membershipColumns(g, m, treeInput(g, m));
  const input = cats.input;
  const { common, leaves } = ensembleAttrs(m, cats);
  if (m.kind === 'binary' || m.kind === 'multiclass') {
    const K = m.classes;
    const binary = m.kind === 'binary';
    g.node('TreeEnsembleClassifier', [input], {
      // binary: the ensemble's own label is argmax (0.5); the run's threshold makes the output label
      outputs: [binary ? g.fresh('argmax_label') : 'label', 'probabilities'],
      domain: ML,
      attrs: {
        ...common,
        class_treeids: leaves.tree,
        class_nodeids: leaves.node,
        class_ids: binary ? leaves.tree.map(() => 0) : leaves.out,
        class_weights: { floats: leaves.weight },
        classlabels_int64s: Array.from({ length: K }, (_, i) => i),
        base_values: { floats: m.baseScores },
        post_transform: binary ? 'LOGISTIC' : 'SOFTMAX',
      },
    });
    if (binary) thresholdLabel(g, 'probabilities', decisionThreshold(e.threshold));
    else g.output('label', INT64, ['batch']);
    g.output('probabilities', FLOAT, ['batch', K]);
  } else {
    const raw = g.node('TreeEnsembleRegressor', [input], {
      domain: ML,
      attrs: {
        ...common,
        target_treeids: leaves.tree,
        target_nodeids: leaves.node,
        target_ids: leaves.out,
        target_weights: { floats: leaves.weight },
        n_targets: 1,
        aggregate_function: 'SUM',
        post_transform: 'NONE',
        base_values: { floats: m.baseScores },
      },
    })[0];
    if (m.kind === 'regression') {
      g.node('Squeeze', [raw, g.ints('axis1', [1], [1])], { outputs: ['prediction'] });
      g.output('prediction', FLOAT, ['batch']);
    } else {
      const theta = m.thresholds as number[];
      const K = theta.length + 1;
      g.node('Squeeze', [raw, g.ints('axis1', [1], [1])], { outputs: ['score'] });
      const cum = g.op('Sigmoid', [g.op('Sub', [g.floats('thresholds', [1, K - 1], theta), raw])]);
      const zeros = g.op('Sub', [raw, raw]);
      const ones = g.op('Add', [zeros, g.floats('one', [], [1])]);
      const upper = g.op('Concat', [cum, ones], { axis: 1 });
      const lower = g.op('Concat', [zeros, cum], { axis: 1 });
      g.node('Sub', [upper, lower], { outputs: ['probabilities'] });
      g.node('ArgMax', ['probabilities'], { outputs: ['label'], attrs: { axis: 1, keepdims: 0 } });
      g.output('label', INT64, ['batch']);
      g.output('probabilities', FLOAT, ['batch', K]);
      g.output('score', FLOAT, ['batch']);
    }
  }
  return g.build({
    name: `kiln-gbdt-${m.kind}`,
    docString: m.categorical?.length
      ? `Kiln gradient-boosted trees (${m.kind}, ${m.trees.length} trees). input: float [batch, ${F - m.categorical.length}] numeric features, categorical: string [batch, ${m.categorical.length}] category values, in metadata.inputs order; NaN / "" = missing (routed as in training), unseen categories count as missing.`
      : `Kiln gradient-boosted trees (${m.kind}, ${m.trees.length} trees). input: float [batch, ${F}] raw features in metadata.feature_names order; NaN = missing (routed as in training).`,
    producerVersion: e.kilnVersion,
    metadata: metadata(e),
  });
}
