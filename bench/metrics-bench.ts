// npm run bench:metrics — Kiln's binary report on 1,000,000 predictions in Node, beside
// scikit-learn computing the same metrics on the same data in the same run (when Debian's
// python3-sklearn is installed). Writes bench/results/metrics.json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { binaryReport } from '../src/ml/metrics/report';

const N = Number(process.env.BENCH_N ?? 1_000_000);
const REPS = Number(process.env.BENCH_REPS ?? 5);
const root = resolve(import.meta.dirname, '..');

// seeded data: a noisy but informative score, rounded to 6 decimals like real model outputs
let s = 12345;
const rand = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
const y = new Float64Array(N);
const p = new Float64Array(N);
for (let i = 0; i < N; i++) {
  const t = rand();
  y[i] = rand() < t ? 1 : 0;
  p[i] = Math.round(Math.min(1, Math.max(0, t + (rand() - 0.5) * 0.6)) * 1e6) / 1e6;
}

const times: number[] = [];
let report = binaryReport(y, p);
for (let r = 0; r < REPS; r++) {
  const t0 = performance.now();
  report = binaryReport(y, p);
  times.push((performance.now() - t0) / 1000);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

const dir = mkdtempSync(join(os.tmpdir(), 'kiln-metrics-'));
writeFileSync(join(dir, 'y.bin'), Buffer.from(y.buffer));
writeFileSync(join(dir, 'p.bin'), Buffer.from(p.buffer));
const py = `
import json, sys, time, numpy as np
from sklearn import metrics as M
y = np.fromfile(sys.argv[1] + '/y.bin', dtype=np.float64).astype(int); p = np.fromfile(sys.argv[1] + '/p.bin', dtype=np.float64)
def run():
    yh = (p >= 0.5).astype(int)
    return {'accuracy': M.accuracy_score(y, yh), 'precision': M.precision_score(y, yh), 'recall': M.recall_score(y, yh), 'f1': M.f1_score(y, yh),
            'roc_auc': M.roc_auc_score(y, p), 'average_precision': M.average_precision_score(y, p), 'log_loss': M.log_loss(y, p), 'brier': M.brier_score_loss(y, p)}
ts = []
for _ in range(${REPS}):
    t0 = time.perf_counter(); m = run(); ts.append(time.perf_counter() - t0)
print(json.dumps({'medianSeconds': sorted(ts)[len(ts)//2], 'metrics': m}))`;
const out = spawnSync('/usr/bin/python3', ['-c', py, dir], { encoding: 'utf8' });
const sklearn: { medianSeconds: number; metrics: Record<string, number> } | { unavailable: string } =
  out.status === 0 ? JSON.parse(out.stdout) : { unavailable: (out.stderr || out.error?.message || 'python3 failed').split('\n').filter(Boolean).pop() ?? 'python3 failed' };

const result = {
  bench: 'metrics',
  description: `binaryReport (accuracy, precision, recall, F1, ROC AUC, average precision, log loss, Brier, ECE, MCE) on ${N.toLocaleString()} predictions; scikit-learn computes the first eight on the same data`,
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, node: process.version },
  kiln: { medianSeconds: +median(times).toFixed(3), runs: times.map((t) => +t.toFixed(3)), metrics: report },
  sklearn,
  ...('medianSeconds' in sklearn ? { ratioSklearnOverKiln: +(sklearn.medianSeconds / median(times)).toFixed(3) } : {}),
};
mkdirSync(resolve(root, 'bench/results'), { recursive: true });
writeFileSync(resolve(root, 'bench/results/metrics.json'), JSON.stringify(result, null, 2));
console.log(JSON.stringify({ kiln: result.kiln.medianSeconds, sklearn: 'medianSeconds' in sklearn ? sklearn.medianSeconds : sklearn.unavailable }, null, 2));
