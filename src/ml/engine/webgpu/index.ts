/** The WebGPU path of Kiln's dense training engine: the device is passed in (the core never asks navigator.gpu). */
export { fitDenseGpu, STEP_SLOTS } from './fit-dense-gpu';
export { gpuDenseStepRate } from './step-rate';
export { GpuDenseNet, type GpuNetOptions } from './gpu-net';
export { BiasCorrection, drawMasks } from './step-inputs';
