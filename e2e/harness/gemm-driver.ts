/**
 * Runs one GEMM kernel of the engine's shape (wgsl-gemm.ts's Gemm uniform and bindings) on its own,
 * outside a training step: for the GEMM correctness case of e2e/webgpu-engine.spec.ts and the
 * micro-bench of e2e/harness/webgpu-gemm-bench.ts. GEMM_PLAIN only (no epilogue), rows fixed.
 */
import { bindGroupLayout, computePipeline, MAP_READ, USAGE } from '../../src/ml/engine/webgpu/gpu-resources';
import { GEMM_UNIFORM_WORDS, ROWS_NONE } from '../../src/ml/engine/webgpu/wgsl-gemm';

/** NN: C = A·B (forward); TN: C = Aᵀ·B with A stored k×m (dW = Xᵀ·dZ); NT: C = A·Bᵀ with B stored n×k (dX = dZ·Wᵀ). */
export type GemmLayout = 'NN' | 'TN' | 'NT';

export interface GemmKernel {
  code: string;
  grid: (m: number, n: number) => [number, number];
}

export interface PreparedGemm {
  /** records `reps` dispatches in one compute pass and submits them */
  run(reps: number): void;
  read(): Promise<Float32Array>;
  destroy(): void;
}

/** C = op(A)·op(B) on the CPU in float64, for the correctness case. */
export function gemmReference(m: number, n: number, k: number, layout: GemmLayout, a: Float32Array, b: Float32Array): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += (layout === 'TN' ? a[p * m + i] : a[i * k + p]) * (layout === 'NT' ? b[j * k + p] : b[p * n + j]);
      c[i * n + j] = s;
    }
  return c;
}

export function gemmRunner(device: GPUDevice, kernel: GemmKernel) {
  const layout = bindGroupLayout(device, 'gemm', ['uniform', 'uniform-dynamic', 'read-dynamic', 'read', 'write', 'read-dynamic', 'read']);
  const pipeline = computePipeline(device, 'gemm', kernel.code, layout);
  const buffer = (bytes: number, usage: number, data?: Float32Array | Uint32Array) => {
    const buf = device.createBuffer({ size: Math.max(16, Math.ceil(bytes / 16) * 16), usage });
    if (data) device.queue.writeBuffer(buf, 0, data as Float32Array<ArrayBuffer>);
    return buf;
  };
  const STORAGE = USAGE.STORAGE | USAGE.COPY_DST | USAGE.COPY_SRC;
  return (m: number, n: number, k: number, lay: GemmLayout, a: Float32Array, b: Float32Array): PreparedGemm => {
    // m, n, k, rowsAt, aOff, aI, aP, bOff, bP, bJ, cOff, biasOff, mode, act, masked, decay
    const aStride = lay === 'TN' ? [1, m] : [k, 1];
    const bStride = lay === 'NT' ? [1, k] : [n, 1];
    const dims = new Uint32Array(GEMM_UNIFORM_WORDS);
    dims.set([m, n, k, ROWS_NONE, 0, ...aStride, 0, ...bStride, 0, 0, 0, 0, 0]);
    const bufs = [
      buffer(dims.byteLength, USAGE.UNIFORM | USAGE.COPY_DST, dims),
      buffer(16, USAGE.UNIFORM | USAGE.COPY_DST, Uint32Array.of(m, 0, 0, 0)),
      buffer(a.byteLength, STORAGE, a),
      buffer(b.byteLength, STORAGE, b),
      buffer(m * n * 4, STORAGE),
      buffer(16, STORAGE),
      buffer(16, STORAGE),
    ];
    const staging = buffer(m * n * 4, MAP_READ | USAGE.COPY_DST);
    const group = device.createBindGroup({ layout, entries: bufs.map((buf, binding) => ({ binding, resource: { buffer: buf } })) });
    const [gx, gy] = kernel.grid(m, n);
    return {
      run(reps) {
        const enc = device.createCommandEncoder();
        const pass = enc.beginComputePass();
        pass.setPipeline(pipeline);
        pass.setBindGroup(0, group, [0, 0, 0]);
        for (let r = 0; r < reps; r++) pass.dispatchWorkgroups(gx, gy);
        pass.end();
        device.queue.submit([enc.finish()]);
      },
      async read() {
        const enc = device.createCommandEncoder();
        enc.copyBufferToBuffer(bufs[4], 0, staging, 0, m * n * 4);
        device.queue.submit([enc.finish()]);
        await staging.mapAsync(MAP_READ);
        const out = new Float32Array(staging.getMappedRange().slice(0, m * n * 4));
        staging.unmap();
        return out;
      },
      destroy() {
        for (const buf of [...bufs, staging]) buf.destroy();
      },
    };
  };
}
