import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RANKER } from './config';
import { pairMetrics } from './pair-metrics';
import { splitPairs } from './pair-split';
import { labelsToReach, simulateLabeling } from './simulate-labeling';
import { syntheticPairs, syntheticPool } from './synthetic';
import { trainRanker } from './train-ranker';

describe('the pairwise ranker on a hidden linear utility', () => {
  it('reaches ≥ 0.85 held-out pairwise accuracy on 64-dim embeddings, 3,000 pairs, 10% label noise (WASM backend, default settings)', async () => {
    await tf.setBackend('wasm');
    expect(tf.getBackend()).toBe('wasm');
    const pool = syntheticPool(500, 64, 7);
    const pairs = syntheticPairs(pool, 3000, 0.1, 11);
    const counts: number[] = [];
    const r = await trainRanker({ ...pool, featureNames: [], metricCount: 0, relevance: Float64Array.from(pool.utility) }, pairs, DEFAULT_RANKER, { onEpoch: (e) => void counts.push(e.numTensors) });
    const held = splitPairs(pairs, pool.size, DEFAULT_RANKER.split, DEFAULT_RANKER.seed).validation;
    // the held-out labels carry the same 10% noise: the hidden utility itself scores only this much on them
    const ceiling = pairMetrics(pool.utility, pairs.a, pairs.b, pairs.y, held, 1).accuracy;
    // against the utility that generated the labels: what the ranker learned, without the noise
    const truth = Int8Array.from(pairs.y, (_, k) => (pool.utility[pairs.a[k]] >= pool.utility[pairs.b[k]] ? 1 : -1));
    const vsTruth = pairMetrics(r.scores, pairs.a, pairs.b, truth, held, 1).accuracy;
    const v = r.report.validation;
    console.log(`ranker: ${r.fit.epochsRun} epochs (best ${r.fit.bestEpoch}); held-out pairs ${v.pairs}: accuracy vs the hidden utility ${vsTruth.toFixed(4)}, vs the noisy labels ${v.accuracy.toFixed(4)} (the utility itself: ${ceiling.toFixed(4)}), Kendall tau ${v.kendallTau.toFixed(4)}; NDCG@10 of the pool ${r.report.ndcg?.pool.toFixed(4)}`);
    expect(v.pairs).toBe(600);
    expect(vsTruth).toBeGreaterThanOrEqual(0.85);
    expect(v.accuracy).toBeGreaterThanOrEqual(0.8);
    expect(v.kendallTau).toBeGreaterThan(0.5);
    expect(new Set(counts.slice(1)).size).toBeLessThanOrEqual(1);
    r.model.dispose();
  });

  it('active sampling reaches 0.80 accuracy with fewer labels than random sampling (simulated labeler, 10% noise, 2 pools)', async () => {
    await tf.setBackend('wasm');
    const budget = { initial: 50, perRound: 50, rounds: 13 };
    const need = { random: 0, active: 0 };
    for (const seed of [1, 2]) {
      const pool = syntheticPool(400, 64, 100 + seed);
      const evalPairs = syntheticPairs(pool, 2000, 0, 200 + seed);
      for (const sampler of ['random', 'active'] as const) {
        const curve = await simulateLabeling({ pool, sampler, ...budget, noise: 0.1, config: { ...DEFAULT_RANKER, epochs: 40 }, seed, evalPairs });
        const n = labelsToReach(curve, 0.8) ?? budget.initial + budget.perRound * (budget.rounds + 1);
        need[sampler] += n;
        console.log(`pool ${seed} ${sampler}: 0.80 after ${n} labels; curve ${curve.map((p) => `${p.labels}:${p.accuracy.toFixed(3)}`).join(' ')}`);
      }
    }
    expect(need.active).toBeLessThan(need.random);
  }, 300_000);
});
