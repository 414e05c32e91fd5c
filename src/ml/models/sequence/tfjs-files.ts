import { tfjsFilesOnCpu } from '../tfjs-layers-export';
import { loadSequenceModel, type SavedSequenceModel } from './saved-model';

/** The saved model in TF.js's layers-model format (model.json + weights.bin), with standard layers only so plain TF.js loads it. */
export const sequenceTfjsFiles = (saved: SavedSequenceModel) => tfjsFilesOnCpu(() => loadSequenceModel(saved, { standardEmbedding: true }));
