import { describe, expect, it } from 'vitest';
import { binaryLogLoss } from '../../src/ml/metrics/binary';
import { defaultGbdtConfig, type GbdtConfig } from '../../src/ml/models/gbdt/config';
import { fitGbdt } from '../../src/ml/models/gbdt/fit-gbdt';
import { predict } from '../../src/ml/models/gbdt/model';
import { syntheticCategoryFrame } from '../../src/ml/models/gbdt/synthetic';
import { prepareGbdtHoldout } from '../../src/ml/models/gbdt/train-gbdt';
import { peerAvailable, runPeer } from './run-peer';

const hasPeer = peerAvailable();
if (!hasPeer && process.env.CI) throw new Error('CI=true but /usr/bin/python3 has no scikit-learn (apt-get install python3-sklearn)');

describe.skipIf(!hasPeer)('category-set splits vs scikit-learn HistGradientBoosting with categorical_features', () => {
  it('the same 40-level category table, matched settings: accuracy within 1 point', async () => {
    const frame = syntheticCategoryFrame(6000);
    const d = prepareGbdtHoldout(frame, 'shops.csv', { target: 'bought', kind: 'binary', features: ['shop', 'x1', 'x2'] }, { strategy: 'stratified', seed: 3, validationFraction: 0.25, testFraction: 0 });
    const cfg: GbdtConfig = { ...defaultGbdtConfig(), growth: 'leafwise', numLeaves: 15, maxDepth: 0, minSamplesLeaf: 20, l2: 1, learningRate: 0.1, rounds: 80, maxBins: 255, earlyStoppingRounds: 0, seed: 7 };
    // one fixed 75 / 25 split: the held-out quarter scores both libraries
    const cols = d.featureNames.length;
    const fit = await fitGbdt({ x: d.x, featureNames: d.featureNames, y: d.y, trainRows: d.split.train, categorical: d.categoricalFeatures }, 'binary', 2, cfg);
    const xt = new Float32Array(d.split.validation.length * cols);
    d.split.validation.forEach((r, i) => xt.set(d.x.subarray(r * cols, (r + 1) * cols), i * cols));
    const p = predict(fit.model, xt, d.split.validation.length);
    const yt = Float64Array.from(d.split.validation, (r) => d.y[r]);
    let hit = 0;
    p.forEach((v, i) => (hit += (v >= 0.5 ? 1 : 0) === yt[i] ? 1 : 0));
    const acc = hit / yt.length;
    const peer = runPeer('binary', d.x, cols, d.y, d.split.train, d.split.validation, cfg, d.categoricalFeatures);
    console.log(`40-level category: accuracy kiln ${acc.toFixed(4)} vs sklearn ${peer.version} ${peer.accuracy?.toFixed(4)}; log loss ${binaryLogLoss(yt, p).toFixed(4)} vs ${peer.log_loss?.toFixed(4)}`);
    expect(Math.abs(acc - (peer.accuracy as number))).toBeLessThanOrEqual(0.01 + 1e-12);
  });
});
