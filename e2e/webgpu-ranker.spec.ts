import { expect, test, type Page } from './fixtures/test';
import type { GpuRankerHarness } from './harness/webgpu-ranker';

/**
 * The ranker on Kiln's WebGPU engine (src/ml/engine/webgpu/fit-ranker-gpu.ts) on the browser's real
 * adapter (SwiftShader here), against fitRankerOnEngine on the reference JS kernels in the same page
 * (e2e/harness/webgpu-ranker.ts). No mocks: the kernels run as WGSL on the adapter.
 */

const TOL = 1e-4;

async function harness(page: Page): Promise<void> {
  await page.goto('/e2e/harness/webgpu-ranker.html');
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
}

function call<K extends keyof GpuRankerHarness>(page: Page, name: K, ...args: Parameters<GpuRankerHarness[K]>): Promise<Awaited<ReturnType<GpuRankerHarness[K]>>> {
  return page.evaluate(([n, a]) => {
    const h = (window as unknown as { __gpuRankerHarness: Record<string, (...x: unknown[]) => unknown> }).__gpuRankerHarness;
    return h[n as string](...(a as unknown[]));
  }, [name, args] as const) as Promise<Awaited<ReturnType<GpuRankerHarness[K]>>>;
}

test('20 Adam steps from the same weights and pairs: every step loss, the kernels, the validation loss and the pool scores of fitRankerGpu match fitRankerOnEngine to 1e-4', async ({ page }) => {
  await harness(page);
  for (const [layers, dropout] of [[1, 0], [2, 0], [1, 0.3], [2, 0.3]] as const) {
    const name = `${layers} hidden layer(s), dropout ${dropout}, weight decay 1e-3`;
    const r = await call(page, 'adamCase', layers, dropout);
    console.log(`ranker adam ${name}: ${JSON.stringify(r)}`);
    expect(r.steps, name).toEqual([20, 20]);
    expect(r.kernels).toBe('webgpu');
    expect(r.reason).toBe('completed');
    expect(r.lossErr, name).toBeLessThanOrEqual(TOL);
    expect(r.kernelErr, name).toBeLessThanOrEqual(TOL);
    // the biases too: a bias's gradient cancels over a pair's two items (a unit active for both);
    // summed in float32 in row order it left noise that Adam turned into steps of the learning
    // rate's size (1e-2 errors); the GPU's colSum adds each pair's two rows first, exact as the
    // CPU's float64 sum
    expect(r.biasErr, name).toBeLessThanOrEqual(TOL);
    expect(r.valLossErr, name).toBeLessThanOrEqual(TOL);
    expect(r.valAcc[1], name).toBe(r.valAcc[0]);
    expect(r.gpuScoringErr, name).toBeLessThanOrEqual(TOL);
    expect(r.poolScoresErr, name).toBeLessThanOrEqual(TOL);
    expect(r.moved, name).toBeGreaterThan(1e-2);
  }
});

test('a full run on a synthetic pool reaches the CPU engine’s validation pair accuracy within a point, early stopping restoring the best epoch', async ({ page }) => {
  await harness(page);
  const r = await call(page, 'fullRun');
  console.log(`ranker full run: ${JSON.stringify(r)}`);
  expect(r.gpu.kernels).toBe('webgpu');
  expect(r.gpu.acc).toBeGreaterThanOrEqual(0.8);
  expect(Math.abs(r.gpu.acc - r.cpu.acc)).toBeLessThanOrEqual(0.01);
  expect(r.epochsReported).toBe(r.gpu.epochsRun);
  expect(r.bestEpochAcc).toBe(r.gpu.acc);
});

test('memory is flat: no buffer, bind group or pipeline made after the first step; several steps share a submission; a stop between steps ends the run', async ({ page }) => {
  await harness(page);
  const r = await call(page, 'memoryRun');
  console.log(`ranker memory: ${JSON.stringify(r)}`);
  expect(r.epochsRun).toBe(5);
  expect(r.madeInLongRun.createBuffer).toBeGreaterThan(10);
  expect(r.madeInLongRun.createComputePipeline).toBe(4);
  for (const [name, n] of Object.entries(r.madeAfterFirstStep)) expect(n, name).toBe(0);
  expect(r.submits).toBeLessThan(r.steps / 2);
  expect(r.stopped).toEqual({ reason: 'user-stopped', epochsRun: 1, finite: true });
});

test('a non-finite loss stops the GPU ranker run in the epoch the CPU engine stops in, with finite weights', async ({ page }) => {
  await harness(page);
  const r = await call(page, 'nanRun');
  console.log(`ranker nan: ${JSON.stringify(r)}`);
  expect(r.reason).toEqual(['non-finite-loss', 'non-finite-loss']);
  expect(r.epochsRun).toEqual([3, 3]);
  expect(r.message).toMatch(/NaN in epoch 3/);
  expect(r.finite).toBe(true);
});

test('trainRanker with engine kiln-webgpu trains on the GPU fit and scores the pool as engine kiln does', async ({ page }) => {
  await harness(page);
  const r = await call(page, 'trainRankerRun');
  console.log(`ranker trainRanker: ${JSON.stringify(r)}`);
  expect(r.epochsRun).toEqual([4, 4]);
  expect(r.scoresErr).toBeLessThanOrEqual(TOL);
  expect(Math.abs(r.acc[1] - r.acc[0])).toBeLessThanOrEqual(0.01);
});
