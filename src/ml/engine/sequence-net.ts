import { dropout } from './dense-net';
import type { Kernels } from './kernels';
import { LstmLayer } from './lstm';
import { multiTaskLossAndGrad, type HeadLossParts, type SequenceTargets } from './sequence-loss';
import { sequenceLayout, type SequenceLayout, type SequenceNetSpec } from './sequence-layout';
import type { Workspace } from './workspace';

/**
 * The career model's forward and hand-written backward pass over one batch: embedding lookup
 * (id 0 is padding and masks its step), 1–2 (bi)LSTM layers, dropout on the final state, three
 * dense heads and the multi-task loss. Sequences arrive as [batch × steps] ids, right-padded;
 * inside, every tensor is time-major (row t·B + b), so each step of the recurrence reads one
 * contiguous block. The backward direction of a bidirectional layer runs on the time-reversed
 * input and mask, as TF.js's Bidirectional (goBackwards) does: its leading padded steps carry the
 * zero state, and its outputs are reversed back before they are concatenated.
 */
export class SequenceNet {
  readonly layout: SequenceLayout;
  private readonly dirs: number;
  private readonly mask: Float32Array;
  private readonly maskRev: Float32Array;
  /** each layer's input, and its time-reversed copy for the backward direction */
  private readonly inputs: Float32Array[];
  private readonly inputsRev: Float32Array[];
  private readonly lstm: LstmLayer[][];
  /** dL/d(outputs) per direction, [T·B, H] */
  private readonly dOut: Float32Array[];
  /** dL/d(inputs) per direction, [T·B, inDim] */
  private readonly dIn: Float32Array[];
  readonly features: Float32Array;
  private readonly dFeatures: Float32Array;
  /** the last training forward's dropout factors on the final state (0 or 1/(1 − rate)) */
  readonly dropMask: Float32Array;
  readonly logits: Float32Array;
  readonly tenure: Float32Array;
  readonly hire: Float32Array;
  private readonly dHeads: { logits: Float32Array; tenure: Float32Array; hire: Float32Array };
  private last: { ids: Int32Array; steps: number; batch: number; dropped: boolean } = { ids: new Int32Array(0), steps: 0, batch: 0, dropped: false };

  constructor(
    readonly spec: SequenceNetSpec,
    private readonly k: Kernels,
    readonly maxSteps: number,
    readonly maxBatch: number,
    ws: Workspace,
  ) {
    this.layout = sequenceLayout(spec);
    this.dirs = spec.bidirectional ? 2 : 1;
    const rows = maxSteps * maxBatch;
    const F = this.layout.featureDim;
    const H = spec.hiddenUnits;
    this.mask = ws.alloc(rows);
    this.maskRev = this.dirs === 2 ? ws.alloc(rows) : this.mask;
    // (a measuring workspace hands out empty views: sizes come from the shapes, never from a view)
    const widths = this.layout.lstm.map((_, l) => rows * (l === 0 ? spec.embeddingDim : F));
    this.inputs = widths.map((n) => ws.alloc(n));
    this.inputsRev = widths.map((n, l) => (this.dirs === 2 ? ws.alloc(n) : this.inputs[l]));
    this.lstm = this.layout.lstm.map((layer) => layer.map((L) => new LstmLayer(L, k, maxSteps, maxBatch, ws)));
    this.dOut = Array.from({ length: this.dirs }, () => ws.alloc(rows * H));
    this.dIn = Array.from({ length: this.dirs }, () => ws.alloc(rows * Math.max(spec.embeddingDim, F)));
    this.features = ws.alloc(maxBatch * F);
    this.dFeatures = ws.alloc(maxBatch * F);
    this.dropMask = spec.dropout > 0 ? ws.alloc(maxBatch * F) : new Float32Array(0);
    this.logits = ws.alloc(maxBatch * spec.vocabSize);
    this.tenure = ws.alloc(maxBatch);
    this.hire = ws.alloc(maxBatch);
    this.dHeads = { logits: ws.alloc(maxBatch * spec.vocabSize), tenure: ws.alloc(maxBatch), hire: ws.alloc(maxBatch) };
  }

  /**
   * Forward over `ids` [batch × steps] (right-padded with 0). With `rng` (training) the final
   * state goes through inverted dropout. The heads' outputs are in `logits`, `tenure`, `hire`.
   */
  forward(params: Float32Array, ids: Int32Array, batch: number, steps: number, rng?: () => number): void {
    if (batch > this.maxBatch || steps > this.maxSteps) throw new Error(`batch ${batch}×${steps} exceeds the net's ${this.maxBatch}×${this.maxSteps}`);
    const { spec, layout, dirs } = this;
    const E = spec.embeddingDim;
    const H = spec.hiddenUnits;
    const F = layout.featureDim;
    const x0 = this.inputs[0];
    for (let t = 0; t < steps; t++) {
      for (let b = 0; b < batch; b++) {
        const id = ids[b * steps + t];
        if (id < 0 || id >= spec.vocabSize) throw new Error(`title id ${id} is outside the vocabulary of ${spec.vocabSize}`);
        const r = t * batch + b;
        x0.set(params.subarray(layout.embedding + id * E, layout.embedding + (id + 1) * E), r * E);
        this.mask[r] = id === 0 ? 0 : 1;
      }
    }
    if (dirs === 2) reverseRows(this.mask, this.maskRev, steps, batch, 1);
    let outs: Float32Array[] = [];
    for (let l = 0; l < layout.lstm.length; l++) {
      const width = l === 0 ? E : F;
      if (dirs === 2) reverseRows(this.inputs[l], this.inputsRev[l], steps, batch, width);
      outs = this.lstm[l].map((layer, d) => layer.forward(params, d === 0 ? this.inputs[l] : this.inputsRev[l], d === 0 ? this.mask : this.maskRev, steps, batch));
      if (l + 1 < layout.lstm.length) {
        // the next layer's input: the forward outputs, and the backward ones reversed back in time
        const next = this.inputs[l + 1];
        for (let t = 0; t < steps; t++) {
          for (let b = 0; b < batch; b++) {
            const r = t * batch + b;
            const rr = (steps - 1 - t) * batch + b;
            next.set(outs[0].subarray(r * H, (r + 1) * H), r * F);
            if (dirs === 2) next.set(outs[1].subarray(rr * H, (rr + 1) * H), r * F + H);
          }
        }
      }
    }
    // the final state: each direction's output at its last step (carried through padding)
    const lastRow = (steps - 1) * batch;
    for (let b = 0; b < batch; b++) {
      for (let d = 0; d < dirs; d++) this.features.set(outs[d].subarray((lastRow + b) * H, (lastRow + b + 1) * H), b * F + d * H);
    }
    const dropped = !!rng && spec.dropout > 0;
    if (dropped) dropout(this.features, this.dropMask, batch * F, spec.dropout, rng!);
    const outputs = [this.logits, this.tenure, this.hire];
    layout.heads.forEach((h, i) => {
      this.k.gemm(this.features, params.subarray(h.kernel, h.kernel + F * h.outDim), outputs[i], batch, h.outDim, F, false, false, false);
      this.k.biasAct(outputs[i], params.subarray(h.bias, h.bias + h.outDim), outputs[i], batch, h.outDim, 0);
    });
    this.last = { ids, steps, batch, dropped };
  }

  /** The loss of the last forward pass and its gradient in `grad` (overwritten). */
  backward(params: Float32Array, grad: Float32Array, t: SequenceTargets, weights: { tenure: number; hire: number }): HeadLossParts {
    const { spec, layout, dirs } = this;
    const { ids, steps, batch, dropped } = this.last;
    const E = spec.embeddingDim;
    const H = spec.hiddenUnits;
    const F = layout.featureDim;
    grad.fill(0);
    const parts = multiTaskLossAndGrad({ logits: this.logits, tenure: this.tenure, hire: this.hire }, t, weights, batch, spec.vocabSize, this.dHeads);
    const dOuts = [this.dHeads.logits, this.dHeads.tenure, this.dHeads.hire];
    layout.heads.forEach((h, i) => {
      // dW = featuresᵀ·dOut, db = Σ dOut, dFeatures (+)= dOut·Wᵀ
      this.k.gemm(this.features, dOuts[i], grad.subarray(h.kernel, h.kernel + F * h.outDim), F, h.outDim, batch, true, false, false);
      this.k.colSum(dOuts[i], grad.subarray(h.bias, h.bias + h.outDim), batch, h.outDim, false);
      this.k.gemm(dOuts[i], params.subarray(h.kernel, h.kernel + F * h.outDim), this.dFeatures, batch, F, h.outDim, false, true, i > 0);
    });
    if (dropped) for (let i = 0; i < batch * F; i++) this.dFeatures[i] *= this.dropMask[i];
    const n = steps * batch;
    const lastRow = (steps - 1) * batch;
    for (let d = 0; d < dirs; d++) {
      const dOut = this.dOut[d];
      dOut.fill(0, 0, n * H);
      for (let b = 0; b < batch; b++) dOut.set(this.dFeatures.subarray(b * F + d * H, b * F + (d + 1) * H), (lastRow + b) * H);
    }
    for (let l = layout.lstm.length - 1; l >= 0; l--) {
      const width = l === 0 ? E : F;
      this.lstm[l].forEach((layer, d) => layer.backward(params, grad, d === 0 ? this.inputs[l] : this.inputsRev[l], d === 0 ? this.mask : this.maskRev, this.dOut[d], steps, batch, this.dIn[d]));
      for (let t = 0; t < steps; t++) {
        for (let b = 0; b < batch; b++) {
          const r = t * batch + b;
          // the input at (t, b) was the backward direction's input at row rr
          const rr = (steps - 1 - t) * batch + b;
          if (l > 0) {
            for (let j = 0; j < H; j++) {
              this.dOut[0][r * H + j] = this.dIn[0][r * F + j] + (dirs === 2 ? this.dIn[1][rr * F + j] : 0);
              if (dirs === 2) this.dOut[1][r * H + j] = this.dIn[0][rr * F + H + j] + this.dIn[1][r * F + H + j];
            }
          } else {
            // the embedding's gradient: a scatter-add of each step's input gradient into its id's row
            const at = layout.embedding + ids[b * steps + t] * E;
            for (let j = 0; j < E; j++) grad[at + j] += this.dIn[0][r * width + j] + (dirs === 2 ? this.dIn[1][rr * width + j] : 0);
          }
        }
      }
    }
    return parts;
  }
}

/** dst row (t, b) = src row (steps − 1 − t, b), for time-major [steps·batch × width]. */
function reverseRows(src: Float32Array, dst: Float32Array, steps: number, batch: number, width: number): void {
  const block = batch * width;
  for (let t = 0; t < steps; t++) dst.set(src.subarray((steps - 1 - t) * block, (steps - t) * block), t * block);
}
