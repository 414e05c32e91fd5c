import type { SplitSizes, TaskKind } from '../task';
import type { Objective, ReportVerdict } from './search';
import { intTop, type ParamSpec, type Params, type SearchSpace } from './space';
import { studyErrors, type StudySpec } from './study';
import type { Direction } from './tpe';

/**
 * What a model family gives the search: its settings and their ranges, what a trial's steps are
 * (the pruner's resource), the metrics it can optimise, and how to train one trial. The driver,
 * the tune worker and the search form read nothing else of a family, so a family's search lives
 * in its own folder and is found by id in the registry (families.ts).
 */

/** What successive halving counts a trial's progress in; null: a trial fits in one shot and cannot be pruned. */
export type PruningResource = 'epochs' | 'rounds' | null;

export interface SearchMetric {
  key: string;
  direction: Direction;
}

/** What the metric choices depend on: the task kind of a table's target (families without one ignore it). */
export interface SearchContext {
  kind?: TaskKind;
}

/** The running trial's figures at a step, for the live view beside the reported value. */
export interface StepFigures {
  trainLoss: number;
  valLoss: number;
  elapsedMs: number;
  numTensors: number;
}

export interface TrialHooks {
  /** a user stop: the trial's fit ends at its next check */
  shouldStop?: () => boolean;
  onStep?: (f: StepFigures) => void;
}

/** The data every trial shares, prepared once: trials differ only in their params. */
export interface PreparedSearch<Config> {
  splitSizes: SplitSizes;
  featureNames: string[];
  droppedRows: number;
  /** trains one trial's config, calling `report` at each step the pruner may judge (never, for a one-shot fit) */
  runTrial(config: Config, report: (step: number, value: number) => ReportVerdict, hooks: TrialHooks): Promise<{ value: number; steps: number }>;
}

export interface PrepareArgs<Input, Config, Engine> {
  /** the family's data and setup, as its search form built them */
  input: Input;
  base: Config;
  /** a key of `metrics(…)` */
  metric: string;
  /** what trains the trials when the family asks for one (`engine` below), else undefined */
  engine: Engine;
}

/**
 * One family's search. Members are methods so a registration typed with its own input, config
 * and engine fits the registry's map of erased ones: each family reads the input its own form built.
 */
export interface SearchFamily<Input = unknown, Config = unknown, Engine = unknown> {
  id: string;
  /** how the family is named in a search's title and messages (e.g. "network") */
  label: string;
  resource: PruningResource;
  /** the first halving rung a new form proposes, in the resource's steps */
  firstRung: number;
  /** every setting a search may set, with the range a first search would try; in the order "add parameter" offers them */
  params: Readonly<Record<string, Omit<ParamSpec, 'name'>>>;
  /** names outside `params`, one line each (the wording is the family's) */
  spaceErrors(space: SearchSpace): string[];
  defaultSpace(base: Config): SearchSpace;
  /** the metrics a trial can be scored by, the default first */
  metrics(ctx: SearchContext): SearchMetric[];
  /** the base config with sampled values put in; throws, naming the setting, on a value the config cannot take */
  applyParams(base: Config, params: Params): Config;
  /** the most steps any trial can run, for progress (1 for a one-shot fit) */
  maxSteps(base: Config, space: SearchSpace): number;
  /**
   * What trains the trials: null for plain JavaScript (no TF.js backend is started); else the
   * worker picks the TF.js backend and the engine as a single run would, `what` naming the model
   * in the engine's reason, `gpuPath` when the family has Kiln's WebGPU path.
   */
  engine: { what(base: Config, space: SearchSpace): string; gpuPath: boolean } | null;
  /** the preprocessing stage's line */
  describeInput(input: Input): string;
  prepare(args: PrepareArgs<Input, Config, Engine>): PreparedSearch<Config> | Promise<PreparedSearch<Config>>;
}

export function tunableNames(f: SearchFamily): string[] {
  return Object.keys(f.params);
}

/** `name: not a tunable … (use …)` for each name a family cannot set, so a typo is not a dozen failed trials. */
export function unknownSettings(space: SearchSpace, tunable: readonly string[], noun: string): string[] {
  return space.filter((p) => !tunable.includes(p.name)).map((p) => `${p.name}: not a tunable ${noun} (use ${tunable.join(', ')})`);
}

/** The metric a study scores by: the chosen one when the family reports it here, else the family's default. */
export function studyMetric(f: SearchFamily, ctx: SearchContext, wanted: string): SearchMetric {
  const all = f.metrics(ctx);
  const m = all.find((x) => x.key === wanted) ?? all[0];
  if (!m) throw new Error(`the ${f.label} search has no metric to optimise`);
  return m;
}

/** Everything wrong with a study of this family before its first trial: one line each, naming the param. */
export function familyStudyErrors(f: SearchFamily, spec: StudySpec, ctx: SearchContext): string[] {
  const errs = [...studyErrors(spec), ...f.spaceErrors(spec.space)];
  const keys = f.metrics(ctx).map((m) => m.key);
  if (!keys.includes(spec.metric)) errs.push(`metric: "${spec.metric}" is not reported ${ctx.kind ? `for a ${ctx.kind} task` : `by the ${f.label}`} (use ${keys.join(', ')})`);
  if (f.resource === null && spec.pruner) errs.push(`pruning: the ${f.label} fits in one shot, with no epochs or rounds to prune between`);
  return errs;
}

/** The most steps any trial can run when a param sets them: the base's, or the top of that param. */
export function maxOfParam(space: SearchSpace, name: string, base: number): number {
  const p = space.find((s) => s.name === name);
  if (!p) return base;
  if (p.kind === 'categorical') return Math.max(...(p.choices ?? []).map((c) => (typeof c === 'number' ? Math.round(c) : 0)), 1);
  return Math.max(1, Math.round(p.kind === 'int' ? intTop(p) : (p.high ?? base)));
}

/** A copy of a family's range for `name` as a space row; undefined when the family has no such setting. */
export function paramOf(f: SearchFamily, name: string): ParamSpec | undefined {
  const r = f.params[name];
  return r ? { name, ...r, ...(r.choices ? { choices: r.choices.slice() } : {}) } : undefined;
}

/** The driver's objective over a prepared search: each trial is the base with its params applied, trained by the family. */
export function familyObjective<C>(f: SearchFamily<unknown, C>, prepared: PreparedSearch<C>, base: C, hooks: TrialHooks = {}): Objective {
  return (params, _index, report) => prepared.runTrial(f.applyParams(base, params), report, hooks);
}
