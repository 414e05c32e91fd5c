import { clusterFeeds, clusterToOnnx, clusterVocabJson } from '../../onnx/cluster-onnx';
import { oneTable, requireColumns } from '../../recipe/table-inputs';
import type { ModelFamily, OnnxFeed } from '../family';
import { clusterRecipeProblems, defaultClusterRecipe, type ClusterRecipe } from './defaults';
import { allAssignments, assignRows, clusterMetrics, fitCluster, prepareCluster, type ClusterInput, type ClusterModel, type PreparedCluster } from './model';
import { assignmentsCsv } from './report';
import { clusterSearch } from './search';

const STAGES = 1;

/**
 * k-means clustering (Lloyd as scikit-learn 1.2, k-means++ starts; mini-batch for large sets) on
 * TF-IDF of text columns, standardised numeric columns and/or an embedding column. The fit is one
 * stage: there are no epochs, and the held-out rows are assigned to the nearest centre as a new
 * row would be, which is what the ONNX export is checked against.
 */
export const clusterFamily: ModelFamily<ClusterInput, ClusterRecipe, PreparedCluster, ClusterModel, ClusterModel, never> = {
  id: 'cluster',
  title: 'Clustering',
  detail: 'k-means on text (TF-IDF), numeric or embedding columns; elbow, silhouette, projection, stability between runs',
  unit: 'stage',
  fits: (data) =>
    data.columns.some((c) => c.dtype === 'text' || c.dtype === 'numeric') ? { ok: true } : { ok: false, reason: 'needs a text column, numeric columns or an embedding column (a JSON array per row) to cluster' },
  defaults: (data) => defaultClusterRecipe(data.columns),
  validate: clusterRecipeProblems,
  prepare: (input, c) => prepareCluster(input, c),
  async fit(p, c, hooks) {
    hooks.onBatch?.({ epoch: 1, step: 1, stepsPerEpoch: STAGES, globalStep: 1, loss: NaN, samplesPerSec: 0, etaMs: null });
    const model = fitCluster(p, c);
    return { model, reason: 'completed', epochsRun: 1, bestEpoch: 1, message: `${model.algorithm === 'lloyd' ? 'Lloyd' : 'mini-batch'} k-means, k = ${model.k}, ${model.nIter} iterations` };
  },
  // labels are int64 in the graph; the distances carry them (the nearest is the label) and are what a float comparison can check
  predict: async (m, p) => ({ distances: assignRows(m, p.heldOutX).distances }),
  evaluate: async (m, p) => clusterMetrics(m, p),
  save: async (m) => structuredClone(m),
  load: (saved) => saved,
  dispose: () => {},
  async toOnnx(m, p, meta) {
    const vocab = clusterVocabJson(m);
    // every row's cluster ships beside the graph, so `kiln train` leaves the assignments as the studio's export does
    const files: Record<string, string> = { 'assignments.csv': assignmentsCsv({ assignments: allAssignments(m, p), heldOutRows: p.heldOutRows }) };
    if (vocab) files['vocab.json'] = JSON.stringify(vocab);
    return { model: clusterToOnnx({ model: m, ...meta }), files };
  },
  onnxFeeds: (m, p) => clusterFeeds(m, p.heldOutRaw) as Record<string, OnnxFeed>,
  engines: { supported: false, reason: 'k-means runs in plain JavaScript over float64 rows: no tensors, so no engine or backend choice.' },
  checkpoints: { supported: false, reason: 'Does not apply: a k-means fit takes seconds and has no epochs; a rerun from the same seed gives the same clusters.' },
  calibration: { supported: false, reason: 'Does not apply: a clustering has no probabilities to calibrate, only distances to centres.' },
  cv: { supported: false, reason: 'Does not apply: there are no labels to score folds against; stability between runs and subsamples is the clustering’s check.' },
  studyOf: {
    base: (c) => c,
    input: (input, c) => ({ input, config: c }),
    join: (_c, base) => base as ClusterRecipe,
  },
  tables: {
    ...oneTable<ClusterInput>((t) => ({ frame: t.frame, source: t.name }), 'the table whose rows are clustered'),
    input(tables, config) {
      const c = config as ClusterRecipe;
      requireColumns(tables.data, [...c.features.text, ...c.features.numeric, c.features.embedding, c.labelColumn], 'config.features');
      return { frame: tables.data.frame, source: tables.data.name };
    },
  },
  search: clusterSearch,
  modelArtifacts: ['cluster-model', 'cluster-result'],
  report: [
    { id: 'sweep', title: 'Elbow and silhouette' },
    { id: 'projection', title: 'Projection' },
    { id: 'terms', title: 'Top terms' },
    { id: 'stability', title: 'Stability' },
  ],
};
