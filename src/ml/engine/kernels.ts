/**
 * The numeric kernels Kiln's training engine runs on. Two implementations share this contract:
 * `jsKernels` (plain loops, the readable reference every other one is tested against) and the
 * WASM SIMD kernels (src/ml/engine/wasm/), which need every array to be a view into their one
 * `WebAssembly.Memory` (the view's byteOffset is the pointer they read).
 *
 * All matrices are row-major float32. Shapes are given as the operation sees them.
 */

/** Activations the families use, with codes shared by every implementation. */
export const ACTIVATIONS = ['linear', 'relu', 'tanh', 'sigmoid', 'elu', 'selu'] as const;
export type ActivationName = (typeof ACTIVATIONS)[number];
export const actCode = (a: ActivationName): number => ACTIVATIONS.indexOf(a);

/** SELU's constants, as TF.js and Keras use them. */
export const SELU_ALPHA = 1.6732632423543772; // the double nearest 1.6732632423543772848170429916717
export const SELU_SCALE = 1.0507009873554805; // the double nearest 1.0507009873554804934193349852946

export interface Kernels {
  readonly name: string;
  /** Threads a large GEMM is split across (threads/threaded-kernels.ts); 1 when absent. */
  readonly threads?: number;
  /** Lets go of what the kernels hold besides their memory (a thread pool's binding); the run calls it when it ends. */
  release?(): void;
  /**
   * C[m×n] = (accumulate ? C : 0) + op(A)·op(B). op(A) is m×k: A is stored m×k, or k×m when
   * `transA` (then read by stride). op(B) is k×n: B is stored k×n, or n×k when `transB`.
   */
  gemm(a: Float32Array, b: Float32Array, c: Float32Array, m: number, n: number, k: number, transA: boolean, transB: boolean, accumulate: boolean): void;
  /** out[i,j] = act(z[i,j] + bias[j]) over rows×cols; `out` may be `z`. */
  biasAct(z: Float32Array, bias: Float32Array, out: Float32Array, rows: number, cols: number, act: number): void;
  /** dz[i] = da[i] · act'(·) written from the activation's output `a` (every activation here has its derivative as a function of its output); `dz` may be `da`. */
  actBackward(a: Float32Array, da: Float32Array, dz: Float32Array, n: number, act: number): void;
  /** db[j] = (accumulate ? db[j] : 0) + Σ_i dz[i,j] over rows×cols. */
  colSum(dz: Float32Array, db: Float32Array, rows: number, cols: number, accumulate: boolean): void;
  /**
   * One Adam update of n parameters, as TF.js's AdamOptimizer does it: m ← β1·m + (1−β1)·g,
   * v ← β2·v + (1−β2)·g², p ← p − lr · (m / c1) / (sqrt(v / c2) + ε), with c1 = 1 − β1^t and
   * c2 = 1 − β2^t passed in.
   */
  adam(p: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, n: number, lr: number, beta1: number, beta2: number, eps: number, c1: number, c2: number): void;
  /**
   * One LSTM step after its GEMMs, for `batch` rows: `gates` holds each row's 4H pre-activations
   * (i, f, g, o); in place, i, f, o go through the sigmoid and g through tanh; then
   * c = f·c_prev + i·g, h = o·tanh(c), tanhC = tanh(c). A row whose mask is 0 (padding) carries
   * c_prev and h_prev over, gets tanhC 0, and its gates are left as they were.
   */
  lstmCell(gates: Float32Array, cPrev: Float32Array, hPrev: Float32Array, c: Float32Array, h: Float32Array, tanhC: Float32Array, mask: Float32Array, batch: number, units: number): void;
  /**
   * The backward of lstmCell for one step. `dh`, `dc` carry dL/dh and dL/dc from later steps; with
   * `dOut` (dL/dh from this step's output) the gate gradients go into `dGates` [batch × 4H], `dc`
   * becomes dL/dc_prev and `dh` 0 (the caller adds dGates·Uᵀ). A padded row passes dh + dOut and
   * dc through unchanged and gets zero gate gradients.
   */
  lstmCellBackward(gates: Float32Array, cPrev: Float32Array, tanhC: Float32Array, mask: Float32Array, dOut: Float32Array, dh: Float32Array, dc: Float32Array, dGates: Float32Array, batch: number, units: number): void;
}

/**
 * Makes the kernels that work on a given memory (the WASM kernels import it; the JS ones ignore it).
 * `sharedMemory`: the kernels run threads on that memory (threads/threaded-kernels.ts), so the run
 * must make it a shared one.
 */
export type KernelFactory = ((memory: WebAssembly.Memory) => Kernels | Promise<Kernels>) & { readonly sharedMemory?: boolean };
