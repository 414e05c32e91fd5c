// npm run bench:ranker — the pairwise ranker in Node (TF.js WASM backend):
// 1) held-out pairwise accuracy on a hidden linear utility over 64-dim embeddings (3,000 pairs,
//    10% label noise), per seed, against the noisy held-out labels and against the utility itself,
//    with the 2-layer MLP scorer and a linear scorer side by side;
// 2) a simulated labeling session: labels needed to reach 0.80 / 0.85 accuracy (against the
//    utility) with active vs random sampling, same pools, same oracle, same ranker.
// Writes bench/results/ranker.json.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { resolve } from 'node:path';
import { DEFAULT_RANKER, type RankerConfig } from '../src/ml/models/ranker/config';
import { pairMetrics } from '../src/ml/models/ranker/pair-metrics';
import { splitPairs } from '../src/ml/models/ranker/pair-split';
import { labelsToReach, simulateLabeling } from '../src/ml/models/ranker/simulate-labeling';
import { syntheticPairs, syntheticPool } from '../src/ml/models/ranker/synthetic';
import { trainRanker } from '../src/ml/models/ranker/train-ranker';

const SEEDS = (process.env.BENCH_SEEDS ?? '1,2,3').split(',').map(Number);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
await tf.setBackend('wasm');

async function accuracyRun(seed: number, config: RankerConfig) {
  const pool = syntheticPool(500, 64, 7 + seed);
  const pairs = syntheticPairs(pool, 3000, 0.1, 11 + seed);
  const t0 = performance.now();
  const r = await trainRanker({ ...pool, featureNames: [], metricCount: 0, relevance: null }, pairs, config);
  const seconds = (performance.now() - t0) / 1000;
  r.model.dispose();
  const held = splitPairs(pairs, pool.size, config.split, config.seed).validation;
  const truth = Int8Array.from(pairs.y, (_, k) => (pool.utility[pairs.a[k]] >= pool.utility[pairs.b[k]] ? 1 : -1));
  return {
    seed,
    heldOutPairs: held.length,
    accuracyVsLabels: +r.report.validation.accuracy.toFixed(4),
    accuracyVsUtility: +pairMetrics(r.scores, pairs.a, pairs.b, truth, held, 1).accuracy.toFixed(4),
    utilityVsLabels: +pairMetrics(pool.utility, pairs.a, pairs.b, pairs.y, held, 1).accuracy.toFixed(4),
    kendallTau: +r.report.validation.kendallTau.toFixed(4),
    epochs: r.fit.epochsRun,
    seconds: +seconds.toFixed(2),
  };
}

const accuracy: Record<string, Awaited<ReturnType<typeof accuracyRun>>[]> = { mlp: [], linear: [] };
for (const seed of SEEDS) {
  accuracy.mlp.push(await accuracyRun(seed, DEFAULT_RANKER));
  accuracy.linear.push(await accuracyRun(seed, { ...DEFAULT_RANKER, hiddenLayers: 0 }));
  console.log(`seed ${seed}: mlp ${JSON.stringify(accuracy.mlp.at(-1))}\n        linear ${JSON.stringify(accuracy.linear.at(-1))}`);
}

const budget = { initial: 50, perRound: 50, rounds: 15 };
const sessions: { seed: number; sampler: string; to080: number | null; to085: number | null; curve: [number, number][] }[] = [];
for (const seed of SEEDS) {
  const pool = syntheticPool(400, 64, 100 + seed);
  const evalPairs = syntheticPairs(pool, 2000, 0, 200 + seed);
  for (const sampler of ['random', 'active'] as const) {
    const curve = await simulateLabeling({ pool, sampler, ...budget, noise: 0.1, config: { ...DEFAULT_RANKER, epochs: 40 }, seed, evalPairs });
    sessions.push({ seed, sampler, to080: labelsToReach(curve, 0.8), to085: labelsToReach(curve, 0.85), curve: curve.map((p) => [p.labels, +p.accuracy.toFixed(4)]) });
    console.log(`seed ${seed} ${sampler}: 0.80 after ${sessions.at(-1)!.to080}, 0.85 after ${sessions.at(-1)!.to085} labels`);
  }
}
const cap = budget.initial + budget.perRound * (budget.rounds + 1);
const need = (s: string, k: 'to080' | 'to085') => median(sessions.filter((x) => x.sampler === s).map((x) => x[k] ?? cap));

const result = {
  bench: 'ranker',
  description: 'pairwise ranker (margin ranking loss, shared scorer) on a hidden linear utility over 64-dim Gaussian embeddings with 10% label noise; TF.js WASM backend in Node',
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, node: process.version },
  accuracy: {
    setup: '500 items, 3,000 random pairs, 20% held out by pair; defaults (Dense 256 → ReLU → Dropout 0.1 → Dense 1, Adam 1e-3, batch 32, margin 1, up to 50 epochs, early stopping)',
    mlp: accuracy.mlp,
    linear: accuracy.linear,
    medians: { mlpVsLabels: median(accuracy.mlp.map((r) => r.accuracyVsLabels)), mlpVsUtility: median(accuracy.mlp.map((r) => r.accuracyVsUtility)), linearVsUtility: median(accuracy.linear.map((r) => r.accuracyVsUtility)), utilityVsLabels: median(accuracy.mlp.map((r) => r.utilityVsLabels)) },
  },
  activeVsRandom: {
    setup: `400 items, ${budget.initial} random labels then ${budget.rounds} rounds of ${budget.perRound}; ranker retrained from scratch each round (40 epochs max); accuracy on 2,000 random pairs against the utility; a session that never reaches the target counts ${cap}`,
    medianLabelsTo080: { random: need('random', 'to080'), active: need('active', 'to080') },
    medianLabelsTo085: { random: need('random', 'to085'), active: need('active', 'to085') },
    sessions,
  },
};
mkdirSync(resolve(import.meta.dirname, 'results'), { recursive: true });
writeFileSync(resolve(import.meta.dirname, 'results/ranker.json'), JSON.stringify(result, null, 2));
console.log(JSON.stringify({ accuracy: result.accuracy.medians, activeVsRandom: { to080: result.activeVsRandom.medianLabelsTo080, to085: result.activeVsRandom.medianLabelsTo085 } }, null, 2));
