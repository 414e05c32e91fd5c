import * as ort from 'onnxruntime-web';

/**
 * The door to onnxruntime: one place that configures the WASM runtime and opens sessions, so the
 * studio, its tests and later the CLI run exported models the same way.
 */
let configured = false;

/** In the browser the app passes the URL folder where it serves the runtime's .mjs and .wasm (never a CDN). */
export function configureOrt(opts: { wasmDir?: string } = {}): void {
  if (configured) return;
  ort.env.wasm.numThreads = 1;
  if (opts.wasmDir) ort.env.wasm.wasmPaths = opts.wasmDir;
  configured = true;
}

export async function openSession(bytes: Uint8Array): Promise<ort.InferenceSession> {
  configureOrt();
  return ort.InferenceSession.create(bytes);
}

/** Runs a tabular Kiln graph on raw inputs; returns every output as a flat array. */
export async function runTabularGraph(
  session: ort.InferenceSession,
  feeds: { numeric: Float32Array; categorical: string[] },
  rows: number,
): Promise<Record<string, ArrayLike<number>>> {
  const input: Record<string, ort.Tensor> = {};
  if (session.inputNames.includes('numeric')) input.numeric = new ort.Tensor('float32', feeds.numeric, [rows, feeds.numeric.length / Math.max(rows, 1)]);
  if (session.inputNames.includes('categorical')) input.categorical = new ort.Tensor('string', feeds.categorical, [rows, feeds.categorical.length / Math.max(rows, 1)]);
  const out = await session.run(input);
  return Object.fromEntries(Object.entries(out).map(([k, t]) => [k, t.data instanceof BigInt64Array ? Array.from(t.data, Number) : (t.data as Float32Array | Float64Array)]));
}
