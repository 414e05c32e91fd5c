import type { ColumnStats } from '../data/column-stats';
import type { Frame } from '../data/frame';
import type { HeldOutPredictions } from '../evaluation/held-out-predictions';
import type { GbdtThreads } from './gbdt/fit-gbdt';
import type { TrainEngine } from '../engine/train-engine';
import type { MetricMap } from '../metrics/evaluate';
import type { SearchFamily } from '../tune/family';
import type { BatchReport, StageHook, StopReason } from './loop-utils';

/**
 * The model-family contract. A family (a network, trees, a TF-IDF model, …) is one folder under src/ml/models/ that exports one object
 * of this shape, listed once in families.ts. The run lifecycle (prepare → fit with progress, stop
 * and checkpoints → predict → evaluate → save/load → ONNX) is written once over it: the headless
 * lifecycle test, the CLI and the studio's generic screens call these members and nothing named
 * after a family.
 *
 * Type parameters: `Input` is what the data is (a Frame and its name; an item pool and its
 * labeled pairs; several tables joined), `Config` the recipe (columns, split, model settings:
 * everything a rerun needs besides the data), `Prepared` the arrays a fit reads, `Model` a trained
 * model in memory, `Saved` its plain-array form (structured-clone safe: IndexedDB, postMessage,
 * the server), `Checkpoint` a resumable state between two epochs or rounds.
 *
 * Members are declared as methods on purpose: method parameters are bivariant, so every family
 * is assignable to `AnyModelFamily` and generic code can hold them in one list.
 */
export interface ModelFamily<Input, Config, Prepared, Model, Saved, Checkpoint> {
  /** stable id, stored in run records and recipes */
  readonly id: string;
  readonly title: string;
  /** one line on what it predicts */
  readonly detail: string;
  /** what one fitting step of progress is called: the curve's x axis and the checkpoint's grain */
  readonly unit: FitUnit;
  /** the kinds of the artifacts a run stores that its export reads: a run without them has no model to ship */
  readonly modelArtifacts: readonly string[];

  /** whether a dataset (by its columns) can train this family, and if not, the sentence that says why */
  fits(data: DatasetInfo): FitCheck;
  /** the recipe a first run on this dataset starts from (the UI's form renders and edits it) */
  defaults(data: DatasetInfo): Config;
  /** problems in a recipe, each naming the field (empty: it can run) */
  validate(config: Config): string[];

  prepare(input: Input, config: Config, hooks?: { onStage?: StageHook }): Prepared | Promise<Prepared>;
  /** trains; `resume` continues after a checkpoint's epoch or round and gives the uninterrupted run's numbers */
  fit(prepared: Prepared, config: Config, hooks: FamilyFitHooks<Checkpoint>, options?: FitOptions<Checkpoint>): Promise<Fitted<Model>>;
  /**
   * The model's outputs on the prepared data's validation rows, named as the ONNX graph names
   * them, so a parity check compares like with like.
   */
  predict(model: Model, prepared: Prepared): Promise<Outputs>;
  /** the validation metrics, from the same metric functions the reports use */
  evaluate(model: Model, prepared: Prepared): Promise<MetricMap>;
  save(model: Model): Promise<Saved>;
  load(saved: Saved): Model | Promise<Model>;
  /** frees what the model holds outside the JavaScript heap (TF.js tensors); a no-op for plain models */
  dispose(model: Model): void;

  /** the bundle's graph and its other files (vocabulary, tokenizer, …) */
  toOnnx(model: Model, prepared: Prepared, meta: OnnxMeta): Promise<OnnxBundle>;
  /** the ONNX graph's inputs for the rows `predict` scores: what a service would send (token ids need the model's vocabulary) */
  onnxFeeds(model: Model, prepared: Prepared): Record<string, OnnxFeed>;

  /** whether it trains on Kiln's engine (or TF.js) and has a WebGPU path there; plain-JavaScript families say why not */
  readonly engines: Capability<{ webgpu: boolean }>;
  readonly checkpoints: Capability<CheckpointSupport<Checkpoint>>;
  /** hyperparameter search: the space and its ranges, the pruning resource (or none), the metrics, one trial's run */
  readonly search: SearchFamily;
  /** a recipe as a study's base: the search's input and base config, and the recipe config a trial's config makes */
  readonly studyOf: StudyRecipe<Input, Config>;
  /** how a recipe's tables become this family's input (`kiln train`, a study's workers) */
  readonly tables: TableInput<Input>;
  /** the held-out rows' scores a calibrator is fitted on (as the studio's calibration panel fits it), or why the family has none */
  readonly calibration: Capability<{ heldOut(model: Model, prepared: Prepared): Promise<HeldOutPredictions> }>;
  /** cross-validation: which fold schemes apply */
  readonly cv: Capability<{ schemes: readonly CvScheme[] }>;
  /** the run report's sections, in order (the studio renders each with the family's panel of that id) */
  readonly report: readonly ReportSection[];
}

/** Generic code's view of a family: any family fits it (see the note on methods above). */
export type AnyModelFamily = ModelFamily<unknown, unknown, unknown, unknown, unknown, unknown>;

export type FitUnit = 'epoch' | 'round' | 'stage';

/**
 * A search tunes the model part of a config (its `SearchFamily`'s Config) over an input prepared
 * from the rest (task, split, columns). `base` and `input` separate a recipe config into the two; `join`
 * puts a trial's model config back, so the best trial is a recipe `kiln train` reruns.
 */
export interface StudyRecipe<Input, Config> {
  /** the model config a search tunes */
  base(config: Config): unknown;
  /** the search's input: the family's input with the rest of the config (task, split, columns) */
  input(input: Input, config: Config): unknown;
  join(config: Config, base: unknown): Config;
}

/** A table as a recipe's data source gives it: its frame and the name messages point at. */
export interface NamedFrame {
  name: string;
  frame: Frame;
}

/**
 * The tables a family reads and how they become its input. One role for a one-table family; the
 * matcher's three (which may be one table); the ranker's items and labels. `options` is what the
 * input needs besides the family's config (the ranker's pool spec); families without any accept only none.
 */
export interface TableInput<Input> {
  roles: readonly { name: string; detail: string }[];
  /** problems in the options, each naming its field */
  optionsProblems(options: unknown): string[];
  /** a first config from all the tables, for a family whose `defaults` sees only one (the matcher's three) */
  defaultConfig?(tables: Record<string, NamedFrame>): unknown;
  /** the options a first recipe on these tables starts from (families without options: undefined) */
  defaultOptions?(tables: Record<string, NamedFrame>): unknown;
  /** throws, naming the table and column, when a table lacks what the config reads */
  input(tables: Record<string, NamedFrame>, config: unknown, options: unknown): Input;
}

/** A capability a family has, or the sentence the UI shows where it does not apply. */
export type Capability<T> = ({ supported: true } & T) | NotSupported;
export interface NotSupported {
  supported: false;
  reason: string;
}

export interface DatasetInfo {
  name: string;
  columns: ColumnStats[];
}

export type FitCheck = { ok: true } | { ok: false; reason: string };

/** the fold schemes of ../eval/cross-validation.ts, plus folds in time order */
export type CvScheme = 'kfold' | 'stratified' | 'group' | 'temporal';

export interface ReportSection {
  id: string;
  title: string;
}

/** One finished epoch or round, as every family reports it. */
export interface FamilyEpoch {
  /** 1-based epoch or round */
  epoch: number;
  trainLoss: number;
  valLoss: number;
  /** validation metrics at this epoch (what a pruner or a chart reads) */
  metrics: MetricMap;
  isBest: boolean;
  elapsedMs: number;
}

export interface FamilyFitHooks<Checkpoint> {
  onStage?: StageHook;
  onBatch?: (b: BatchReport) => void;
  onEpoch?: (e: FamilyEpoch) => void | Promise<void>;
  /** a resumable state after an epoch or round; its buffers may be transferred by the caller */
  onCheckpoint?: (cp: Checkpoint) => void;
  shouldStop?: () => boolean;
}

export interface FitOptions<Checkpoint> {
  resume?: Checkpoint;
  /** Kiln's engine (CPU kernels or a WebGPU device) or TF.js; families without tensors ignore it */
  engine?: TrainEngine;
  /** where trees build their histograms (a thread pool, or wasm on this thread); families without trees ignore it */
  treeThreads?: GbdtThreads;
}

export interface Fitted<Model> {
  model: Model;
  reason: StopReason;
  /** the last epoch or round trained (counted from the start of the run, resumes included) */
  epochsRun: number;
  bestEpoch: number;
  message?: string;
}

export interface CheckpointSupport<Checkpoint> {
  /** the epoch or round a checkpoint was taken after */
  epochOf(cp: Checkpoint): number;
  bytes(cp: Checkpoint): number;
  /** the buffers to move, not copy, when a checkpoint leaves a worker */
  transferables(cp: Checkpoint): ArrayBuffer[];
}

/** Named model outputs: row-major values, one array per output. */
export type Outputs = Record<string, Float32Array | Float64Array>;

export type OnnxFeed = { type: 'float32'; data: Float32Array; dims: number[] } | { type: 'int64'; data: BigInt64Array; dims: number[] } | { type: 'string'; data: string[]; dims: number[] };

export interface OnnxMeta {
  modelId: string;
  kilnVersion: string;
  createdAt: string;
}

export interface OnnxBundle {
  /** model.onnx */
  model: Uint8Array;
  /** further files by name (a second graph, vocab.json, …) */
  files: Record<string, Uint8Array | string>;
}
