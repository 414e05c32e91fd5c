import * as ort from 'onnxruntime-web';

/**
 * The door to onnxruntime: one place that configures the WASM runtime and opens sessions, so the
 * studio, its tests and later the CLI run exported models the same way.
 */
let configured = false;

/**
 * In the browser the app passes the URL of the runtime's .wasm as its build emitted it (never a
 * CDN, never node_modules); the glue is bundled with onnxruntime-web itself.
 */
export function configureOrt(opts: { wasmPaths?: ort.Env.WasmFilePaths } = {}): void {
  if (configured) return;
  // one thread even when the page is cross-origin isolated: the bundled runtime would start its
  // thread workers from the script that holds it, which in a Vite build is the app's main chunk
  ort.env.wasm.numThreads = 1;
  if (opts.wasmPaths) ort.env.wasm.wasmPaths = opts.wasmPaths;
  configured = true;
}

export async function openSession(bytes: Uint8Array): Promise<ort.InferenceSession> {
  configureOrt();
  return ort.InferenceSession.create(bytes);
}

/** Runs a Kiln graph on raw inputs; returns every output as a flat array. */
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
