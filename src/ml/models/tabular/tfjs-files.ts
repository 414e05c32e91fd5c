import { tfjsFilesOnCpu } from '../tfjs-layers-export';
import { loadTabularModel, type SavedTabularModel } from './saved-model';

/** The saved model in TF.js's layers-model format (model.json + weights.bin), with standard layers only so plain TF.js loads it. */
export const tabularTfjsFiles = (saved: SavedTabularModel) => tfjsFilesOnCpu(() => loadTabularModel(saved, { standardLayers: true }));
