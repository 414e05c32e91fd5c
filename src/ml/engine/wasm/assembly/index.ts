// Entry of Kiln's WASM SIMD kernels (built by scripts/build-engine-wasm.mjs into ../kernels.wasm).
// The exports mirror src/ml/engine/kernels.ts's `Kernels`, with every array passed as a byte
// offset into the imported memory (env.memory) and booleans as 0/1. The loader
// (../wasm-kernels.ts) turns Float32Array views into those offsets.
//
// Nothing here allocates: no runtime, no static data, so instantiating writes nothing into the
// shared memory and every byte of it belongs to the JS side's Arena.
export { gemm, gemmBlock } from './gemm';
export { biasAct, actBackward, colSum, adam } from './activations';
export { lstmCell, lstmCellBackward } from './lstm-cell';
// the gradient-boosted trees' histogram kernels (src/ml/models/gbdt/wasm-shard.ts calls them)
export { histBuild, histSubtract, histScan, partitionRows } from './gbdt-hist';
