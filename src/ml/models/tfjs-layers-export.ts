import * as tf from '@tensorflow/tfjs';
import { loadRanker, type SavedRanker } from './ranker/scorer';
import { loadSequenceModel, type SavedSequenceModel } from './sequence/saved-model';
import { loadTabularModel, type SavedTabularModel } from './tabular/saved-model';

/** The weights file's name, as model.json's weightsManifest names it (relative to model.json). */
export const TFJS_WEIGHTS_FILE = 'weights.bin';

/**
 * A model in TF.js's own "layers-model" format: what `model.save('downloads://…')` writes and
 * `tf.loadLayersModel(url)` reads (model.json with the topology and a weightsManifest pointing at
 * one little-endian weights file).
 */
export interface TfjsLayersFiles {
  'model.json': string;
  'weights.bin': Uint8Array;
}

/** model.save through an in-memory handler: the files browserDownloads would write. */
export async function layersModelFiles(model: tf.LayersModel): Promise<TfjsLayersFiles> {
  let files: TfjsLayersFiles | null = null;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      const data = a.weightData === undefined ? new ArrayBuffer(0) : tf.io.CompositeArrayBuffer.join(a.weightData);
      const json = {
        format: 'layers-model',
        generatedBy: a.generatedBy,
        convertedBy: null,
        modelTopology: a.modelTopology,
        weightsManifest: [{ paths: [TFJS_WEIGHTS_FILE], weights: a.weightSpecs ?? [] }],
      };
      files = { 'model.json': JSON.stringify(json), 'weights.bin': new Uint8Array(data) };
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(a) };
    }),
  );
  if (!files) throw new Error('TF.js saved no model artifacts');
  return files;
}

/**
 * The studio's main thread has no TF.js backend of its own (training runs in workers); a few
 * small models are rebuilt here only to be written out, which the CPU backend does without
 * claiming a WebGL context.
 */
async function onCpu(build: () => tf.LayersModel): Promise<TfjsLayersFiles> {
  if (tf.engine().backendName !== 'cpu') await tf.setBackend('cpu');
  const model = build();
  try {
    return await layersModelFiles(model);
  } finally {
    model.dispose();
  }
}

export const tabularTfjsFiles = (saved: SavedTabularModel) => onCpu(() => loadTabularModel(saved, { standardLayers: true }));
export const rankerTfjsFiles = (saved: SavedRanker) => onCpu(() => loadRanker(saved, { standardLayers: true }));
export const sequenceTfjsFiles = (saved: SavedSequenceModel) => onCpu(() => loadSequenceModel(saved, { standardEmbedding: true }));
