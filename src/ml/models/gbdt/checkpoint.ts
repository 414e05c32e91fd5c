import type { TaskKind } from '../../task';
import type { BinnedMatrix, FeatureBins } from './binning';
import type { GbdtConfig } from './config';
import type { Tree } from './tree';

/** One boosting round's report, as the fit's history keeps it (fit-gbdt.ts re-exports it). */
export interface GbdtRoundReport {
  round: number;
  trainLoss: number;
  validationLoss: number | null;
  elapsedMs: number;
}

/**
 * What a checkpoint was taken on: a resume is refused unless the data and config it continues
 * with are the same, since the trees so far and the stored scores only mean something there.
 */
export interface GbdtFitSignature {
  kind: TaskKind;
  classes: number;
  featureNames: string[];
  trainRows: number;
  validationRows: number;
  /** FNV-1a over the binned training and validation codes, the bin edges and the targets: everything the trees see */
  dataHash: number;
  config: GbdtConfig;
}

/**
 * Everything a GBDT fit needs to continue after round `epoch` as if it had never stopped: the
 * trees so far, the raw scores of the training and validation rows (stored rather than
 * recomputed: a resume is then instant and cannot add the trees up in another order), the
 * ordinal thresholds, early stopping's bookkeeping and the subsampling generator. Plain arrays
 * and numbers, so it can be posted between threads and stored in IndexedDB as it is.
 */
export interface GbdtCheckpoint {
  format: 'kiln-gbdt-checkpoint-1';
  /** the last whole boosting round; named `epoch` as every family's checkpoint names its unit, so the checkpoint store and a run's rewind read it alike */
  epoch: number;
  fit: GbdtFitSignature;
  /** trees[round · outputs + k], rounds 1..epoch */
  trees: Tree[];
  /** raw scores after round `epoch`, row-major n × outputs, base scores included */
  trainScores: Float64Array;
  validationScores: Float64Array;
  /** ordinal: the thresholds as re-fitted after round `epoch` */
  thresholds?: number[];
  /** early stopping: the best validation loss so far (Infinity before one), its round and its thresholds */
  best: { loss: number; round: number; thresholds?: number[] };
  /** mulberry32 state after round `epoch`'s row and column draws */
  rngState: number;
  history: GbdtRoundReport[];
  /** training time up to the checkpoint: the resumed rounds' elapsed times go on from it */
  elapsedMs: number;
}

/** A checkpoint on offer after a round: `take` copies the state only when the caller wants one (a round can take a millisecond). */
export interface GbdtCheckpointOffer {
  round: number;
  /** the fit is ending on a stop request: the last chance to keep this round */
  final: boolean;
  take(): GbdtCheckpoint;
}

const FNV_PRIME = 0x01000193;

function fnv(h: number, bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], FNV_PRIME);
  return h >>> 0;
}

const bytesOf = (a: Float32Array | Float64Array | Uint8Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

export function gbdtFitSignature(kind: TaskKind, classes: number, featureNames: string[], cfg: GbdtConfig, bins: FeatureBins[], train: BinnedMatrix, yTrain: Float64Array, val: BinnedMatrix | null, yVal: Float64Array | null): GbdtFitSignature {
  let h = 0x811c9dc5;
  h = fnv(h, train.codes);
  h = fnv(h, bytesOf(yTrain));
  if (val && yVal) {
    h = fnv(h, val.codes);
    h = fnv(h, bytesOf(yVal));
  }
  for (const b of bins) h = fnv(h, bytesOf(b.edges));
  return { kind, classes, featureNames: [...featureNames], trainRows: train.rows, validationRows: val?.rows ?? 0, dataHash: h, config: { ...cfg } };
}

/** The first names that differ, for a message that says where. */
function namesDiffer(a: string[], b: string[]): string {
  const i = a.findIndex((n, j) => n !== b[j]);
  const at = i < 0 ? Math.min(a.length, b.length) : i;
  return `the checkpoint has ${a.length} features, this run ${b.length}; feature ${at + 1} is "${a[at] ?? '(none)'}" there and "${b[at] ?? '(none)'}" here`;
}

/** Throws, naming what differs, when a checkpoint was taken on other data, another task or another config. */
export function assertGbdtCheckpointFits(cp: GbdtCheckpoint, sig: GbdtFitSignature): void {
  if (cp.format !== 'kiln-gbdt-checkpoint-1') throw new Error(`not a GBDT checkpoint (format ${String(cp.format)})`);
  const was = cp.fit;
  if (was.kind !== sig.kind || was.classes !== sig.classes) throw new Error(`the checkpoint is for a ${was.kind} task with ${was.classes} classes, this run is ${sig.kind} with ${sig.classes}`);
  if (was.featureNames.length !== sig.featureNames.length || was.featureNames.some((n, i) => n !== sig.featureNames[i])) throw new Error(namesDiffer(was.featureNames, sig.featureNames));
  if (was.trainRows !== sig.trainRows || was.validationRows !== sig.validationRows) {
    throw new Error(`the checkpoint was taken on ${was.trainRows} training and ${was.validationRows} validation rows, this data has ${sig.trainRows} and ${sig.validationRows}`);
  }
  const keys = Object.keys(sig.config) as (keyof GbdtConfig)[];
  // JSON: the monotone map is an object, equal by content after a checkpoint's round trip
  const changed = keys.filter((k) => JSON.stringify(was.config[k]) !== JSON.stringify(sig.config[k]));
  if (changed.length) throw new Error(`the checkpoint was taken with another config: ${changed.map((k) => `${k} ${JSON.stringify(was.config[k])} there, ${JSON.stringify(sig.config[k])} here`).join('; ')}`);
  if (was.dataHash !== sig.dataHash) throw new Error("the checkpoint was taken on other values: the training or validation rows' features or targets differ (same row counts and columns)");
  const outputs = sig.kind === 'multiclass' ? sig.classes : 1;
  if (cp.trees.length !== cp.epoch * outputs || cp.trainScores.length !== sig.trainRows * outputs || cp.validationScores.length !== sig.validationRows * outputs || cp.history.length !== cp.epoch) {
    throw new Error(`the checkpoint of round ${cp.epoch} is incomplete (${cp.trees.length} trees, ${cp.history.length} round reports)`);
  }
}

function arrays(cp: GbdtCheckpoint): Float64Array[] {
  return [cp.trainScores, cp.validationScores];
}

/** About the bytes the checkpoint takes: its score arrays, plus 8 per tree-node field. */
export function gbdtCheckpointBytes(cp: GbdtCheckpoint): number {
  const nodes = cp.trees.reduce((s, t) => s + t.feature.length, 0);
  return arrays(cp).reduce((s, a) => s + a.byteLength, 0) + nodes * 9 * 8 + cp.history.length * 32;
}

/** The buffers to move, not copy, when a checkpoint leaves the worker (the trees are plain arrays and get cloned). */
export function gbdtCheckpointTransferables(cp: GbdtCheckpoint): ArrayBuffer[] {
  return [...new Set(arrays(cp).map((a) => a.buffer as ArrayBuffer))];
}

/** A stored checkpoint is one of Kiln's GBDT checkpoints (IndexedDB hands back whatever was put). */
export function isGbdtCheckpoint(data: unknown): data is GbdtCheckpoint {
  return typeof data === 'object' && data !== null && (data as { format?: unknown }).format === 'kiln-gbdt-checkpoint-1';
}
