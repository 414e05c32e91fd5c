import type { ClusterRecipe } from '../ml/models/cluster/defaults';
import type { ClusterModel } from '../ml/models/cluster/model';
import type { ClusterReport } from '../ml/models/cluster/report';
import type { EngineReport } from '../ml/engine/engine-choice';
import type { BackendName, BackendPreference } from '../ml/backends/tf-backend';
import type { ColumnStats } from '../ml/data/column-stats';
import type { DType } from '../ml/data/frame';
import type { DatasetSchema } from '../ml/data/schema';
import type { FittedPreprocess, PreprocessOptions } from '../ml/data/preprocess';
import type { MetricMap } from '../ml/metrics/evaluate';
import type { ProxyExportBody } from '../ml/data/proxy-request';
import type { TabularConfig } from '../ml/models/tabular/config';
import type { SavedTabularModel } from '../ml/models/tabular/saved-model';
import type { NetCheckpoint } from '../ml/models/checkpoint';
import type { EpochSummary, HeldOutPredictions } from '../ml/models/tabular/train-tabular';
import type { CalibratorJson } from '../ml/calibration/calibrator';
import type { SplitConfig, SplitSizes, TaskSpec } from '../ml/task';
import type { SkillDictionary, SkillEntry } from '../ml/skills/dictionary';
import type { Strategy } from '../ml/skills/extract';
import type { StoredHit } from '../ml/skills/stored-hits';
import type { MultilabelReport } from '../ml/metrics/multilabel';
import type { SequenceDataConfig, SequenceModelConfig } from '../ml/models/sequence/config';
import type { SavedSequenceModel } from '../ml/models/sequence/saved-model';
import type { SequenceRunResult } from '../ml/models/sequence/run-result';
import type { ItemPoolSpec } from '../ml/models/ranker/items';
import type { PairLabel, SamplerKind } from '../ml/models/ranker/labels';
import type { RankerConfig } from '../ml/models/ranker/config';
import type { SavedRanker } from '../ml/models/ranker/scorer';
import type { RankerRunResult } from '../ml/models/ranker/run-result';
import type { GbdtConfig } from '../ml/models/gbdt/config';
import type { CvConfig } from '../ml/eval/cross-validation';
import type { CvRunResult } from '../ml/eval/cv-result';
import type { GbdtModel } from '../ml/models/gbdt/model';
import type { AliasEvent } from '../ml/registry/aliases';
import type { FittedMatcher } from '../ml/models/matcher/matcher';
import type { MatcherColumns } from '../ml/models/matcher/matcher-data';
import type { MatcherRunResult, MatcherTrainConfig, MatcherVariant } from '../ml/models/matcher/train-matcher';
import type { GbdtEvaluation, GbdtParityRows, GbdtRunResult } from '../ml/models/gbdt/train-gbdt';
import type { StoredSearchResult, StudySpec } from '../ml/tune/study';
import type { SectionsConfig } from '../ml/models/sections/config';
import type { SectionsModel } from '../ml/models/sections/model';
import type { SectionsRunResult } from '../ml/models/sections/run-result';

/** Stored shapes. Changing one means a new schema version in schema.ts with an upgrade and a test. */
/** Where a dataset came from, so it can be re-imported with the same request. */
export type DatasetOrigin =
  | { kind: 'file'; fileName: string }
  | { kind: 'sample'; fileName: string }
  | { kind: 'proxy'; url: string; request: ProxyExportBody; importedAt: number };

export interface DatasetRecord {
  id: string;
  name: string;
  fileName: string;
  source: DatasetOrigin['kind'];
  /** since schema v2 */
  origin: DatasetOrigin;
  rowCount: number;
  columnCount: number;
  bytes: number;
  /** stats of the frame models see: overrides applied, ignored columns left out */
  stats: ColumnStats[];
  createdAt: number;
  /** since schema v6 (a project archive from before may lack it: types as detected): detected formats and the user's per-column type overrides */
  schema?: DatasetSchema;
}

/** One column of a dataset, stored apart so listing datasets never loads their data. */
export interface DatasetColumnRecord {
  datasetId: string;
  index: number;
  name: string;
  dtype: DType;
  values: Float64Array | (string | null)[];
  /** boolean columns: the file's spellings of 0 and 1 (not indexed, so no schema version) */
  levels?: [string, string];
  /** since schema v6: the text as written, for columns read in a locale format (see keepsText) */
  raw?: (string | null)[];
}

export type RunStatus = 'running' | 'completed' | 'early-stopped' | 'user-stopped' | 'non-finite-loss' | 'failed' | 'interrupted';

interface RunCommon {
  id: string;
  name: string;
  datasetId: string;
  datasetName: string;
  backendRequested: BackendPreference;
  backend?: BackendName;
  backendNote?: string;
  /** what trained the run (Kiln's engine or TF.js); absent on runs stored before the engine */
  engine?: EngineReport;
  status: RunStatus;
  message?: string;
  splitSizes?: SplitSizes;
  featureNames?: string[];
  startedAt: number;
  finishedAt?: number;
  durationMs?: number;
  epochsRun?: number;
  bestEpoch?: number;
  finalMetrics?: MetricMap;
  memoryWarning?: string;
  /** since schema v5: free tags (indexed) and a note, edited on the run */
  tags?: string[];
  notes?: string;
  /**
   * Binary classifiers: the decision threshold chosen on the validation split (P(positive) ≥ it
   * is positive); the export's label output uses it. Absent means 0.5, so older runs need no
   * upgrade and no index is involved (no schema version).
   */
  threshold?: number;
  /** since schema v6: the dataset schema (overrides) the run read its data with; absent = as detected */
  schema?: DatasetSchema;
  /** each resume from a checkpoint: the epoch it continued after, and when */
  resumes?: { fromEpoch: number; at: number }[];
}

/** A tabular run (logistic / MLP / ordinal). `family` is set on every run since schema v3. */
export interface TabularRunRecord extends RunCommon {
  family: 'tabular';
  task: TaskSpec;
  split: SplitConfig;
  /** set on a k-fold cross-validation run: no model, a 'cv-result' artifact instead */
  cv?: CvConfig;
  preprocess: PreprocessOptions;
  model: TabularConfig;
}

/** A career-sequence run: its data options (source columns, vocabulary, cuts) and network. */
export interface SequenceRunRecord extends RunCommon {
  family: 'sequence';
  data: SequenceDataConfig;
  model: SequenceModelConfig;
}

/** A pairwise ranker run: the pool it scored and the labels it learned from (as of its start). */
export interface RankerRunRecord extends RunCommon {
  family: 'ranker';
  pool: ItemPoolSpec;
  labelCount: number;
  model: RankerConfig;
}

/** A gradient-boosted trees run: holdout (one model, exportable) or k-fold cross-validation. */
export interface GbdtRunRecord extends RunCommon {
  family: 'gbdt';
  task: TaskSpec;
  evaluation: GbdtEvaluation;
  model: GbdtConfig;
  /** each resume from a checkpoint: the round it continued after, and when */
  resumes?: { fromEpoch: number; at: number }[];
}

/** A candidate–job matcher run: the three tables it joined (one, when a scores table holds both sides' texts), its columns and config. */
export interface MatcherRunRecord extends RunCommon {
  family: 'matcher';
  tables: { candidates: DatasetRef; jobs: DatasetRef; pairs: DatasetRef };
  columns: MatcherColumns;
  config: MatcherTrainConfig;
}

/**
 * A clustering run (k-means). The run id is the record's id; `modelId` (`kmeans_v{major}.{minor}`)
 * and `version` name the algorithm that made it. The assignments and centres are its artifacts.
 */
export interface ClusterRunRecord extends RunCommon {
  family: 'cluster';
  config: ClusterRecipe;
  modelId: string;
  version: string;
  /** a subsample rerun: the run it reran on a share of that run's rows */
  subsampleOf?: string;
}

/** A section-classifier run: the text and label columns of its dataset, the TF-IDF, the model and the confidence floor (all in `config`). */
export interface SectionsRunRecord extends RunCommon {
  family: 'sections';
  config: SectionsConfig;
}

export interface DatasetRef {
  id: string;
  name: string;
}

/** What a matcher export needs: the section TF-IDF models and both weightings (fixed and learned). */
export interface MatcherModelArtifact {
  sections: FittedMatcher['sections'];
  fixed: Omit<MatcherVariant, 'metrics'>;
  learned: Omit<MatcherVariant, 'metrics'>;
}

/**
 * A hyperparameter search: trials of one model family on one split. It is not a model itself (no
 * registration); its best trial is trained again as a run of that family. `finalMetrics` holds
 * the best trial's value under the study's metric.
 */
interface SearchRunCommon extends RunCommon {
  family: 'search';
  study: StudySpec;
}

/**
 * `trialFamily` is the family each trial trains (its search's id); the setup beside it is that
 * family's, `base` the config every trial starts from before its sampled params are applied.
 * Table families train on `split`'s train rows and are scored on its validation rows.
 */
export type SearchTrialSetup =
  | { trialFamily: 'tabular'; task: TaskSpec; split: SplitConfig; preprocess: PreprocessOptions; base: TabularConfig }
  | { trialFamily: 'gbdt'; task: TaskSpec; split: SplitConfig; base: GbdtConfig }
  /** since the ranker could be searched: the pool and the labels as of the search's start */
  | { trialFamily: 'ranker'; pool: ItemPoolSpec; labelCount: number; base: RankerConfig }
  | { trialFamily: 'sequence'; data: SequenceDataConfig; base: SequenceModelConfig }
  | { trialFamily: 'matcher'; tables: { candidates: DatasetRef; jobs: DatasetRef; pairs: DatasetRef }; columns: MatcherColumns; base: MatcherTrainConfig }
  /** the columns, split and floor are the base's; trials differ in the vectorizer and the model */
  | { trialFamily: 'sections'; base: SectionsConfig }
  /** the features, seed and held-out rows are the base's; trials differ in k and the k-means++ starts */
  | { trialFamily: 'cluster'; base: ClusterRecipe };

export type SearchRunRecord = SearchRunCommon & SearchTrialSetup;

export type RunRecord = TabularRunRecord | SequenceRunRecord | RankerRunRecord | GbdtRunRecord | MatcherRunRecord | ClusterRunRecord | SectionsRunRecord | SearchRunRecord;
export type RunFamily = RunRecord['family'];

/** Append-only metric series: one row per epoch, and the few per-epoch batch-loss reads. */
export type EpochMetricRecord = { runId: string; kind: 'epoch'; seq: number } & Omit<EpochSummary, 'epoch' | 'isBest'>;
export interface StepMetricRecord {
  runId: string;
  kind: 'step';
  seq: number;
  epoch: number;
  loss: number;
}
export type RunMetricRecord = EpochMetricRecord | StepMetricRecord;

export type ArtifactRecord =
  | { id: string; runId: string; kind: 'tabular-model'; data: SavedTabularModel; createdAt: number }
  | { id: string; runId: string; kind: 'preprocess'; data: FittedPreprocess; createdAt: number }
  | { id: string; runId: string; kind: 'predictions'; data: HeldOutPredictions; createdAt: number }
  | { id: string; runId: string; kind: 'calibrator'; data: CalibratorJson; createdAt: number }
  | { id: string; runId: string; kind: 'sequence-model'; data: SavedSequenceModel; createdAt: number }
  | { id: string; runId: string; kind: 'sequence-result'; data: SequenceRunResult; createdAt: number }
  | { id: string; runId: string; kind: 'ranker-model'; data: SavedRanker; createdAt: number }
  | { id: string; runId: string; kind: 'ranker-result'; data: RankerRunResult; createdAt: number }
  | { id: string; runId: string; kind: 'cv-result'; data: CvRunResult; createdAt: number }
  | { id: string; runId: string; kind: 'gbdt-model'; data: GbdtModel; createdAt: number }
  | { id: string; runId: string; kind: 'gbdt-result'; data: GbdtRunResult; createdAt: number }
  /** the validation rows' features and Kiln's outputs on them: the export re-checks the ONNX file against these */
  | { id: string; runId: string; kind: 'gbdt-parity'; data: GbdtParityRows; createdAt: number }
  | { id: string; runId: string; kind: 'matcher-model'; data: MatcherModelArtifact; createdAt: number }
  /** metrics of both weightings, the held-out pairs with their texts (explanations after a reload) */
  | { id: string; runId: string; kind: 'matcher-result'; data: Omit<MatcherRunResult, 'sections'>; createdAt: number }
  /** a clustering's feature transform, centres and fitted rows' labels */
  | { id: string; runId: string; kind: 'cluster-model'; data: ClusterModel; createdAt: number }
  /** its report: the k sweep, the projection, top terms, every row's assignment */
  | { id: string; runId: string; kind: 'cluster-result'; data: ClusterReport; createdAt: number }
  | { id: string; runId: string; kind: 'sections-model'; data: SectionsModel; createdAt: number }
  /** held-out figures, the test sections with Kiln's probabilities (the export's parity rows) and the calibration panel's logits */
  | { id: string; runId: string; kind: 'sections-result'; data: SectionsRunResult; createdAt: number }
  /** a search's trials: rewritten after each finished trial (partial), then the final result */
  | { id: string; runId: string; kind: 'search-result'; data: StoredSearchResult; createdAt: number };

/**
 * A run's latest resumable checkpoint (since schema v5), `id` = `${runId}:latest`: each new one
 * replaces the last in one put, so a failed write (a full quota) leaves the previous one whole.
 * `data` is the run's family's checkpoint; every family's carries its last finished epoch (or
 * boosting round) as `epoch`. A reader checks what it got before using it.
 */
export interface CheckpointRecord<D extends { epoch: number } = NetCheckpoint> {
  id: string;
  runId: string;
  epoch: number;
  createdAt: number;
  bytes: number;
  data: D;
}

/** A dataset used as an item pool (since schema v4): one per dataset, `id` = the dataset's id. */
export interface PoolRecord {
  id: string;
  datasetId: string;
  spec: ItemPoolSpec;
  /** reason tags offered on the labeling view, toggled by number keys 1–9 */
  reasonTags: string[];
  /** labels wanted, for the progress bar */
  target: number;
  sampler: SamplerKind;
  labeler: string;
  updatedAt: number;
}

/** One pairwise label (since schema v4), written the moment it is given. */
export type LabelRecord = PairLabel;

/**
 * A registered model version (since schema v5). `id` is the model id
 * (`{model_type}_v{major}.{minor}[-{suffix}]`); config and metrics are copied at registration so
 * a version diff never depends on reading the run back. Archived versions keep their run and
 * artifacts; deleting a registered run archives its versions (refused while production or staging
 * points at one), and such a version cannot be restored.
 */
export interface ModelVersionRecord {
  id: string;
  modelType: string;
  major: number;
  minor: number;
  suffix: string | null;
  runId: string;
  runName: string;
  family: RunFamily;
  registeredAt: number;
  note: string;
  archived: boolean;
  config: unknown;
  metrics: MetricMap;
  /** ECE / Brier before and after the run's calibrator, when it has one */
  calibration: { method: string; before: MetricMap; after: MetricMap } | null;
}

/** One alias move (since schema v5), append-only: the registry's history and its state. */
export type ModelEventRecord = AliasEvent;

export interface SettingRecord {
  key: string;
  value: unknown;
}

/**
 * A skill dictionary the person keeps (schema v7): the canonical skills and their aliases, and the
 * content version (dictionaryVersion) an extraction reports, so results say which dictionary made them.
 */
export interface SkillDictionaryRecord {
  id: string;
  name: string;
  skills: SkillEntry[];
  version: string;
  createdAt: number;
  updatedAt: number;
}

/**
 * One skills extraction, kept as it came out: what it ran on, the dictionary it used (id, name,
 * content version and a snapshot of its skills, so it can be rerun after the dictionary is edited
 * or deleted), each row's hits, and against a gold column the full report (per skill, per document).
 * The texts stay in the dataset: reopening reads them from there.
 */
export interface SkillRunRecord {
  id: string;
  createdAt: number;
  datasetId: string;
  datasetName: string;
  column: string;
  goldColumn: string | null;
  dictionaryId: string;
  dictionaryName: string;
  dictionaryVersion: string;
  dictionary: SkillDictionary;
  strategies: Strategy[];
  rowCount: number;
  /** hits per row, in row order */
  hits: StoredHit[][];
  metrics: MultilabelReport | null;
}
