import type { EngineReport } from '../../ml/engine/engine-choice';

const RUNS_ON: Record<string, string> = { 'wasm-simd': 'WebAssembly SIMD', js: 'JavaScript' };

/** "Engine: Kiln (WebAssembly SIMD, 1 thread) — why": what trained a run, in the train panel and the run view. */
export function EngineLine({ engine }: { engine: EngineReport | undefined }) {
  if (!engine) return null;
  const name = engine.engine === 'kiln' ? `Kiln (${RUNS_ON[engine.runsOn] ?? engine.runsOn}, ${engine.threads} thread${engine.threads === 1 ? '' : 's'})` : `TF.js (${engine.runsOn})`;
  return (
    <p className="muted" data-testid="run-engine" data-engine={engine.engine} data-runs-on={engine.runsOn} data-threads={engine.threads}>
      Engine: {name} · {engine.why}
    </p>
  );
}
