import type { SavedRanker } from '../models/ranker/scorer';
import { FLOAT, GraphBuilder } from './graph-builder';

export interface RankerExport {
  model: SavedRanker;
  modelId: string;
  kilnVersion: string;
  createdAt: string;
}

/** Initializers made once, so both inputs of the pairwise graph run through the same weights. */
interface ScorerWeights {
  mean: string;
  scale: string;
  zero: string;
  layers: { W: string; b: string }[];
}

function scorerWeights(g: GraphBuilder, m: SavedRanker): ScorerWeights {
  const { spec, weights } = m;
  const layers = spec.config.hiddenLayers + 1;
  if (weights.length !== 2 * layers) throw new Error(`expected ${2 * layers} weight tensors for ${spec.config.hiddenLayers} hidden layers, found ${weights.length}`);
  return {
    mean: g.floats('feature_mean', [spec.inputDim], spec.normalization.mean),
    scale: g.floats('feature_scale', [spec.inputDim], spec.normalization.scale),
    zero: g.floats('zero', [], [0]),
    layers: Array.from({ length: layers }, (_, l) => ({ W: g.floats(`W${l}`, weights[2 * l].shape, weights[2 * l].data), b: g.floats(`b${l}`, weights[2 * l + 1].shape, weights[2 * l + 1].data) })),
  };
}

/** Raw features → score [batch]: (x − mean)·scale with NaN at 0 (the mean), then the MLP. Dropout is off at inference. */
function scoreOf(g: GraphBuilder, w: ScorerWeights, input: string): string {
  const z = g.op('Mul', [g.op('Sub', [input, w.mean]), w.scale]);
  let h = g.op('Where', [g.op('IsNaN', [z]), w.zero, z]);
  w.layers.forEach((l, i) => {
    h = g.op('Add', [g.op('MatMul', [h, l.W]), l.b]);
    if (i < w.layers.length - 1) h = g.op('Relu', [h]);
  });
  return g.op('Squeeze', [h, g.ints('axis1', [1], [1])]);
}

function metadata(e: RankerExport, graph: string): Record<string, string> {
  const s = e.model.spec;
  return {
    kiln_version: e.kilnVersion,
    model_id: e.modelId,
    created_at: e.createdAt,
    graph,
    feature_names: JSON.stringify(s.featureNames),
    normalization: JSON.stringify(s.normalization),
    ranker_config: JSON.stringify(s.config),
  };
}

const INPUT_DOC = (dim: number) => `float [batch, ${dim}] raw item features in metadata.feature_names order (metrics, then the embedding); NaN for a missing metric`;

/** The scorer alone: `input` → `score`, one score per item, dynamic batch. Sort a pool by it to rank. */
export function rankerScorerToOnnx(e: RankerExport): Uint8Array {
  const g = new GraphBuilder();
  const dim = e.model.spec.inputDim;
  const input = g.input('input', FLOAT, ['batch', dim]);
  g.node('Identity', [scoreOf(g, scorerWeights(g, e.model), input)], { outputs: ['score'] });
  g.output('score', FLOAT, ['batch']);
  return g.build({ name: 'kiln_ranker_scorer', docString: `Kiln pairwise ranker, scorer. "input": ${INPUT_DOC(dim)}. "score": float [batch], higher = better.`, producerVersion: e.kilnVersion, metadata: metadata(e, 'scorer') });
}

/** The pairwise graph: `input_a`, `input_b` → `score_diff` = score(a) − score(b); > 0 means A is preferred. */
export function rankerPairwiseToOnnx(e: RankerExport): Uint8Array {
  const g = new GraphBuilder();
  const dim = e.model.spec.inputDim;
  const a = g.input('input_a', FLOAT, ['batch', dim]);
  const b = g.input('input_b', FLOAT, ['batch', dim]);
  const w = scorerWeights(g, e.model);
  g.node('Sub', [scoreOf(g, w, a), scoreOf(g, w, b)], { outputs: ['score_diff'] });
  g.output('score_diff', FLOAT, ['batch']);
  return g.build({
    name: 'kiln_ranker_pairwise',
    docString: `Kiln pairwise ranker, pair graph. "input_a", "input_b": ${INPUT_DOC(dim)}. "score_diff": float [batch] = score(a) − score(b); > 0 prefers A, |d| under the margin (${e.model.spec.config.margin}) reads as a tie.`,
    producerVersion: e.kilnVersion,
    metadata: metadata(e, 'pairwise'),
  });
}
