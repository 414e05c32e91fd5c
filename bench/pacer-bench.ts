// npm run bench:pacer — what keeping Stop responsive costs a training loop (StepPacer).
// The career sequence model on the demo careers, Node + TF.js WASM backend, one epoch per rep,
// interleaved reps, medians: pausing (device sync + event-loop yield) after every step, every
// 100 ms (the default), and never after the first step (Stop then waits for the loop's own loss
// reads, a few per epoch: the old behaviour). Plus the bare cost of one yield.
// Writes bench/results/step-pacer.json.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { resolve } from 'node:path';
import { careerPaths } from '../proxy/src/demo/careers';
import { buildSequenceModel } from '../src/ml/models/sequence/build-model';
import { DEFAULT_SEQUENCE_MODEL, defaultSequenceData, type SequenceModelConfig } from '../src/ml/models/sequence/config';
import { fitSequence } from '../src/ml/models/sequence/fit-sequence';
import { historyFrame } from '../src/ml/models/sequence/test-data';
import { prepareSequence } from '../src/ml/models/sequence/train-sequence';
import { yieldToEventLoop } from '../src/ml/models/step-pacer';

const REPS = Number(process.env.BENCH_REPS ?? 5);
const CANDIDATES = Number(process.env.BENCH_CANDIDATES ?? 2000);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
await tf.setBackend('wasm');

const p = prepareSequence(historyFrame(careerPaths(CANDIDATES)), defaultSequenceData({ shape: 'json', idColumn: 'id', historyColumn: 'work_history' }), 'candidates');
const cfg: SequenceModelConfig = { ...DEFAULT_SEQUENCE_MODEL, epochs: 1, batchSize: 32, earlyStopping: { enabled: false, patience: 1, restoreBestWeights: false } };
const spec = { vocabSize: p.dataset.vocab.tokens.length, config: cfg, tenureMean: p.dataset.tenure.mean, tenureStd: p.dataset.tenure.std };
const steps = Math.ceil(p.rows.train.length / cfg.batchSize);

/** one epoch's training steps (validation is a stub: it is not what the pacer touches) */
async function epoch(pauseEveryMs: number): Promise<{ perSec: number; stepMs: number }> {
  const model = buildSequenceModel(spec);
  const t0 = performance.now();
  await fitSequence(model, p.dataset.examples, p.rows.train, spec, cfg, { validate: async () => 0, pauseEveryMs });
  const dt = performance.now() - t0;
  model.dispose();
  return { perSec: (p.rows.train.length * 1000) / dt, stepMs: dt / steps };
}

const variants = { everyStep: 0, every100ms: 100, never: 1e12 } as const;
await epoch(100); // warm-up
const runs: Record<keyof typeof variants, { perSec: number; stepMs: number }[]> = { everyStep: [], every100ms: [], never: [] };
for (let r = 0; r < REPS; r++) {
  for (const [name, ms] of Object.entries(variants) as [keyof typeof variants, number][]) {
    runs[name].push(await epoch(ms));
    console.log(`rep ${r + 1} ${name}: ${runs[name].at(-1)!.perSec.toFixed(0)} sequences/s`);
  }
}

const N = 20_000;
const y0 = performance.now();
for (let i = 0; i < N; i++) await yieldToEventLoop();
const yieldUs = ((performance.now() - y0) / N) * 1000;

const med = (name: keyof typeof variants) => ({ sequencesPerSec: +median(runs[name].map((x) => x.perSec)).toFixed(1), msPerStep: +median(runs[name].map((x) => x.stepMs)).toFixed(3) });
const never = med('never');
const result = {
  bench: 'step-pacer',
  description: 'cost of StepPacer pauses (device sync + event-loop yield) in the sequence loop, one epoch per rep, interleaved, medians; WASM backend in Node',
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, loadAverage1m: os.loadavg()[0], node: process.version },
  config: { dataset: `demo career paths (${CANDIDATES} people)`, trainExamples: p.rows.train.length, stepsPerEpoch: steps, batchSize: cfg.batchSize, reps: REPS },
  yieldToEventLoopMicroseconds: +yieldUs.toFixed(2),
  results: Object.fromEntries(
    (Object.keys(variants) as (keyof typeof variants)[]).map((k) => {
      const m = med(k);
      return [k, { ...m, slowdownVsNever: +(never.sequencesPerSec / m.sequencesPerSec - 1).toFixed(4) }];
    }),
  ),
};
mkdirSync(resolve(import.meta.dirname, 'results'), { recursive: true });
writeFileSync(resolve(import.meta.dirname, 'results/step-pacer.json'), JSON.stringify(result, null, 2) + '\n');
console.log(JSON.stringify(result, null, 2));
