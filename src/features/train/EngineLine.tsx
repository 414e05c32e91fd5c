import type { EngineReport } from '../../ml/engine/engine-choice';

const RUNS_ON: Record<string, string> = { 'wasm-simd': 'WebAssembly SIMD', js: 'JavaScript', webgpu: 'WebGPU' };

/** "Kiln (WebAssembly SIMD, 2 threads)", "Kiln (WebGPU, nvidia / ampere)" or "TF.js (wasm)". */
export function engineName(engine: EngineReport): string {
  if (engine.engine !== 'kiln') return `TF.js (${engine.runsOn})`;
  if (engine.runsOn === 'webgpu') return `Kiln (WebGPU${engine.adapter ? `, ${engine.adapter}` : ''})`;
  return `Kiln (${RUNS_ON[engine.runsOn] ?? engine.runsOn}, ${engine.threads} thread${engine.threads === 1 ? '' : 's'})`;
}

/** The median of the epochs' measured rates (an epoch's wall clock includes its validation pass) and how many epochs had one, or null. */
export function measuredRate(epochs: readonly { samplesPerSec?: number }[]): { rate: number; epochs: number } | null {
  const rates = epochs.map((e) => e.samplesPerSec).filter((r): r is number => typeof r === 'number' && Number.isFinite(r) && r > 0);
  if (!rates.length) return null;
  rates.sort((a, b) => a - b);
  const m = rates.length >> 1;
  return { rate: rates.length % 2 ? rates[m] : (rates[m - 1] + rates[m]) / 2, epochs: rates.length };
}

/**
 * "Engine: Kiln (WebAssembly SIMD, 1 thread) · 52,000 samples/s measured — why": what trained a run,
 * in the train, cross-validation and search panels and the run view (which passes the stored
 * epochs, so a reopened run says how fast it trained). A panel passes its own test id: several can
 * be on one page.
 */
export function EngineLine({ engine, testId = 'run-engine', epochs, unit = 'samples' }: { engine: EngineReport | undefined; testId?: string; epochs?: readonly { samplesPerSec?: number }[]; unit?: string }) {
  if (!engine) return null;
  const name = engineName(engine);
  const measured = epochs ? measuredRate(epochs) : null;
  return (
    <p className="muted" data-testid={testId} data-engine={engine.engine} data-runs-on={engine.runsOn} data-threads={engine.threads} data-calibrated={engine.calibration ? engine.calibration.map((c) => `${c.runsOn}:${c.samplesPerSec === null ? 'failed' : Math.round(c.samplesPerSec)}`).join(',') : undefined} data-rate={measured ? Math.round(measured.rate) : undefined}>
      Engine: {name}
      {measured && ` · ${Math.round(measured.rate).toLocaleString('en-US')} ${unit}/s measured (median of ${measured.epochs} epoch${measured.epochs === 1 ? '' : 's'})`} · {engine.why}
    </p>
  );
}
