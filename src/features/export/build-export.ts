import ortWasm from 'onnxruntime-web/ort-wasm-simd-threaded.jsep.wasm?url';

/** What every family's export shares: the bundle's version stamp, onnxruntime-web's binary, and the shapes of a bundle and of its parity check. */
export const KILN_VERSION = '0.1.0';
/**
 * onnxruntime-web's WASM binary (the one its default bundle asks for), emitted by the build beside
 * the app's own assets so that dist/ checks exports without node_modules.
 */
export const ORT_WASM_PATHS = { wasm: ortWasm };

export interface ExportResult {
  bundle: Uint8Array;
  files: Record<string, Uint8Array | string>;
  modelId: string;
}

export interface OnnxCheck {
  rows: number;
  maxAbsDiff: number;
  rowsPerSec: number;
  /** per output, for models with several */
  perHead?: Record<string, number>;
}
