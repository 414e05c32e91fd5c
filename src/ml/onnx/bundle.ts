import { strToU8, zipSync } from 'fflate';
import type { CalibratorJson } from '../calibration/calibrator';

/** The TF.js weights of any family: a spec that rebuilds the graph plus float32 tensors in order. */
export interface SavedWeights {
  format: string;
  version: number;
  spec: unknown;
  weights: { shape: number[]; data: Float32Array }[];
}

export interface BundleFiles {
  'model.onnx': Uint8Array;
  'model-card.md': string;
  'metadata.json': unknown;
  'calibrator.json'?: CalibratorJson | null;
  /** family-specific JSON files (the sequence family's vocab.json) */
  extra?: Record<string, unknown>;
  /** files written as they are (a second ONNX graph, JSONL) */
  raw?: Record<string, Uint8Array | string>;
  /** TF.js families ship their weights too; tree models ship their JSON in `raw` instead */
  weights?: SavedWeights;
}

/** TF.js weights as a spec (shapes, layer config) plus one little-endian float32 blob. */
export function weightsFiles(m: SavedWeights): { spec: string; bin: Uint8Array } {
  const total = m.weights.reduce((a, w) => a + w.data.length, 0);
  const bin = new Float32Array(total);
  let at = 0;
  const entries = m.weights.map((w) => {
    bin.set(w.data, at);
    const e = { shape: w.shape, offset: at, length: w.data.length };
    at += w.data.length;
    return e;
  });
  return { spec: JSON.stringify({ format: m.format, version: m.version, spec: m.spec, dtype: 'float32', weights: entries }, null, 2), bin: new Uint8Array(bin.buffer) };
}

/** The model bundle: model.onnx, calibrator.json, model-card.md, metadata.json and the TF.js weights, zipped. */
export function buildBundle(f: BundleFiles): Uint8Array {
  const w = f.weights ? weightsFiles(f.weights) : null;
  return zipSync({
    'model.onnx': f['model.onnx'],
    'model-card.md': strToU8(f['model-card.md']),
    'metadata.json': strToU8(JSON.stringify(f['metadata.json'], null, 2)),
    ...(f['calibrator.json'] ? { 'calibrator.json': strToU8(JSON.stringify(f['calibrator.json'], null, 2)) } : {}),
    ...Object.fromEntries(Object.entries(f.extra ?? {}).map(([name, v]) => [name, strToU8(JSON.stringify(v, null, 2))])),
    ...Object.fromEntries(Object.entries(f.raw ?? {}).map(([name, v]) => [name, typeof v === 'string' ? strToU8(v) : v])),
    ...(w ? { 'tfjs/weights.json': strToU8(w.spec), 'tfjs/weights.bin': w.bin } : {}),
  });
}
