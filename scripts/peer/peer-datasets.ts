import { parseFile } from '../../src/ml/data/parse-file';
import { sampleBytes } from '../../src/test-utils/fixtures';
import { encodeTarget } from '../../src/ml/data/preprocess';
import { randomSplit, stratifiedSplit } from '../../src/ml/data/splits';
import { defaultGbdtConfig, type GbdtConfig } from '../../src/ml/models/gbdt/config';
import { buildTreeFeatures } from '../../src/ml/models/gbdt/features';
import type { TaskKind } from '../../src/ml/task';

export interface PeerCase {
  file: string;
  target: string;
  kind: TaskKind;
}

/** The shared UCI datasets the acceptance test compares on. */
export const PEER_CASES: PeerCase[] = [
  { file: 'breast_cancer.csv', target: 'diagnosis', kind: 'binary' },
  { file: 'wine.csv', target: 'cultivar', kind: 'multiclass' },
  { file: 'diabetes.csv', target: 'progression', kind: 'regression' },
];

/**
 * Settings both libraries can express the same way: scikit-learn's HGB grows leaf-wise with a
 * leaf cap and has no row/column subsampling, so Kiln runs leaf-wise with those off.
 */
export function matchedConfig(): GbdtConfig {
  return { ...defaultGbdtConfig(), growth: 'leafwise', numLeaves: 31, maxDepth: 0, minSamplesLeaf: 20, minChildWeight: 1e-3, l2: 0, learningRate: 0.1, rounds: 100, maxBins: 255, earlyStoppingRounds: 0, rowSubsample: 1, colSubsample: 1, seed: 7 };
}

export async function loadCase(c: PeerCase) {
  const frame = await parseFile(c.file, sampleBytes(c.file));
  const features = frame.columns.filter((col) => col.name !== c.target).map((col) => col.name);
  const target = encodeTarget(frame, { target: c.target, kind: c.kind, features });
  const f = buildTreeFeatures(frame, { columns: features }, c.file);
  // one fixed 75 / 25 split (stratified for classes), the same rows for both libraries
  const cfg = { strategy: 'random' as const, seed: 20261123, validationFraction: 0.25, testFraction: 0 };
  const split = c.kind === 'regression' ? randomSplit(target.rows, cfg) : stratifiedSplit(target.rows, target.values, { ...cfg, strategy: 'stratified' });
  return { x: f.x, names: f.names, y: target.values, classes: target.labels?.length ?? 1, train: split.train, test: split.validation };
}
