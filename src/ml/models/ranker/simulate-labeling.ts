import { mulberry32 } from '../../data/rng';
import type { RankerConfig } from './config';
import type { SamplerKind } from './labels';
import { pairMetrics } from './pair-metrics';
import { indexPairKey, samplePairs } from './sampling';
import { oracleLabel, type SyntheticPool } from './synthetic';
import { trainRanker } from './train-ranker';

export interface SimulationOptions {
  pool: SyntheticPool;
  sampler: SamplerKind;
  /** labels drawn at random before the sampler takes over */
  initial: number;
  /** labels added per round (the model is retrained after each round) */
  perRound: number;
  rounds: number;
  noise: number;
  config: RankerConfig;
  seed: number;
  /** pairs scored against the hidden utility (no noise) after each round */
  evalPairs: { a: Int32Array; b: Int32Array; y: Int8Array };
}

export interface SimulationPoint {
  labels: number;
  /** accuracy of the current ranker against the hidden utility on the evaluation pairs */
  accuracy: number;
}

/**
 * A labeling session with a simulated labeler: a noisy oracle answers whatever pairs the sampler
 * asks for; after each round the ranker is retrained from scratch and measured. Random and active
 * sampling run through the same code, so their curves differ only in which pairs were asked.
 */
export async function simulateLabeling(o: SimulationOptions): Promise<SimulationPoint[]> {
  const rng = mulberry32(o.seed);
  const n = o.pool.size;
  const a: number[] = [];
  const b: number[] = [];
  const y: number[] = [];
  const labeled = new Set<number>();
  const coverage = new Int32Array(n);
  const add = (pairs: { a: number; b: number }[]) => {
    for (const p of pairs) {
      a.push(p.a);
      b.push(p.b);
      y.push(oracleLabel(o.pool, p.a, p.b, o.noise, rng));
      labeled.add(indexPairKey(p.a, p.b, n));
      coverage[p.a]++;
      coverage[p.b]++;
    }
  };
  add(samplePairs('random', { n, labeled, coverage, rng }, o.initial));
  const curve: SimulationPoint[] = [];
  const all = Int32Array.from(o.evalPairs.y, (_, i) => i);
  for (let round = 0; round <= o.rounds; round++) {
    const trained = await trainRanker(
      { size: n, dim: o.pool.dim, features: o.pool.features, featureNames: [], metricCount: 0, relevance: null },
      { a: Int32Array.from(a), b: Int32Array.from(b), y: Int8Array.from(y) },
      { ...o.config, seed: o.config.seed + round },
    );
    trained.model.dispose();
    curve.push({ labels: y.length, accuracy: pairMetrics(trained.scores, o.evalPairs.a, o.evalPairs.b, o.evalPairs.y, all, o.config.margin).accuracy });
    if (round < o.rounds) add(samplePairs(o.sampler, { n, labeled, coverage, scores: trained.scores, rng }, o.perRound));
  }
  return curve;
}

/** Fewest labels at which the curve reaches `target`, or null when it never does. */
export function labelsToReach(curve: SimulationPoint[], target: number): number | null {
  return curve.find((p) => p.accuracy >= target)?.labels ?? null;
}
