import { tfjsFilesOnCpu } from '../tfjs-layers-export';
import { loadRanker, type SavedRanker } from './scorer';

/** The saved model in TF.js's layers-model format (model.json + weights.bin), with standard layers only so plain TF.js loads it. */
export const rankerTfjsFiles = (saved: SavedRanker) => tfjsFilesOnCpu(() => loadRanker(saved, { standardLayers: true }));
