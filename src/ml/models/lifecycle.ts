import type { TrainEngine } from '../engine/train-engine';
import type { AnyModelFamily, FamilyEpoch, FitOptions, Fitted, Outputs } from './family';

/**
 * The generic run lifecycle over any family: prepare, fit (progress, stop, checkpoints), and, for
 * a stopped run, resume from its latest checkpoint. What the train worker, the CLI and the
 * lifecycle test share, so none of them knows which family it drives.
 */
export interface LifecycleRun {
  prepared: unknown;
  fitted: Fitted<unknown>;
  epochs: FamilyEpoch[];
  /** the latest checkpoint the fit produced (structured-cloned, as IndexedDB would hand it back) */
  checkpoint?: unknown;
}

export interface LifecycleOptions {
  engine?: TrainEngine;
  treeThreads?: FitOptions<unknown>['treeThreads'];
  /** stop after this epoch or round finishes (the stop a user makes, between two steps) */
  stopAfter?: number;
  resume?: unknown;
  /** reuse data prepared by an earlier call (a resume re-prepares the same data otherwise) */
  prepared?: unknown;
  /** each finished epoch or round, as it ends (progress) */
  onEpoch?: (e: FamilyEpoch) => void;
}

export async function runFamily(family: AnyModelFamily, input: unknown, config: unknown, opts: LifecycleOptions = {}): Promise<LifecycleRun> {
  const problems = family.validate(config);
  if (problems.length) throw new Error(`${family.title}: ${problems.join('; ')}`);
  const prepared = opts.prepared ?? (await family.prepare(input, config));
  const epochs: FamilyEpoch[] = [];
  let checkpoint: unknown;
  let stop = false;
  const fitted = await family.fit(
    prepared,
    config,
    {
      onEpoch: (e) => {
        epochs.push(e);
        opts.onEpoch?.(e);
        if (opts.stopAfter !== undefined && e.epoch >= opts.stopAfter) stop = true;
      },
      onCheckpoint: (cp) => {
        checkpoint = structuredClone(cp);
      },
      shouldStop: () => stop,
    },
    { resume: opts.resume, engine: opts.engine, treeThreads: opts.treeThreads },
  );
  return { prepared, fitted, epochs, checkpoint };
}

/** Largest |a − b| / max(1, |b|) over every named output (each must exist on both sides with one length). */
export function outputsDiff(actual: Outputs, expected: Outputs): number {
  let worst = 0;
  for (const [name, e] of Object.entries(expected)) {
    const a = actual[name];
    if (!a) throw new Error(`output "${name}" is missing (have: ${Object.keys(actual).join(', ')})`);
    if (a.length !== e.length) throw new Error(`output "${name}" has ${a.length} values, expected ${e.length}`);
    for (let i = 0; i < e.length; i++) {
      const d = Math.abs(a[i] - e[i]) / Math.max(1, Math.abs(e[i]));
      if (!(d <= worst)) worst = Number.isNaN(d) ? Infinity : d;
    }
  }
  return worst;
}
