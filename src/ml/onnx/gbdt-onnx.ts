import type { GbdtModel } from '../models/gbdt/model';
import { FLOAT, GraphBuilder, INT64 } from './graph-builder';

export interface GbdtExport {
  model: GbdtModel;
  modelId: string;
  kilnVersion: string;
  createdAt: string;
}

const ML = 'ai.onnx.ml';

/** The node attributes TreeEnsembleClassifier and TreeEnsembleRegressor share, plus each leaf's (tree, node, output, weight). */
function ensembleAttrs(m: GbdtModel) {
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
      a.nodes_treeids.push(ti);
      a.nodes_nodeids.push(i);
      a.nodes_featureids.push(leaf ? 0 : t.feature[i]);
      // Kiln routes x ≤ threshold to the left child: BRANCH_LEQ's "true" branch
      a.nodes_modes.push(leaf ? 'LEAF' : 'BRANCH_LEQ');
      a.nodes_values.push(leaf ? 0 : t.threshold[i]);
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
    ...(m.labels ? { labels: JSON.stringify(m.labels) } : {}),
    ...(m.thresholds ? { ordinal_thresholds: JSON.stringify(m.thresholds) } : {}),
    trees: String(m.trees.length),
    gbdt_config: JSON.stringify(m.config),
  };
}

/**
 * `input` float [batch, features] → outputs by task:
 * - binary / multiclass: `label` int64 [batch] (class index) and `probabilities` [batch, K]
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
  const input = g.input('input', FLOAT, ['batch', F]);
  const { common, leaves } = ensembleAttrs(m);
  if (m.kind === 'binary' || m.kind === 'multiclass') {
    const K = m.classes;
    const binary = m.kind === 'binary';
    g.node('TreeEnsembleClassifier', [input], {
      outputs: ['label', 'probabilities'],
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
    g.output('label', INT64, ['batch']);
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
    docString: `Kiln gradient-boosted trees (${m.kind}, ${m.trees.length} trees). input: float [batch, ${F}] raw features in metadata.feature_names order; NaN = missing (routed as in training).`,
    producerVersion: e.kilnVersion,
    metadata: metadata(e),
  });
}
