/**
 * WebGPU's flag values, spelled out: the globals GPUBufferUsage, GPUShaderStage and GPUMapMode exist
 * only where WebGPU does, and the core must import (and be tested) in Node too. The values are the
 * WebGPU specification's.
 */
export const USAGE = { MAP_READ: 0x1, COPY_SRC: 0x4, COPY_DST: 0x8, UNIFORM: 0x40, STORAGE: 0x80 } as const;
export const COMPUTE_STAGE = 0x4;
export const MAP_READ = 0x1;

/** Rounds n up to a multiple of `to`. */
export const roundUp = (n: number, to: number): number => Math.ceil(n / to) * to;

/** A bind group layout entry: a uniform or storage binding of the compute stage, maybe with a dynamic offset. */
export type BindingKind = 'uniform' | 'uniform-dynamic' | 'read' | 'read-dynamic' | 'write';

export function bindGroupLayout(device: GPUDevice, label: string, kinds: BindingKind[]): GPUBindGroupLayout {
  return device.createBindGroupLayout({
    label,
    entries: kinds.map((k, binding) => ({
      binding,
      visibility: COMPUTE_STAGE,
      buffer: {
        type: k.startsWith('uniform') ? 'uniform' : k === 'write' ? 'storage' : 'read-only-storage',
        hasDynamicOffset: k.endsWith('-dynamic'),
      },
    })),
  });
}

export function computePipeline(device: GPUDevice, label: string, code: string, layout: GPUBindGroupLayout): GPUComputePipeline {
  return device.createComputePipeline({
    label,
    layout: device.createPipelineLayout({ bindGroupLayouts: [layout] }),
    compute: { module: device.createShaderModule({ label, code }), entryPoint: 'main' },
  });
}

/**
 * Every buffer of a run, made through one place so the run knows its GPU memory (the bytes of the
 * buffers it made, fixed once the run is set up) and frees it all when it ends.
 */
export class BufferSet {
  private readonly made: GPUBuffer[] = [];
  bytes = 0;

  constructor(private readonly device: GPUDevice) {}

  /** A zero-filled buffer of at least `bytes` (rounded up to 16: no binding may be empty or ragged). */
  make(label: string, bytes: number, usage: number): GPUBuffer {
    const size = roundUp(Math.max(bytes, 16), 16);
    const b = this.device.createBuffer({ label, size, usage });
    this.made.push(b);
    this.bytes += size;
    return b;
  }

  /** A storage buffer the kernels read and write, the host uploads to and reads back from. */
  storage(label: string, floats: number): GPUBuffer {
    return this.make(label, floats * 4, USAGE.STORAGE | USAGE.COPY_DST | USAGE.COPY_SRC);
  }

  destroy(): void {
    for (const b of this.made) b.destroy();
    this.made.length = 0;
  }
}

/**
 * Runs a run's setup inside validation and out-of-memory error scopes and throws what they caught:
 * WebGPU reports a shader that does not compile, a binding over a device limit or a buffer it
 * cannot allocate asynchronously, and a run that went on would train on silent garbage.
 * `dispose` frees what was made when the setup failed.
 */
export async function checkedSetup<T>(device: GPUDevice, make: () => T, dispose: (made: T) => void): Promise<T> {
  device.pushErrorScope('out-of-memory');
  device.pushErrorScope('validation');
  let made: T;
  try {
    made = make();
  } catch (e) {
    // a throw leaves no scope open on the device
    await device.popErrorScope();
    await device.popErrorScope();
    throw e;
  }
  const validation = await device.popErrorScope();
  const memory = await device.popErrorScope();
  const error = validation ?? memory;
  if (error) {
    dispose(made);
    throw new Error(`the WebGPU engine could not be set up on this device: ${error.message}`);
  }
  return made;
}
