import type { EntityHistory } from './histories';
import { SPLIT_CODE, entitySplit, resolveCuts, targetAllowed, type SplitName, type TemporalCuts } from './temporal-split';
import { titleFamily } from './titles';
import { buildVocabulary, encodeTitle, vocabCoverage, vocabIndex, type VocabCoverage, type VocabOptions, type Vocabulary } from './vocab';

const MONTH_MS = 30.436875 * 86_400_000;
const DAY_MS = 86_400_000;

export interface ExampleOptions {
  /** roles of history needed before a target (≥ 1) */
  minPrefix: number;
  /** longer histories keep their most recent roles */
  maxPrefix: number;
  /** hireability: the next role starts within this many days of the previous role's end */
  hireGapDays: number;
  vocab: VocabOptions;
  cuts: TemporalCuts;
}

/**
 * Training examples, one per (prefix → next role), as flat typed arrays: `ids` is
 * n × maxPrefix, right-padded with 0. Arrays move to the worker and to tensors without copies.
 */
export interface SequenceExamples {
  n: number;
  maxLen: number;
  ids: Int32Array;
  lengths: Int32Array;
  nextTitle: Int32Array;
  /** months in the next role; NaN while it is ongoing (censored: no tenure loss) */
  tenureMonths: Float32Array;
  hire: Float32Array;
  /** vocabulary index of the last role in the prefix */
  current: Int32Array;
  /** 1 when the next title's family differs from the current one */
  changer: Uint8Array;
  split: Uint8Array;
  targetStart: Float64Array;
  entity: Int32Array;
}

export interface SplitReport {
  entities: number;
  examples: number;
  /** roles of this split's entities kept as history only (they start outside the split's window) */
  contextOnly: number;
  targetFrom: number | null;
  targetTo: number | null;
}

export interface LeakageReport {
  validationFrom: number;
  testFrom: number;
  splits: Record<SplitName, SplitReport>;
  /** true when every validation target starts after every training target, and test after validation */
  ordered: boolean;
  entitiesOnTwoSides: number;
}

export interface SequenceDataset {
  examples: SequenceExamples;
  vocab: Vocabulary;
  coverage: { train: VocabCoverage; heldOut: VocabCoverage };
  leakage: LeakageReport;
  tenure: { mean: number; std: number };
  entityIds: string[];
}

function emptyReport(): SplitReport {
  return { entities: 0, examples: 0, contextOnly: 0, targetFrom: null, targetTo: null };
}

/** Builds the vocabulary on training entities only, then encodes every scored (prefix → next) pair. */
export function buildExamples(entities: EntityHistory[], opts: ExampleOptions): SequenceDataset {
  if (opts.minPrefix < 1) throw new Error(`the minimum prefix length must be at least 1 (got ${opts.minPrefix})`);
  if (opts.maxPrefix < opts.minPrefix) throw new Error(`the maximum prefix length (${opts.maxPrefix}) is below the minimum (${opts.minPrefix})`);
  const cuts = resolveCuts(entities, opts.cuts);
  const splitOf = entities.map((e) => entitySplit(e, cuts));
  const trainTitles: string[] = [];
  const heldTitles: string[] = [];
  entities.forEach((e, i) => {
    for (const r of e.roles) (splitOf[i] === 'train' ? trainTitles : heldTitles).push(r.title);
  });
  const vocab = buildVocabulary(trainTitles, opts.vocab);
  const index = vocabIndex(vocab);

  type Ex = { e: number; k: number; split: SplitName };
  const chosen: Ex[] = [];
  const splits: Record<SplitName, SplitReport> = { train: emptyReport(), validation: emptyReport(), test: emptyReport() };
  entities.forEach((e, i) => {
    const s = splitOf[i];
    if (e.roles.length) splits[s].entities++;
    for (let k = opts.minPrefix; k < e.roles.length; k++) {
      const start = e.roles[k].start;
      if (!targetAllowed(s, start, cuts)) {
        splits[s].contextOnly++;
        continue;
      }
      chosen.push({ e: i, k, split: s });
      const rep = splits[s];
      rep.examples++;
      rep.targetFrom = rep.targetFrom === null ? start : Math.min(rep.targetFrom, start);
      rep.targetTo = rep.targetTo === null ? start : Math.max(rep.targetTo, start);
    }
  });

  const n = chosen.length;
  const T = opts.maxPrefix;
  // at least two columns: a batch runs ≥ 2 steps (see bucketedEpoch)
  const W = Math.max(2, T);
  const ex: SequenceExamples = {
    n,
    maxLen: W,
    ids: new Int32Array(n * W),
    lengths: new Int32Array(n),
    nextTitle: new Int32Array(n),
    tenureMonths: new Float32Array(n),
    hire: new Float32Array(n),
    current: new Int32Array(n),
    changer: new Uint8Array(n),
    split: new Uint8Array(n),
    targetStart: new Float64Array(n),
    entity: new Int32Array(n),
  };
  let tSum = 0;
  let tSq = 0;
  let tN = 0;
  chosen.forEach(({ e, k, split }, j) => {
    const roles = entities[e].roles;
    const from = Math.max(0, k - T);
    for (let p = from; p < k; p++) ex.ids[j * W + (p - from)] = encodeTitle(index, roles[p].title);
    ex.lengths[j] = k - from;
    const prev = roles[k - 1];
    const next = roles[k];
    ex.nextTitle[j] = encodeTitle(index, next.title);
    ex.current[j] = encodeTitle(index, prev.title);
    ex.changer[j] = titleFamily(next.title) !== titleFamily(prev.title) ? 1 : 0;
    const months = next.end === null ? NaN : Math.max(0, (next.end - next.start) / MONTH_MS);
    ex.tenureMonths[j] = months;
    // an overlapping or ongoing previous role means no gap at all
    const gapDays = prev.end === null ? 0 : (next.start - prev.end) / DAY_MS;
    ex.hire[j] = gapDays <= opts.hireGapDays ? 1 : 0;
    ex.split[j] = SPLIT_CODE[split];
    ex.targetStart[j] = next.start;
    ex.entity[j] = e;
    if (split === 'train' && !Number.isNaN(months)) {
      tSum += months;
      tSq += months * months;
      tN++;
    }
  });
  const mean = tN ? tSum / tN : 0;
  const std = tN > 1 ? Math.sqrt(Math.max(tSq / tN - mean * mean, 0)) || 1 : 1;
  const ordered =
    (splits.train.targetTo === null || splits.validation.targetFrom === null || splits.train.targetTo < splits.validation.targetFrom) &&
    (splits.validation.targetTo === null || splits.test.targetFrom === null || splits.validation.targetTo < splits.test.targetFrom) &&
    (splits.train.targetTo === null || splits.test.targetFrom === null || splits.train.targetTo < splits.test.targetFrom);
  const owner = new Map<number, number>();
  let twoSides = 0;
  for (let j = 0; j < n; j++) {
    const prev = owner.get(ex.entity[j]);
    if (prev === undefined) owner.set(ex.entity[j], ex.split[j]);
    else if (prev !== ex.split[j]) twoSides++;
  }
  return {
    examples: ex,
    vocab,
    coverage: { train: vocabCoverage(vocab, trainTitles), heldOut: vocabCoverage(vocab, heldTitles) },
    leakage: { ...cuts, splits, ordered, entitiesOnTwoSides: twoSides },
    tenure: { mean, std },
    entityIds: entities.map((e) => e.id),
  };
}

/** Indices of the examples in one split. */
export function splitRows(ex: SequenceExamples, split: SplitName): Int32Array {
  const code = SPLIT_CODE[split];
  const out: number[] = [];
  for (let j = 0; j < ex.n; j++) if (ex.split[j] === code) out.push(j);
  return Int32Array.from(out);
}
