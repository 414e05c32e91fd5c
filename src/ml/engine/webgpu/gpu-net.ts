import type { TaskKind } from '../../task';
import { denseLayout, type DenseLayout, type DenseNetSpec } from '../dense-net';
import { buildDispatches, dimsEntries, makePipelines, type Dispatch, type NetBuffers } from './dispatches';
import { BufferSet, MAP_READ, roundUp, USAGE } from './gpu-resources';
import { SLOT_ALIGN } from './wgsl-common';
import { LOSS_PAIR_MARGIN, LOSS_SIGMOID, LOSS_SOFTMAX, LOSS_SQUARED } from './wgsl-update';

export interface GpuNetOptions {
  /** rows of a training batch (the most a step has) */
  batchRows: number;
  /** rows of a validation chunk */
  evalRows: number;
  /** K: steps recorded into one command buffer at most (each has its own slot of inputs) */
  slots: number;
  /** entries of the per-step loss buffer: the steps of an epoch */
  lossEntries: number;
  learningRate: number;
  /**
   * Train on the pair-margin loss with this margin instead of the spec's task loss: a
   * step's rows are then 2n scores (the pairs' first items, then the second ones) and its targets
   * the n pair labels (the CPU engine's pair layout), as the pair-margin GPU fit trains.
   */
  pairMargin?: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

/** A part of a buffer to read back. */
export interface ReadPart {
  src: GPUBuffer;
  /** first float */
  at: number;
  floats: number;
}

/**
 * The arrays handed in may be views of any buffer (a SharedArrayBuffer's too, which writeBuffer
 * takes); @webgpu/types spells the accepted views per buffer kind, so the generic one is narrowed.
 */
const gpuData = (a: Float32Array) => a as Float32Array<ArrayBuffer>;
const FLOATS_PER_SLOT_ALIGN = SLOT_ALIGN / 4;
const lossTask = (k: TaskKind) => (k === 'multiclass' ? LOSS_SOFTMAX : k === 'regression' ? LOSS_SQUARED : LOSS_SIGMOID);

/**
 * A DenseNet's training state on a GPUDevice: every buffer, pipeline and bind group of a run, made
 * in the constructor and never again, and the means to run steps on it. A step's inputs (batch
 * rows, targets, dropout masks, its Step uniform) go into one of K slots with queue.writeBuffer;
 * up to K steps are then recorded into one compute pass and submitted together. The queue runs
 * writes and submissions in order, so slot k is overwritten only after the steps that read it.
 */
export class GpuDenseNet {
  readonly layout: DenseLayout;
  readonly b: NetBuffers;
  private readonly set: BufferSet;
  private readonly train: Dispatch[];
  private readonly evaluate: Dispatch[];
  private readonly staging: GPUBuffer;
  private readonly slotFloats: { x: number; targets: number; masks: number[] };
  private readonly stepWords = new ArrayBuffer(16);
  /** rows of each step recorded since the last submission, by slot */
  private readonly pending: number[] = [];

  constructor(
    private readonly device: GPUDevice,
    readonly spec: DenseNetSpec,
    private readonly o: GpuNetOptions,
  ) {
    const L = (this.layout = denseLayout(spec));
    const d = spec.inputDim;
    const size = L.size;
    const actRows = Math.max(o.batchRows, o.evalRows);
    const set = (this.set = new BufferSet(device));
    // each slot starts on a 256-byte boundary: dynamic offsets must be so aligned
    const slotFloats = (this.slotFloats = {
      x: roundUp(o.batchRows * d, FLOATS_PER_SLOT_ALIGN),
      targets: roundUp(o.batchRows * spec.outputDim, FLOATS_PER_SLOT_ALIGN),
      masks: spec.dropout > 0 ? spec.hidden.map((w) => roundUp(o.batchRows * w, FLOATS_PER_SLOT_ALIGN)) : [],
    });
    this.b = {
      params: set.storage('params', size),
      grad: set.storage('grad', size),
      m: set.storage('adam m', size),
      v: set.storage('adam v', size),
      decay: set.storage('l2 decay', size),
      x: set.storage('batch rows', o.slots * slotFloats.x),
      evalX: set.storage('validation rows', o.evalRows * d),
      targets: set.storage('targets', o.slots * slotFloats.targets),
      masks: slotFloats.masks.map((f, l) => set.storage(`dropout mask ${l}`, o.slots * f)),
      acts: L.layers.map((ly, l) => set.storage(`activations ${l}`, actRows * ly.outDim)),
      dz: L.layers.map((ly, l) => set.storage(`dZ ${l}`, actRows * ly.outDim)),
      losses: set.storage('losses', o.lossEntries),
      // K training slots and one for validation
      steps: set.make('steps', (o.slots + 1) * SLOT_ALIGN, USAGE.UNIFORM | USAGE.COPY_DST),
      dims: set.make('dims', dimsEntries(L) * SLOT_ALIGN, USAGE.UNIFORM | USAGE.COPY_DST),
      dummy: set.storage('unused binding', 4),
    };
    // the largest read: an epoch's losses, params, m, v and a validation chunk's logits
    const stagingFloats = roundUp(o.lossEntries, 64) + 3 * roundUp(size, 64) + roundUp(o.evalRows * spec.outputDim, 64);
    this.staging = set.make('readback', stagingFloats * 4, USAGE.MAP_READ | USAGE.COPY_DST);

    const decay = new Float32Array(size);
    for (const ly of L.layers) decay.fill(2 * spec.l2, ly.kernel, ly.kernel + ly.inDim * ly.outDim);
    device.queue.writeBuffer(this.b.decay, 0, decay);
    const dimsData = new ArrayBuffer(dimsEntries(L) * SLOT_ALIGN);
    const built = buildDispatches(device, makePipelines(device), L, this.b, { x: slotFloats.x * 4, targets: slotFloats.targets * 4, masks: slotFloats.masks.map((f) => f * 4) }, { dropout: spec.dropout > 0, l2: spec.l2, size, lossTask: o.pairMargin === undefined ? lossTask(spec.task) : LOSS_PAIR_MARGIN, margin: o.pairMargin ?? 0, width: spec.outputDim, adam: [o.learningRate, o.beta1 ?? 0.9, o.beta2 ?? 0.999, o.epsilon ?? 1e-7] }, dimsData);
    device.queue.writeBuffer(this.b.dims, 0, dimsData);
    this.train = built.train;
    this.evaluate = built.evaluate;
  }

  /** Bytes of every GPU buffer the run made (fixed from the constructor on). */
  get memoryBytes(): number {
    return this.set.bytes;
  }

  get slots(): number {
    return this.o.slots;
  }

  /** Steps recorded and not yet submitted. */
  get pendingSteps(): number {
    return this.pending.length;
  }

  writeParams(p: Float32Array): void {
    this.device.queue.writeBuffer(this.b.params, 0, gpuData(p));
  }

  writeMoments(m: Float32Array, v: Float32Array): void {
    this.device.queue.writeBuffer(this.b.m, 0, gpuData(m));
    this.device.queue.writeBuffer(this.b.v, 0, gpuData(v));
  }

  /**
   * Records one training step: `x` (rows × inputDim), `targets` (rows × outputDim) and, with
   * dropout, each hidden layer's mask (rows × width) go into the next slot; its loss will be at
   * `lossAt`; c1, c2 are Adam's bias corrections for it. Submits when all K slots are taken.
   */
  queueStep(x: Float32Array, targets: Float32Array, masks: Float32Array[], rows: number, lossAt: number, c1: number, c2: number): void {
    const slot = this.pending.length;
    const q = this.device.queue;
    const s = this.slotFloats;
    q.writeBuffer(this.b.x, slot * s.x * 4, gpuData(x), 0, rows * this.spec.inputDim);
    q.writeBuffer(this.b.targets, slot * s.targets * 4, gpuData(targets), 0, rows * this.spec.outputDim);
    masks.forEach((m, l) => q.writeBuffer(this.b.masks[l], slot * s.masks[l] * 4, gpuData(m), 0, rows * this.spec.hidden[l]));
    this.writeStep(slot, rows, lossAt, c1, c2);
    this.pending.push(rows);
    if (this.pending.length === this.o.slots) this.flush();
  }

  /** Submits the recorded steps, in one compute pass of one command buffer. */
  flush(): void {
    if (this.pending.length === 0) return;
    const enc = this.device.createCommandEncoder();
    this.encodePending(enc);
    this.device.queue.submit([enc.finish()]);
  }

  /**
   * The logits of `rows` validation rows (rows ≤ evalRows, no dropout) on the current parameters,
   * read back with `also` (read in the same map: the epoch's losses, the parameters).
   */
  async forwardRead(x: Float32Array, rows: number, also: ReadPart[]): Promise<{ logits: Float32Array; parts: Float32Array[] }> {
    // the steps recorded read the training slots only: the validation input may be written first
    this.device.queue.writeBuffer(this.b.evalX, 0, gpuData(x), 0, rows * this.spec.inputDim);
    this.writeStep(this.o.slots, rows, 0, 1, 1);
    const last = this.b.acts[this.b.acts.length - 1];
    const out = await this.read([...also, { src: last, at: 0, floats: rows * this.spec.outputDim }], (pass) => this.encode(pass, this.evaluate, this.o.slots, rows));
    return { logits: out[also.length], parts: out.slice(0, also.length) };
  }

  /** Copies of buffer parts, read in one map of the staging buffer (after any recorded steps, and `before`'s work). */
  async read(parts: ReadPart[], before?: (pass: GPUComputePassEncoder) => void): Promise<Float32Array[]> {
    // the recorded steps, `before`'s work and the copies go in one command buffer
    const enc = this.device.createCommandEncoder();
    this.encodePending(enc);
    if (before) {
      const pass = enc.beginComputePass();
      before(pass);
      pass.end();
    }
    let at = 0;
    const places = parts.map((p) => {
      const place = at;
      if (p.floats > 0) enc.copyBufferToBuffer(p.src, p.at * 4, this.staging, place * 4, p.floats * 4);
      at += roundUp(p.floats, 64);
      return place;
    });
    this.device.queue.submit([enc.finish()]);
    await this.staging.mapAsync(MAP_READ, 0, Math.max(at, 64) * 4);
    const view = new Float32Array(this.staging.getMappedRange(0, Math.max(at, 64) * 4));
    const out = parts.map((p, i) => view.slice(places[i], places[i] + p.floats));
    this.staging.unmap();
    return out;
  }

  destroy(): void {
    this.set.destroy();
  }

  private writeStep(slot: number, rows: number, lossAt: number, c1: number, c2: number): void {
    const u = new Uint32Array(this.stepWords);
    const f = new Float32Array(this.stepWords);
    u[0] = rows;
    u[1] = lossAt;
    f[2] = c1;
    f[3] = c2;
    this.device.queue.writeBuffer(this.b.steps, slot * SLOT_ALIGN, this.stepWords);
  }

  /** Records the pending steps into one compute pass of `enc`. */
  private encodePending(enc: GPUCommandEncoder): void {
    if (this.pending.length === 0) return;
    const pass = enc.beginComputePass();
    this.pending.forEach((rows, slot) => this.encode(pass, this.train, slot, rows));
    pass.end();
    this.pending.length = 0;
  }

  private encode(pass: GPUComputePassEncoder, list: Dispatch[], slot: number, rows: number): void {
    for (const d of list) {
      pass.setPipeline(d.pipeline);
      pass.setBindGroup(0, d.group, d.slotStrides.map((s) => s * slot));
      const [x, y] = d.grid(rows);
      pass.dispatchWorkgroups(x, y);
    }
  }
}
