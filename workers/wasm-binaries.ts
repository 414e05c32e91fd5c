import { env } from '@tensorflow/tfjs';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { configureWasm } from '../src/ml/backends/tf-backend';

/**
 * Where the build emits TF.js's wasm binaries (hashed assets in dist/, so a static host needs no
 * node_modules). Every worker that may pick the wasm backend calls this once at load: the backend
 * fetches them lazily, from these URLs.
 */
export function configureWorkerWasm(): void {
  // Single-threaded even on a cross-origin isolated page: the threaded build starts its pthread
  // workers from a stringified copy of its glue, which the bundler's minifier leaves referring to
  // names outside it ("e is not defined" in every blob worker); one thread also keeps wasm runs
  // bit-for-bit reproducible (checkpoint resume relies on it).
  env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  configureWasm({
    'tfjs-backend-wasm.wasm': wasmPlain,
    'tfjs-backend-wasm-simd.wasm': wasmSimd,
    'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
  });
}
