import * as tf from '@tensorflow/tfjs';
import type { TrainEngine } from '../ml/engine/train-engine';
import { nodeThreadedKernels, startNodeThreadPool } from '../ml/engine/threads/pool-node';
import { createNodeWasmKernels } from '../ml/engine/wasm/kernels-wasm-node';
import type { RecipeEngine } from '../ml/recipe/recipe';

/** The CPU engine a recipe names, in Node: Kiln's WASM kernels (threads through worker_threads when asked) or TF.js's cpu backend. */
export async function cpuEngine(kind: RecipeEngine, threads: number): Promise<{ engine: TrainEngine; label: string; close: () => Promise<void> }> {
  // the families' TF.js parts (weights, the ONNX export's reads) run on the cpu backend either way: nothing in Node draws on a GPU
  await tf.setBackend('cpu');
  // PROD silences TF.js's "install tfjs-node" banner, which would land in the middle of the progress lines
  tf.env().set('PROD', true);
  if (kind === 'tfjs') return { engine: { kind: 'tfjs' }, label: 'TF.js (cpu)', close: async () => {} };
  if (threads <= 1) return { engine: { kind: 'kiln', kernels: createNodeWasmKernels }, label: "Kiln's engine (WASM kernels, 1 thread)", close: async () => {} };
  const pool = await startNodeThreadPool(threads);
  return { engine: { kind: 'kiln', kernels: nodeThreadedKernels(pool) }, label: `Kiln's engine (WASM kernels, ${threads} threads)`, close: () => pool.close() };
}
