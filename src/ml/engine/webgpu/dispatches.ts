import type { DenseLayout } from '../dense-net';
import { bindGroupLayout, computePipeline } from './gpu-resources';
import { ADAM_WGSL, COLSUM_WGSL, LINEAR_THREADS, LOSS_PAIR_MARGIN, LOSS_WGSL } from './wgsl-update';
import { GEMM_BACKWARD_INPUT, GEMM_FORWARD, GEMM_PLAIN, GEMM_UNIFORM_WORDS, GEMM_WGSL, gemmGrid, ROWS_K, ROWS_M } from './wgsl-gemm';
import { SLOT_ALIGN } from './wgsl-common';

/**
 * A kernel launch recorded once per run: its pipeline, its bind group (made once) and how its
 * dynamic offsets and grid follow the step slot and the batch's rows. Encoding a step is then only
 * setPipeline / setBindGroup / dispatch calls.
 */
export interface Dispatch {
  pipeline: GPUComputePipeline;
  group: GPUBindGroup;
  /** bytes between two slots of each dynamic binding, in binding order (0: not slotted) */
  slotStrides: number[];
  grid: (rows: number) => [number, number];
}

/** The four pipelines of the engine and their bind group layouts, made once per run. */
export interface Pipelines {
  gemm: { pipeline: GPUComputePipeline; layout: GPUBindGroupLayout };
  loss: { pipeline: GPUComputePipeline; layout: GPUBindGroupLayout };
  colSum: { pipeline: GPUComputePipeline; layout: GPUBindGroupLayout };
  adam: { pipeline: GPUComputePipeline; layout: GPUBindGroupLayout };
}

export function makePipelines(device: GPUDevice): Pipelines {
  const make = (label: string, code: string, kinds: Parameters<typeof bindGroupLayout>[2]) => {
    const layout = bindGroupLayout(device, label, kinds);
    return { layout, pipeline: computePipeline(device, label, code, layout) };
  };
  return {
    // g, step, A (slotted for the input layer), B, C, mask (slotted), E
    gemm: make('gemm', GEMM_WGSL, ['uniform', 'uniform-dynamic', 'read-dynamic', 'read', 'write', 'read-dynamic', 'read']),
    // dims, step, logits, targets (slotted), dlogits, params, decay, losses
    loss: make('loss', LOSS_WGSL, ['uniform', 'uniform-dynamic', 'read', 'read-dynamic', 'write', 'read', 'read', 'write']),
    colSum: make('colSum', COLSUM_WGSL, ['uniform', 'uniform-dynamic', 'read', 'write']),
    adam: make('adam', ADAM_WGSL, ['uniform', 'uniform-dynamic', 'write', 'read', 'write', 'write']),
  };
}

/** The buffers the dispatches bind (see GpuDenseNet). */
export interface NetBuffers {
  params: GPUBuffer;
  grad: GPUBuffer;
  m: GPUBuffer;
  v: GPUBuffer;
  decay: GPUBuffer;
  /** K slots of batch rows; then the validation chunk's input */
  x: GPUBuffer;
  evalX: GPUBuffer;
  targets: GPUBuffer;
  /** per hidden layer, K slots of dropout factors (empty without dropout) */
  masks: GPUBuffer[];
  acts: GPUBuffer[];
  dz: GPUBuffer[];
  losses: GPUBuffer;
  steps: GPUBuffer;
  /** the static uniforms of every dispatch, one 256-byte entry each */
  dims: GPUBuffer;
  dummy: GPUBuffer;
}

/** Slot strides in bytes of the slotted inputs. */
export interface SlotBytes {
  x: number;
  targets: number;
  masks: number[];
}

const ceil = (a: number, b: number) => Math.max(1, Math.ceil(a / b));

/**
 * Builds every dispatch of a training step (forward, loss, backward, Adam) and of a validation
 * forward, with their static uniforms (written into `dimsData`, uploaded once by the caller).
 */
export function buildDispatches(device: GPUDevice, p: Pipelines, L: DenseLayout, b: NetBuffers, slot: SlotBytes, opts: { dropout: boolean; l2: number; size: number; lossTask: number; margin: number; width: number; adam: number[] }, dimsData: ArrayBuffer): { train: Dispatch[]; evaluate: Dispatch[] } {
  let entry = 0;
  const nextDims = (words: (view: { u: Uint32Array; f: Float32Array }) => void): GPUBufferBinding => {
    const offset = entry++ * SLOT_ALIGN;
    words({ u: new Uint32Array(dimsData, offset, GEMM_UNIFORM_WORDS), f: new Float32Array(dimsData, offset, GEMM_UNIFORM_WORDS) });
    return { buffer: b.dims, offset, size: GEMM_UNIFORM_WORDS * 4 };
  };
  const whole = (buffer: GPUBuffer): GPUBufferBinding => ({ buffer });
  const stepB: GPUBufferBinding = { buffer: b.steps, size: 16 };
  const group = (layout: GPUBindGroupLayout, resources: GPUBufferBinding[]) => device.createBindGroup({ layout, entries: resources.map((resource, binding) => ({ binding, resource })) });
  const dummy = { buffer: b.dummy, size: 16 };
  const last = L.layers.length - 1;

  const gemm = (dims: number[], decay: number, res: { a: GPUBufferBinding; bBuf: GPUBuffer; c: GPUBuffer; mask: GPUBufferBinding; e: GPUBufferBinding }, strides: number[], grid: Dispatch['grid']): Dispatch => ({
    pipeline: p.gemm.pipeline,
    group: group(p.gemm.layout, [nextDims(({ u, f }) => (u.set(dims), (f[15] = decay))), stepB, res.a, whole(res.bBuf), whole(res.c), res.mask, res.e]),
    slotStrides: strides,
    grid,
  });

  const forward = (train: boolean): Dispatch[] =>
    L.layers.map((ly, l) => {
      const masked = train && opts.dropout && l < last;
      const a = l > 0 ? whole(b.acts[l - 1]) : train ? { buffer: b.x, size: slot.x } : whole(b.evalX);
      // m, n, k, rowsAt, aOff, aI, aP, bOff, bP, bJ, cOff, biasOff, mode, act, masked
      const dims = [0, ly.outDim, ly.inDim, ROWS_M, 0, ly.inDim, 1, ly.kernel, ly.outDim, 1, 0, ly.bias, GEMM_FORWARD, ly.act, masked ? 1 : 0];
      const mask = masked ? { buffer: b.masks[l], size: slot.masks[l] } : dummy;
      return gemm(dims, 0, { a, bBuf: b.params, c: b.acts[l], mask, e: dummy }, [SLOT_ALIGN, train && l === 0 ? slot.x : 0, masked ? slot.masks[l] : 0], (rows) => gemmGrid(rows, ly.outDim));
    });

  const train = forward(true);
  train.push({
    pipeline: p.loss.pipeline,
    group: group(p.loss.layout, [
      nextDims(({ u, f }) => (u.set([opts.lossTask, opts.width, opts.size]), (f[3] = opts.margin))),
      stepB,
      whole(b.acts[last]),
      { buffer: b.targets, size: slot.targets },
      whole(b.dz[last]),
      whole(b.params),
      whole(b.decay),
      whole(b.losses),
    ]),
    slotStrides: [SLOT_ALIGN, slot.targets],
    grid: () => [1, 1],
  });
  for (let l = last; l >= 0; l--) {
    const ly = L.layers[l];
    const input = l > 0 ? whole(b.acts[l - 1]) : { buffer: b.x, size: slot.x };
    const decay = 2 * opts.l2;
    // dW = Xᵀ·dZ (inDim × outDim, the rows summed over), + 2·l2·W
    const dW = [ly.inDim, ly.outDim, 0, ROWS_K, 0, 1, ly.inDim, 0, ly.outDim, 1, ly.kernel, 0, GEMM_PLAIN, 0, 0];
    train.push(gemm(dW, decay, { a: input, bBuf: b.dz[l], c: b.grad, mask: dummy, e: decay ? whole(b.params) : dummy }, [SLOT_ALIGN, l === 0 ? slot.x : 0, 0], () => gemmGrid(ly.inDim, ly.outDim)));
    // db = Σ_rows dZ
    train.push({
      pipeline: p.colSum.pipeline,
      group: group(p.colSum.layout, [nextDims(({ u }) => u.set([ly.outDim, ly.bias, opts.lossTask === LOSS_PAIR_MARGIN ? 1 : 0, 0])), stepB, whole(b.dz[l]), whole(b.grad)]),
      slotStrides: [SLOT_ALIGN],
      grid: () => [ceil(ly.outDim, LINEAR_THREADS), 1],
    });
    if (l > 0) {
      // dX = dZ·Wᵀ (rows × inDim), then × the layer below's mask and act'
      const below = L.layers[l - 1];
      const masked = opts.dropout;
      const dX = [0, ly.inDim, ly.outDim, ROWS_M, 0, ly.outDim, 1, ly.kernel, 1, ly.outDim, 0, 0, GEMM_BACKWARD_INPUT, below.act, masked ? 1 : 0];
      const mask = masked ? { buffer: b.masks[l - 1], size: slot.masks[l - 1] } : dummy;
      train.push(gemm(dX, 0, { a: whole(b.dz[l]), bBuf: b.params, c: b.dz[l - 1], mask, e: whole(b.acts[l - 1]) }, [SLOT_ALIGN, 0, masked ? slot.masks[l - 1] : 0], (rows) => gemmGrid(rows, ly.inDim)));
    }
  }
  const adamGroups = ceil(opts.size, LINEAR_THREADS);
  const gx = Math.min(adamGroups, 65535);
  train.push({
    pipeline: p.adam.pipeline,
    // AdamDims: n (u32), then lr, β1, β2, ε (f32)
    group: group(p.adam.layout, [nextDims(({ u, f }) => (f.set(opts.adam, 1), (u[0] = opts.size))), stepB, whole(b.params), whole(b.grad), whole(b.m), whole(b.v)]),
    slotStrides: [SLOT_ALIGN],
    grid: () => [gx, Math.ceil(adamGroups / gx)],
  });
  return { train, evaluate: forward(false) };
}

/** Static uniform entries buildDispatches needs for a layout (each 256 bytes). */
export function dimsEntries(L: DenseLayout): number {
  // forward ×2 (training, validation), loss, per layer dW + colSum, per layer but the first dX, Adam
  return 2 * L.layers.length + 1 + 2 * L.layers.length + (L.layers.length - 1) + 1;
}
