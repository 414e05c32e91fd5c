import type { KernelFactory } from './kernels';

/** Which engine trains on the CPU: Kiln's own (on the given kernels) or TF.js's ops (on its backend). */
export type CpuTrainEngine = { kind: 'kiln'; kernels: KernelFactory } | { kind: 'tfjs' };
/** Which engine trains a dense model: those, or Kiln's WebGPU engine on a device. */
export type TrainEngine = CpuTrainEngine | { kind: 'kiln-webgpu'; device: GPUDevice };
