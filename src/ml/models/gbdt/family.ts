import type { Frame } from '../../data/frame';
import { gbdtOnnxFeeds, gbdtToOnnx } from '../../onnx/gbdt-onnx';
import type { ModelFamily, OnnxFeed, Outputs } from '../family';
import { gbdtCheckpointBytes, gbdtCheckpointTransferables, type GbdtCheckpoint, type GbdtCheckpointOffer } from './checkpoint';
import { validateGbdtConfig } from './config';
import { defaultGbdtSetup, gbdtRunSpec, gbdtSetupProblems, type GbdtSetup } from './defaults';
import { fitGbdt } from './fit-gbdt';
import { outputsFromRaw, predictRaw, type GbdtModel } from './model';
import { gbdtValidationReport, prepareGbdtHoldout, type GbdtHoldoutData } from './train-gbdt';
import { gbdtSearch } from './search';
import { oneTable, requireColumns } from '../../recipe/table-inputs';
import { gbdtHeldOut } from './train-gbdt';

export interface GbdtInput {
  frame: Frame;
  source: string;
}

const TREE_DTYPES = new Set(['numeric', 'boolean', 'categorical']);

/** The validation rows' feature matrix, row-major. */
function validationX(d: GbdtHoldoutData): Float32Array {
  const F = d.featureNames.length;
  const rows = d.split.validation;
  const x = new Float32Array(rows.length * F);
  rows.forEach((r, i) => x.set(d.x.subarray(r * F, (r + 1) * F), i * F));
  return x;
}

/** Histogram gradient-boosted trees: their own WASM histogram kernels, on every core through a thread pool (no tensors, no engine choice). */
export const gbdtFamily: ModelFamily<GbdtInput, GbdtSetup, GbdtHoldoutData, GbdtModel, GbdtModel, GbdtCheckpoint> = {
  id: 'gbdt',
  title: 'Gradient-boosted trees',
  detail: 'binary, multiclass, regression, ordinal grades; cross-validation',
  unit: 'round',
  fits: (data) => (data.columns.filter((c) => TREE_DTYPES.has(c.dtype)).length >= 2 ? { ok: true } : { ok: false, reason: 'needs a target and at least one numeric, boolean or categorical feature column' }),
  defaults: (data) => defaultGbdtSetup(data.columns, data.columns.filter((c) => TREE_DTYPES.has(c.dtype)).map((c) => c.name)),
  validate: (c) => [...gbdtSetupProblems(c), ...validateGbdtConfig(c.model)],
  prepare: (input, c) => prepareGbdtHoldout(input.frame, input.source, gbdtRunSpec(c, input.source).task, c.split),
  async fit(d, c, hooks, options = {}) {
    const data = { x: d.x, featureNames: d.featureNames, y: d.y, trainRows: d.split.train, validationRows: d.split.validation, categorical: d.categoricalFeatures };
    const onCheckpoint = hooks.onCheckpoint;
    const fit = await fitGbdt(
      data,
      c.kind,
      d.classes,
      c.model,
      {
        shouldStop: hooks.shouldStop,
        onRound: (r) => hooks.onEpoch?.({ epoch: r.round, trainLoss: r.trainLoss, valLoss: r.validationLoss ?? NaN, metrics: {}, isBest: false, elapsedMs: r.elapsedMs }),
        // every round is offered; a caller that stores checkpoints throttles (the worker keeps one a second)
        ...(onCheckpoint ? { onCheckpoint: (offer: GbdtCheckpointOffer) => onCheckpoint(offer.take()) } : {}),
      },
      options.resume,
      options.treeThreads,
    );
    const model: GbdtModel = { ...fit.model, labels: d.labels, ...(d.categorical.length ? { categorical: d.categorical } : {}) };
    return { model, reason: fit.reason, epochsRun: fit.history.length, bestEpoch: fit.bestRound };
  },
  async predict(m, d) {
    const out: Outputs = {};
    out[m.kind === 'regression' ? 'prediction' : 'probabilities'] = Float32Array.from(outputsFromRaw(m, predictRaw(m, validationX(d), d.split.validation.length)));
    return out;
  },
  evaluate: async (m, d) => gbdtValidationReport(m, d).metrics,
  save: async (m) => structuredClone(m),
  load: (saved) => saved,
  dispose: () => {},
  // gbdt-model.json keeps what the graph drops (each node's training cover): kiln explain's TreeSHAP reads it (the studio's export ships the same file)
  toOnnx: async (m, _d, meta) => ({ model: gbdtToOnnx({ model: m, ...meta }), files: { 'gbdt-model.json': JSON.stringify(m) } }),
  onnxFeeds(_m, d) {
    // the graph's inputs follow the features and their category codes, which the prepared data fixes
    const n = d.split.validation.length;
    const f = gbdtOnnxFeeds({ featureNames: d.featureNames, categorical: d.categorical.length ? d.categorical : undefined }, validationX(d), n);
    const feeds: Record<string, OnnxFeed> = {};
    if (f.input) feeds.input = { type: 'float32', data: f.input, dims: [n, f.input.length / Math.max(n, 1)] };
    if (f.categorical) feeds.categorical = { type: 'string', data: f.categorical, dims: [n, f.categorical.length / Math.max(n, 1)] };
    return feeds;
  },
  engines: { supported: false, reason: 'Trees train on the CPU with their own histogram kernels (WASM, on every core): no tensors, so no engine or backend choice.' },
  calibration: { supported: true, heldOut: async (m, d) => gbdtHeldOut(m, d, m.kind) },
  studyOf: {
    base: (c) => c.model,
    input: (i, c) => ({ frame: i.frame, source: i.source, task: gbdtRunSpec(c, i.source).task, split: c.split }),
    join: (c, base) => ({ ...c, model: base as GbdtSetup['model'] }),
  },
  tables: {
    ...oneTable<GbdtInput>((t) => ({ frame: t.frame, source: t.name }), 'the table with the target and feature columns'),
    input(tables, config) {
      const c = config as GbdtSetup;
      requireColumns(tables.data, [c.target], 'config.target');
      requireColumns(tables.data, c.features, 'config.features');
      return { frame: tables.data.frame, source: tables.data.name };
    },
  },
  search: gbdtSearch,
  checkpoints: { supported: true, epochOf: (cp) => cp.epoch, bytes: gbdtCheckpointBytes, transferables: gbdtCheckpointTransferables },
  cv: { supported: true, schemes: ['kfold', 'stratified', 'group'] },
  modelArtifacts: ['gbdt-model', 'gbdt-result'],
  report: [
    { id: 'rounds', title: 'Loss by round' },
    { id: 'importance', title: 'Feature importance' },
    { id: 'evaluation', title: 'Validation and test reports' },
  ],
};
