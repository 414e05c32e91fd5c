import type { EngineReport } from '../../ml/engine/engine-choice';

const RUNS_ON: Record<string, string> = { 'wasm-simd': 'WebAssembly SIMD', js: 'JavaScript' };

/**
 * "Engine: Kiln (WebAssembly SIMD, 1 thread) — why": what trained a run, in the train, cross-validation
 * and search panels and the run view. A panel passes its own test id: several can be on one page.
 */
export function EngineLine({ engine, testId = 'run-engine' }: { engine: EngineReport | undefined; testId?: string }) {
  if (!engine) return null;
  const name = engine.engine === 'kiln' ? `Kiln (${RUNS_ON[engine.runsOn] ?? engine.runsOn}, ${engine.threads} thread${engine.threads === 1 ? '' : 's'})` : `TF.js (${engine.runsOn})`;
  return (
    <p className="muted" data-testid={testId} data-engine={engine.engine} data-runs-on={engine.runsOn} data-threads={engine.threads}>
      Engine: {name} · {engine.why}
    </p>
  );
}
