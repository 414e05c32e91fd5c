import type { Kernels } from './kernels';
import type { Workspace } from './workspace';

/** Where an LSTM's weights sit in a flat buffer: TF.js's order (kernel [D, 4H], recurrent kernel [H, 4H], bias [4H]; gates i, f, c, o). */
export interface LstmLayout {
  inDim: number;
  units: number;
  kernel: number;
  recurrent: number;
  bias: number;
  size: number;
}

export function lstmLayout(inDim: number, units: number, at = 0): LstmLayout {
  const g = 4 * units;
  return { inDim, units, kernel: at, recurrent: at + inDim * g, bias: at + inDim * g + units * g, size: inDim * g + units * g + g };
}

/**
 * One LSTM layer (sigmoid gates, tanh cell, as Kiln's career model builds it) over a
 * time-major batch, with masking, forward and hand-written backward — the cuDNN way:
 * - the input projection of all T·B rows is one GEMM (X·W + b) before the recurrence;
 * - each step is one [B×H]·[H×4H] GEMM plus one fused call for the gates and the cell (lstmCell);
 * - backward runs the recurrence for the gate gradients, then dW, dU and dX are one GEMM each
 *   over all steps (dW = Xᵀ·dG, dU = H_prevᵀ·dG, dX = dG·Wᵀ) and db one column sum.
 * Masking as Keras does it: at a masked step (mask 0) the state is carried over unchanged, so a
 * right-padded series ends with the state of its last real step.
 */
export class LstmLayer {
  /** gate pre-activations of every step, [T·B, 4H]; after forward, the gate values (i, f, g, o) */
  private readonly gates: Float32Array;
  /** cell states c_0..c_T, [(T+1)·B, H] (c_0 = 0) */
  private readonly cells: Float32Array;
  /** hidden states h_0..h_T, [(T+1)·B, H] (h_0 = 0): h_1..h_T are the layer's outputs */
  readonly hidden: Float32Array;
  /** gradient of the gate pre-activations, [T·B, 4H] */
  private readonly dGates: Float32Array;
  private readonly dh: Float32Array;
  private readonly dc: Float32Array;
  private readonly tanhC: Float32Array;

  constructor(
    readonly layout: LstmLayout,
    private readonly k: Kernels,
    readonly maxSteps: number,
    readonly maxBatch: number,
    ws: Workspace,
  ) {
    const H = layout.units;
    const rows = maxSteps * maxBatch;
    this.gates = ws.alloc(rows * 4 * H);
    this.cells = ws.alloc((maxSteps + 1) * maxBatch * H);
    this.hidden = ws.alloc((maxSteps + 1) * maxBatch * H);
    this.dGates = ws.alloc(rows * 4 * H);
    this.dh = ws.alloc(maxBatch * H);
    this.dc = ws.alloc(maxBatch * H);
    this.tanhC = ws.alloc(rows * H);
  }

  /** The outputs h_1..h_T of the last forward, [T·B, H] time-major. */
  outputs(steps: number, batch: number): Float32Array {
    const n = batch * this.layout.units;
    return this.hidden.subarray(n, n + steps * n);
  }

  /**
   * Forward over `x` [T·B, D] time-major (row t·B + b is series b at step t) with `mask`
   * [T·B] (1 real, 0 padding). Returns the outputs h_1..h_T.
   */
  forward(params: Float32Array, x: Float32Array, mask: Float32Array, steps: number, batch: number): Float32Array {
    const { inDim: D, units: H, kernel, recurrent, bias } = this.layout;
    const G = 4 * H;
    const W = params.subarray(kernel, kernel + D * G);
    const U = params.subarray(recurrent, recurrent + H * G);
    const b = params.subarray(bias, bias + G);
    const rows = steps * batch;
    // all steps' input projections at once, bias included
    this.k.gemm(x, W, this.gates, rows, G, D, false, false, false);
    this.k.biasAct(this.gates, b, this.gates, rows, G, 0);
    const BH = batch * H;
    this.cells.fill(0, 0, BH);
    this.hidden.fill(0, 0, BH);
    for (let t = 0; t < steps; t++) {
      const g = this.gates.subarray(t * batch * G, (t + 1) * batch * G);
      const hPrev = this.hidden.subarray(t * BH, (t + 1) * BH);
      const cPrev = this.cells.subarray(t * BH, (t + 1) * BH);
      const h = this.hidden.subarray((t + 1) * BH, (t + 2) * BH);
      const c = this.cells.subarray((t + 1) * BH, (t + 2) * BH);
      const tc = this.tanhC.subarray(t * BH, (t + 1) * BH);
      this.k.gemm(hPrev, U, g, batch, G, H, false, false, true);
      this.k.lstmCell(g, cPrev, hPrev, c, h, tc, mask.subarray(t * batch, (t + 1) * batch), batch, H);
    }
    return this.outputs(steps, batch);
  }

  /**
   * Backward from dL/dh_t for every step (`dOut` [T·B, H], time-major; zero where the loss does
   * not read a step). Adds dW, dU, db to `grad` (the flat buffer matching `params`) and
   * writes dL/dx into `dx` [T·B, D] when given.
   */
  backward(params: Float32Array, grad: Float32Array, x: Float32Array, mask: Float32Array, dOut: Float32Array, steps: number, batch: number, dx: Float32Array | null): void {
    const { inDim: D, units: H, kernel, recurrent, bias } = this.layout;
    const G = 4 * H;
    const BH = batch * H;
    const U = params.subarray(recurrent, recurrent + H * G);
    const dh = this.dh;
    const dc = this.dc;
    dh.fill(0, 0, BH);
    dc.fill(0, 0, BH);
    for (let t = steps - 1; t >= 0; t--) {
      const g = this.gates.subarray(t * batch * G, (t + 1) * batch * G);
      const dg = this.dGates.subarray(t * batch * G, (t + 1) * batch * G);
      const cPrev = this.cells.subarray(t * BH, (t + 1) * BH);
      const tc = this.tanhC.subarray(t * BH, (t + 1) * BH);
      const d = dOut.subarray(t * BH, (t + 1) * BH);
      this.k.lstmCellBackward(g, cPrev, tc, mask.subarray(t * batch, (t + 1) * batch), d, dh, dc, dg, batch, H);
      // dh_{t−1} of the real rows: dG_t·Uᵀ (carried rows already hold theirs, and their dG rows are 0)
      this.k.gemm(dg, U, dh, batch, H, G, false, true, true);
    }
    const rows = steps * batch;
    // the weights' gradients over all steps at once
    this.k.gemm(x, this.dGates, grad.subarray(kernel, kernel + D * G), D, G, rows, true, false, true);
    this.k.gemm(this.hidden.subarray(0, rows * H), this.dGates, grad.subarray(recurrent, recurrent + H * G), H, G, rows, true, false, true);
    this.k.colSum(this.dGates, grad.subarray(bias, bias + G), rows, G, true);
    if (dx) this.k.gemm(this.dGates, params.subarray(kernel, kernel + D * G), dx, rows, D, G, false, true, false);
  }
}
