import * as tf from '@tensorflow/tfjs';

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
 * claiming a WebGL context. Each tensor family rebuilds its saved model for this in its own folder
 * (`<family>/tfjs-files.ts`).
 */
export async function tfjsFilesOnCpu(build: () => tf.LayersModel): Promise<TfjsLayersFiles> {
  if (tf.engine().backendName !== 'cpu') await tf.setBackend('cpu');
  const model = build();
  try {
    return await layersModelFiles(model);
  } finally {
    model.dispose();
  }
}
