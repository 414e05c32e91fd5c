import { describe, expect, it } from 'vitest';
import { fitGbdt } from '../../src/ml/models/gbdt/fit-gbdt';
import { predict } from '../../src/ml/models/gbdt/model';
import { argmaxRows } from '../../src/ml/metrics/multiclass';
import { binaryLogLoss } from '../../src/ml/metrics/binary';
import { multiclassLogLoss } from '../../src/ml/metrics/multiclass';
import { rmse } from '../../src/ml/metrics/regression';
import { loadCase, matchedConfig, PEER_CASES } from './peer-datasets';
import { peerAvailable, runPeer } from './run-peer';

const gather = (x: Float32Array, cols: number, rows: Int32Array) => {
  const out = new Float32Array(rows.length * cols);
  rows.forEach((r, i) => out.set(x.subarray(r * cols, (r + 1) * cols), i * cols));
  return out;
};

// CI installs python3-sklearn (.ci/run); elsewhere the comparison is skipped with a reason.
const hasPeer = peerAvailable();
if (!hasPeer && process.env.CI) throw new Error('CI=true but /usr/bin/python3 has no scikit-learn (apt-get install python3-sklearn)');

describe.skipIf(!hasPeer)('GBDT vs scikit-learn HistGradientBoosting, matched settings, one fixed split', () => {
  for (const c of PEER_CASES) {
    it(`${c.file} (${c.kind})`, async () => {
      const d = await loadCase(c);
      const cfg = matchedConfig();
      const cols = d.names.length;
      const fit = await fitGbdt({ x: d.x, featureNames: d.names, y: d.y, trainRows: d.train }, c.kind, d.classes, cfg);
      const p = predict(fit.model, gather(d.x, cols, d.test), d.test.length);
      const yt = Float64Array.from(d.test, (r) => d.y[r]);
      const peer = runPeer(c.kind, d.x, cols, d.y, d.train, d.test, cfg);
      if (c.kind === 'regression') {
        const kiln = rmse(yt, p);
        console.log(`${c.file}: RMSE kiln ${kiln.toFixed(3)} vs sklearn ${peer.rmse?.toFixed(3)} (fit ${fit.durationMs} ms vs ${((peer.fit_seconds ?? 0) * 1000).toFixed(0)} ms)`);
        expect(Math.abs(kiln - (peer.rmse as number)) / (peer.rmse as number)).toBeLessThan(0.1);
        return;
      }
      const K = d.classes;
      const pred = c.kind === 'binary' ? Float64Array.from(p, (v) => (v >= 0.5 ? 1 : 0)) : argmaxRows(p, K);
      let hit = 0;
      pred.forEach((v, i) => (hit += v === yt[i] ? 1 : 0));
      const acc = hit / yt.length;
      const ll = c.kind === 'binary' ? binaryLogLoss(yt, p) : multiclassLogLoss(yt, p, K);
      console.log(`${c.file}: accuracy kiln ${acc.toFixed(4)} vs sklearn ${peer.accuracy?.toFixed(4)}; log loss ${ll.toFixed(4)} vs ${peer.log_loss?.toFixed(4)} (fit ${fit.durationMs} ms vs ${((peer.fit_seconds ?? 0) * 1000).toFixed(0)} ms)`);
      expect(Math.abs(acc - (peer.accuracy as number))).toBeLessThanOrEqual(0.02 + 1e-12);
    });
  }
});
