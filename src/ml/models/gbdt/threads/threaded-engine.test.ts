import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KERNELS_WASM_PATH, readBestKernelsWasm } from '../../../engine/wasm/kernels-wasm-node';
import type { TaskKind } from '../../../task';
import { defaultGbdtConfig, type GbdtConfig } from '../config';
import { fitGbdt, type GbdtThreads } from '../fit-gbdt';
import { syntheticTable } from '../synthetic';
import { WasmHistEngine } from '../wasm-hist-engine';
import type { GbdtPool } from './pool';
import { startNodeGbdtPool } from './pool-node';

// Where histograms are built must not change a single tree: the JavaScript shard, the wasm kernels
// on one thread, and pools of 3 threads (so the feature slices are uneven) meeting in shared memory
// or by messages carrying each op's rows (a page without cross-origin isolation) are compared on
// objectives and options that take every path of the split search (missing values, a categorical
// column, monotone constraints, row and column draws, both growth orders).

const ROWS = 900;
const COLS = 12;
const CAT = 9;

function data(kind: TaskKind) {
  const t = syntheticTable(kind, ROWS, COLS, { seed: 4, missingRate: 0.05, classes: 3 });
  // column 9 as a 12-level category that moves the target
  for (let i = 0; i < ROWS; i++) {
    const code = i % 12;
    t.x[i * COLS + CAT] = code;
    if (kind === 'regression') t.y[i] += code % 3;
  }
  return t;
}

const trainRows = Int32Array.from({ length: 700 }, (_, i) => i);
const validationRows = Int32Array.from({ length: ROWS - 700 }, (_, i) => 700 + i);

let pool: GbdtPool;
let byMessage: GbdtPool;
let wasm: GbdtThreads;
beforeAll(async () => {
  pool = await startNodeGbdtPool(3);
  byMessage = await startNodeGbdtPool(3, 'transfer');
  const module = await WebAssembly.compile(await readBestKernelsWasm(KERNELS_WASM_PATH));
  wasm = { engine: async (inp) => new WasmHistEngine(inp, module) };
});
afterAll(async () => {
  await pool?.close();
  await byMessage?.close();
});

const cases: { kind: TaskKind; classes: number; cfg: Partial<GbdtConfig> }[] = [
  { kind: 'binary', classes: 2, cfg: { growth: 'depthwise', maxDepth: 5, numLeaves: 31, monotone: { f0: 1 } } },
  { kind: 'multiclass', classes: 3, cfg: { growth: 'leafwise', numLeaves: 15, rowSubsample: 0.8, colSubsample: 0.7 } },
  { kind: 'regression', classes: 1, cfg: { growth: 'leafwise', numLeaves: 20, monotone: { f2: -1 } } },
  { kind: 'ordinal', classes: 3, cfg: { growth: 'depthwise', maxDepth: 4, numLeaves: 16, colSubsample: 0.5 } },
];

describe('GBDT histogram engines', () => {
  it.each(cases)('$kind: the JavaScript shard, wasm on one thread and 3 threads (shared memory, messages) grow the same trees', async ({ kind, classes, cfg }) => {
    const d = data(kind);
    const config: GbdtConfig = { ...defaultGbdtConfig(), rounds: 12, minSamplesLeaf: 8, earlyStoppingRounds: 0, ...cfg };
    const fit = (threads?: GbdtThreads) => fitGbdt({ x: d.x, featureNames: d.names, y: d.y, trainRows, validationRows, categorical: [CAT] }, kind, classes, config, {}, undefined, threads);
    const before = [pool.threadedFits, byMessage.threadedFits];
    const [js, one, three, messages] = [await fit(), await fit(wasm), await fit(pool), await fit(byMessage)];
    expect([pool.threadedFits, byMessage.threadedFits]).toEqual([before[0] + 1, before[1] + 1]);
    expect([pool.mode, byMessage.mode]).toEqual(['shared', 'transfer']);
    expect([js.threads, one.threads, three.threads, messages.threads]).toEqual([1, 1, 3, 3]);
    expect([js.threadsMeet, one.threadsMeet, three.threadsMeet, messages.threadsMeet]).toEqual([undefined, undefined, 'shared memory', 'messages']);
    expect(js.model.trees.length).toBe(12 * (kind === 'multiclass' ? 3 : 1));
    // the category was split on, so the category-set search ran in every engine
    expect(js.model.trees.some((t) => t.feature.includes(CAT))).toBe(true);
    expect(JSON.stringify(one.model.trees)).toBe(JSON.stringify(js.model.trees));
    expect(JSON.stringify(three.model.trees)).toBe(JSON.stringify(js.model.trees));
    expect(JSON.stringify(messages.model.trees)).toBe(JSON.stringify(js.model.trees));
    expect(three.history.map((h) => h.validationLoss)).toEqual(js.history.map((h) => h.validationLoss));
    expect(messages.history.map((h) => h.validationLoss)).toEqual(js.history.map((h) => h.validationLoss));
  });

  it('a second fit while the pool is busy runs on its own thread, with the same trees', async () => {
    const d = data('binary');
    const config: GbdtConfig = { ...defaultGbdtConfig(), rounds: 20, earlyStoppingRounds: 0 };
    const fit = (threads?: GbdtThreads) => fitGbdt({ x: d.x, featureNames: d.names, y: d.y, trainRows }, 'binary', 2, config, {}, undefined, threads);
    const before = pool.threadedFits;
    const [a, b] = await Promise.all([fit(pool), fit(pool)]);
    expect(pool.threadedFits).toBe(before + 1);
    expect(JSON.stringify(a.model.trees)).toBe(JSON.stringify(b.model.trees));
    // and the pool is free again afterwards
    await fit(pool);
    expect(pool.threadedFits).toBe(before + 2);
  });
});
