import { strToU8, zipSync } from 'fflate';
import type { CalibratorJson } from '../calibration/calibrator';
import type { TfjsLayersFiles } from '../models/tfjs-layers-export';

/** The TF.js weights of any family as the studio stores them: a spec that rebuilds the graph plus float32 tensors in order. */
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
  /** family-specific JSON files (a vocabulary's vocab.json) */
  extra?: Record<string, unknown>;
  /** files written as they are (a second ONNX graph, JSONL) */
  raw?: Record<string, Uint8Array | string>;
  /**
   * TF.js families ship the network in TF.js's layers-model format under tfjs/ (model.json,
   * weights.bin, plus any fitted preprocessing); tree models ship their JSON in `raw` instead
   */
  tfjs?: TfjsLayersFiles & { 'preprocess.json'?: string };
}

/** The model bundle: model.onnx, calibrator.json, model-card.md, metadata.json and the TF.js model, zipped. */
export function buildBundle(f: BundleFiles): Uint8Array {
  return zipSync({
    'model.onnx': f['model.onnx'],
    'model-card.md': strToU8(f['model-card.md']),
    'metadata.json': strToU8(JSON.stringify(f['metadata.json'], null, 2)),
    ...(f['calibrator.json'] ? { 'calibrator.json': strToU8(JSON.stringify(f['calibrator.json'], null, 2)) } : {}),
    ...Object.fromEntries(Object.entries(f.extra ?? {}).map(([name, v]) => [name, strToU8(JSON.stringify(v, null, 2))])),
    ...Object.fromEntries(Object.entries(f.raw ?? {}).map(([name, v]) => [name, typeof v === 'string' ? strToU8(v) : v])),
    ...Object.fromEntries(Object.entries(f.tfjs ?? {}).map(([name, v]: [string, Uint8Array | string]) => [`tfjs/${name}`, typeof v === 'string' ? strToU8(v) : v])),
  });
}
