import type { ExportResult } from '../export/build-export';
import { familyById as coreFamily } from '../../ml/models/families';
import type { ComponentType } from 'react';
import type { DatasetRecord, EpochMetricRecord, RunRecord, SearchRunRecord, StepMetricRecord } from '../../db/records';
import type { SearchView } from '../tune/search-views';
import type { ColumnStats } from '../../ml/data/column-stats';
import type { Frame } from '../../ml/data/frame';
import type { FamilyId } from '../../state/family-choice';
import type { LiveRunState } from '../../state/live-run';
import type { DataSource } from '../../ml/recipe/recipe';

export type { FamilyId };

/** A run's recipe as its family knows it: the generic builder (features/runs/run-recipe.ts) turns dataset ids into sources. */
export interface RecipeParts {
  config: unknown;
  /** per table role: the dataset's id, or a source carried in the recipe (a ranker's labels, which live in this browser) */
  data: Record<string, string | DataSource>;
  options?: unknown;
}
export type RunOf<F extends FamilyId> = Extract<RunRecord, { family: F }>;

export interface RunViewProps<R extends RunRecord = RunRecord> {
  run: R;
  epochs: EpochMetricRecord[];
  steps: StepMetricRecord[];
  live: boolean;
  onClose: () => void;
  onDelete: () => void;
}

/** The selected dataset, and its rows once loaded (null while the frame is still being read). */
export interface WorkspaceProps {
  dataset: DatasetRecord;
  frame: Frame | null;
}

/** A store that runs one of the family's runs: the generic screens read its live run and backend. */
export interface LiveStore {
  getState(): Pick<LiveRunState, 'runId' | 'phase' | 'backend' | 'backendNote'> & { checkpoint?: { epoch: number } | null };
  subscribe(listener: () => void): () => void;
}

/**
 * A studio feature for this family: `true` when offered, else the words the studio shows in its
 * place (why it does not apply, or that it is not built for this family yet), never a silent gap.
 */
export type Capability = true | string;

export interface Capabilities {
  /** per-epoch checkpoints, and resuming a stopped run from one */
  checkpoints: Capability;
  crossValidation: Capability;
  /** hyperparameter search */
  search: Capability;
}

export const CAPABILITY_NAMES: Record<keyof Capabilities, string> = {
  checkpoints: 'Checkpoints and resume',
  crossValidation: 'Cross-validation',
  search: 'Hyperparameter search',
};

/** What one model family gives the studio; the generic screens (workspace, run view, runs list, settings, registry, test hook) read only this. */
export interface StudioFamily<F extends FamilyId = FamilyId> {
  id: F;
  title: string;
  /** one line under the title in the family switch */
  detail: string;
  /** why this dataset cannot train the family (`reason`), and what it would need; null when it can */
  unavailable?: (dataset: DatasetRecord) => { reason: string; needs: string } | null;
  /** the family's per-dataset setup, made when a dataset is selected, whichever family is chosen */
  prepare?: (dataset: DatasetRecord) => void;
  /** a column of the dataset was re-typed: the family's setup follows the new statistics */
  retyped?: (datasetId: string, stats: ColumnStats[]) => void;
  /** what the family will do to the dataset's columns that its preview should say (a cap that lumps levels), under the preview */
  DatasetNote?: ComponentType<{ dataset: DatasetRecord }>;
  /** setup and training panels for the selected dataset */
  Workspace: ComponentType<WorkspaceProps>;
  /** a stored run of this family, reopened */
  RunView: ComponentType<RunViewProps<RunOf<F>>>;
  /** the stores whose live run is one of this family's (the run view marks it live, the settings show its backend) */
  liveStores: readonly LiveStore[];
  /** set when Kiln's own engine trains the family: what to call its models in the engine's help, and whether it also trains on WebGPU */
  kilnEngine?: { models: string; webgpu: boolean };
  /** set when the family never trains on a TF.js backend (the backend badge then names this instead) */
  fixedBackend?: string;
  /** what a search's run view says of this family's trials, and how it trains the best one as a run (none: no such button) */
  searchView?: SearchView<Extract<SearchRunRecord, { trialFamily: F }>>;
  /** the metric the runs list shows beside a finished run */
  headlineMetric: (run: RunOf<F>) => string;
  /** the registry's default model type and version suffix for a run */
  modelType: (run: RunOf<F>) => { modelType: string; suffix: string };
  /** the run's export bundle (model.onnx, card, metadata, calibrator …): what a push sends and a registered version serves; it throws for a run with no model (a cross-validation run) */
  bundle: (run: RunOf<F>) => Promise<ExportResult>;
  /** what a rerun needs besides the rows (`kiln train`, "Download recipe"): the family's config, each table role's dataset (by id) or rows carried along, and options; throws, saying why, for a run a recipe cannot rerun */
  recipe: (run: RunOf<F>) => Promise<RecipeParts>;
  /** the inverse: a recipe's config and options as the run record's fields (a run `kiln train --push`ed shows in Compare like a studio run) */
  fromRecipe: (config: never, options: never) => Partial<RunOf<F>>;
  /** what e2e specs read from window.__kilnTest for this family (its stores' state, stored results) */
  testHooks: Record<string, (...args: never[]) => unknown>;
}

/** A registration as the generic screens hold it: every run-typed hook takes any run and answers only for its own. */
export interface RegisteredFamily extends Omit<StudioFamily, 'RunView' | 'headlineMetric' | 'modelType' | 'searchView' | 'bundle' | 'recipe' | 'fromRecipe'> {
  fromRecipe: (config: unknown, options: unknown) => Partial<RunRecord>;
  bundle: (run: RunRecord) => Promise<ExportResult>;
  recipe: (run: RunRecord) => Promise<RecipeParts>;
  searchView?: SearchView;
  /** from the family's core contract (src/ml/models/<family>/family.ts): what it offers, or its sentence on why not */
  capabilities: Capabilities;
  owns: (run: RunRecord) => boolean;
  RunView: ComponentType<RunViewProps>;
  headlineMetric: (run: RunRecord) => string | undefined;
  modelType: (run: RunRecord) => { modelType: string; suffix: string } | undefined;
}

/** A workspace that needs the dataset's rows, shown once they are loaded. */
export function framed(Inner: ComponentType<{ dataset: DatasetRecord; frame: Frame }>): ComponentType<WorkspaceProps> {
  return function Framed({ dataset, frame }: WorkspaceProps) {
    return frame ? <Inner dataset={dataset} frame={frame} /> : null;
  };
}

/** Erases a registration's run type behind a family check, so the registry can list families of different run records. */
export function defineFamily<F extends FamilyId>(f: StudioFamily<F>): RegisteredFamily {
  const owns = (r: RunRecord): r is RunOf<F> => r.family === f.id;
  const View = f.RunView;
  const core = coreFamily(f.id);
  if (!core) throw new Error(`the studio registers "${f.id}", which has no core family (src/ml/models/families.ts)`);
  const sv = f.searchView;
  const ownsSearch = (r: SearchRunRecord): r is Extract<SearchRunRecord, { trialFamily: F }> => r.trialFamily === f.id;
  const said = (c: { supported: true } | { supported: false; reason: string }): Capability => (c.supported ? true : c.reason);
  return {
    ...f,
    capabilities: { checkpoints: said(core.checkpoints), crossValidation: said(core.cv), search: core.search.id === f.id ? true : `${core.title} has no search registration.` },
    owns,
    RunView: (p) => (owns(p.run) ? <View {...p} run={p.run} /> : null),
    headlineMetric: (r) => (owns(r) ? f.headlineMetric(r) : undefined),
    bundle: (r) => (owns(r) ? f.bundle(r) : Promise.reject(new Error(`${r.name} is not a ${f.title} run`))),
    recipe: (r) => (owns(r) ? f.recipe(r) : Promise.reject(new Error(`${r.name} is not a ${f.title} run`))),
    fromRecipe: (config, options) => f.fromRecipe(config as never, options as never),
    modelType: (r) => (owns(r) ? f.modelType(r) : undefined),
    searchView: sv && {
      facts: (r) => (ownsSearch(r) ? sv.facts(r) : []),
      trainBest: (r, best) => (ownsSearch(r) ? sv.trainBest(r, best) : Promise.reject(new Error(`a search of ${r.trialFamily} trials is not a ${f.title} search`))),
      useBusy: sv.useBusy,
      same: sv.same,
    },
  };
}
