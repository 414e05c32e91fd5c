import { expect, test, type Page } from './fixtures/test';
import type { GpuHarness, ModelCase } from './harness/webgpu-engine';

/**
 * Kiln's WebGPU training engine (src/ml/engine/webgpu) on the browser's real adapter (SwiftShader
 * here: Chromium's software WebGPU), against the CPU engine on its reference JS kernels in the
 * same page (e2e/harness/webgpu-engine.ts). No mocks: the kernels run as WGSL on the adapter.
 */

const TOL = 1e-4;

async function harness(page: Page): Promise<void> {
  await page.goto('/e2e/harness/webgpu-engine.html');
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
}

function call<K extends keyof GpuHarness>(page: Page, name: K, ...args: Parameters<GpuHarness[K]>): Promise<Awaited<ReturnType<GpuHarness[K]>>> {
  return page.evaluate(([n, a]) => {
    const h = (window as unknown as { __gpuHarness: Record<string, (...x: unknown[]) => unknown> }).__gpuHarness;
    return h[n as string](...(a as unknown[]));
  }, [name, args] as const) as Promise<Awaited<ReturnType<GpuHarness[K]>>>;
}

const gradCases: ModelCase[] = [
  { kind: 'binary', classes: 2, hidden: [16, 8], activation: 'relu', dropout: 0, l2: 1e-3 },
  { kind: 'binary', classes: 2, hidden: [12], activation: 'sigmoid', dropout: 0.3, l2: 1e-3 },
  { kind: 'multiclass', classes: 3, hidden: [16, 8], activation: 'tanh', dropout: 0.25, l2: 1e-3 },
  { kind: 'multiclass', classes: 4, hidden: [20], activation: 'selu', dropout: 0, l2: 1e-2 },
  { kind: 'regression', classes: 0, hidden: [12, 6], activation: 'elu', dropout: 0.2, l2: 1e-3 },
  { kind: 'regression', classes: 0, hidden: [10], activation: 'linear', dropout: 0, l2: 1e-3 },
  { kind: 'ordinal', classes: 4, hidden: [10, 6], activation: 'selu', dropout: 0.2, l2: 1e-3 },
  { kind: 'ordinal', classes: 5, hidden: [18], activation: 'tanh', dropout: 0, l2: 1e-3 },
  { kind: 'binary', classes: 2, hidden: [], activation: 'relu', dropout: 0, l2: 1e-3 },
];

test('the GEMM alone equals a float64 product on odd shapes (tile edges in m, n and k) for the forward, dW and dX layouts', async ({ page }) => {
  await harness(page);
  const shapes: [number, number, number][] = [[37, 5, 300], [1, 1, 1], [33, 65, 40], [5, 37, 31], [64, 32, 33]];
  for (const [m, n, k] of shapes)
    for (const layout of ['NN', 'TN', 'NT'] as const) {
      const r = await call(page, 'gemmCase', m, n, k, layout);
      expect(r.err, `${m}×${n}×${k} ${layout}`).toBeLessThan(TOL);
    }
});

test('one step: the GPU gradient (whole flat buffer, L2 in) and loss equal DenseNet.backward on the JS kernels for every task and activation, dropout with the same masks', async ({ page }) => {
  await harness(page);
  for (const c of gradCases) {
    const name = `${c.kind} ${c.hidden.join('×') || 'logistic'} ${c.activation} dropout ${c.dropout}`;
    const r = await call(page, 'gradCase', c);
    console.log(`grad ${name}: max rel err ${r.gradErr.toExponential(2)}, loss ${r.lossErr.toExponential(2)}`);
    expect(r.gradNorm, name).toBeGreaterThan(0);
    expect(r.gradErr, name).toBeLessThanOrEqual(TOL);
    expect(r.lossErr, name).toBeLessThanOrEqual(TOL);
    expect(r.masksEqual, name).toBe(true);
    if (c.dropout > 0) expect(r.dropped, name).toBeGreaterThan(0);
  }
});

const adamCases: ModelCase[] = [
  { kind: 'binary', classes: 2, hidden: [16, 8], activation: 'relu', dropout: 0.2, l2: 1e-3 },
  { kind: 'multiclass', classes: 3, hidden: [16, 8], activation: 'tanh', dropout: 0, l2: 1e-3 },
  { kind: 'regression', classes: 0, hidden: [12], activation: 'elu', dropout: 0.1, l2: 1e-3 },
  { kind: 'ordinal', classes: 4, hidden: [10, 6], activation: 'selu', dropout: 0, l2: 1e-3 },
  { kind: 'binary', classes: 2, hidden: [], activation: 'relu', dropout: 0, l2: 1e-3 },
];

test('20 Adam steps from the same weights and batches: every step loss and the final weights of fitDenseGpu match fitDense to 1e-4', async ({ page }) => {
  await harness(page);
  for (const c of adamCases) {
    const name = `${c.kind} ${c.hidden.join('×') || 'logistic'} ${c.activation} dropout ${c.dropout}`;
    const r = await call(page, 'adamCase', c);
    console.log(`adam ${name}: step loss ${r.lossErr.toExponential(2)}, weights ${r.weightErr.toExponential(2)}, val loss ${r.valLossErr.toExponential(2)}`);
    expect(r.steps, name).toEqual([20, 20]);
    expect(r.kernels).toBe('webgpu');
    expect(r.lossErr, name).toBeLessThanOrEqual(TOL);
    // the tightest is a regression's one-element output bias (7.4e-5 here): the CPU engine's own
    // float32 WASM kernels differ from its float64-summing JS kernels by as much there (7.6e-5)
    expect(r.weightErr, name).toBeLessThanOrEqual(TOL);
    expect(r.valLossErr, name).toBeLessThanOrEqual(TOL);
    // the weights moved: a loop that never updated would fail here
    expect(r.moved, name).toBeGreaterThan(1e-2);
  }
});

test('a full run on wine reaches the CPU engine’s validation accuracy within a point, early stopping restoring the best epoch', async ({ page }) => {
  await harness(page);
  const r = await call(page, 'wineRun');
  console.log(`wine: ${JSON.stringify(r)}`);
  expect(r.gpu.acc).toBeGreaterThanOrEqual(0.9);
  expect(Math.abs(r.gpu.acc - r.cpu.acc)).toBeLessThanOrEqual(0.01);
  expect(r.gpu.reason).toBe('early-stopped');
  expect(r.gpu.bestEpoch).toBeLessThan(r.gpu.epochsRun);
  expect(r.epochsReported).toBe(r.gpu.epochsRun);
  // the weights returned are the best epoch's: their validation loss is the best recorded one
  expect(Math.abs(r.restoredValLoss - r.gpu.bestValLoss) / r.gpu.bestValLoss).toBeLessThanOrEqual(1e-5);
  expect(r.bestEpochAcc).toBe(r.gpu.acc);
});

test('a GPU run resumed from its epoch-3 checkpoint (dropout, restore-best) ends bit for bit where the uninterrupted GPU run ends', async ({ page }) => {
  await harness(page);
  const r = await call(page, 'resumeRun');
  console.log(`resume: ${JSON.stringify(r)}`);
  expect(r.firstReason).toBe('user-stopped');
  expect(r.checkpointEpoch).toBe(3);
  expect(r.hasDropoutState).toBe(true);
  expect(r.epochsRun[1]).toBe(r.epochsRun[0]);
  expect(r.bestEpoch[1]).toBe(r.bestEpoch[0]);
  expect(r.bestValLoss[1]).toBe(r.bestValLoss[0]);
  expect(r.maxDiff).toBe(0);
  expect(r.sameBits).toBe(true);
});

test('memory is flat: no buffer, bind group or pipeline made after the first step, the same GPU bytes for 1 and 6 epochs; the step rate is quick to measure', async ({ page }) => {
  await harness(page);
  const r = await call(page, 'memoryRun');
  console.log(`memory: ${JSON.stringify(r)}`);
  expect(r.epochsRun).toBe(6);
  // the counters see the setup (so they would see a later call too)…
  expect(r.madeInLongRun.createBuffer).toBeGreaterThan(10);
  expect(r.madeInLongRun.createBindGroup).toBeGreaterThan(5);
  expect(r.madeInLongRun.createComputePipeline).toBe(4);
  // …and nothing after the first step
  for (const [name, n] of Object.entries(r.madeAfterFirstStep)) expect(n, name).toBe(0);
  // several steps per command buffer (reads and validation take their own submissions)
  expect(r.submits).toBeLessThan(r.steps / 2);
  expect(r.memory[0]).toBeGreaterThan(0);
  expect(r.memory[1]).toBe(r.memory[0]);
  expect(r.rate).toBeGreaterThan(0);
  expect(r.rateMs).toBeLessThan(3000);
});

test('a non-finite loss stops the GPU run in the epoch the CPU engine stops in, with the last good (epoch 2) weights', async ({ page }) => {
  await harness(page);
  const r = await call(page, 'nanRun');
  console.log(`nan: ${JSON.stringify(r)}`);
  expect(r.reason).toEqual(['non-finite-loss', 'non-finite-loss']);
  expect(r.epochsRun).toEqual([3, 3]);
  expect(r.message).toMatch(/NaN in epoch 3/);
  expect(r.finite).toBe(true);
  expect(r.weightErr).toBeLessThanOrEqual(TOL);
});

test('a setup the device refuses (a buffer past maxBufferSize) throws a plain error, and the device still trains afterwards', async ({ page }) => {
  await harness(page);
  const r = await call(page, 'refusedSetup');
  console.log(`refused: ${JSON.stringify(r)}`);
  expect(r.message).toMatch(/the WebGPU engine could not be set up on this device/);
  expect(r.after).toBe('completed');
});

test("stretch: the ranker's pair-margin + tie loss kernel gives DenseNet.backwardWith(pairMarginLossAndGrad)'s gradient over 2n rows", async ({ page }) => {
  await harness(page);
  for (const [activation, dropout] of [['relu', 0], ['tanh', 0.2]] as const) {
    const r = await call(page, 'pairCase', activation, dropout);
    console.log(`pair ${activation} dropout ${dropout}: grad ${r.gradErr.toExponential(2)}, loss ${r.lossErr.toExponential(2)}, ties ${r.ties}`);
    expect(r.ties).toBeGreaterThan(0);
    expect(r.gradErr).toBeLessThanOrEqual(TOL);
    expect(r.lossErr).toBeLessThanOrEqual(TOL);
  }
});
