import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose } from '../test-utils/close';
import { reference, referenceSeeds } from '../test-utils/fixtures';
import { KILN_BIN as BIN, kiln, kilnFast } from '../test-utils/kiln-cli';

let dir: string;

function csv(name: string, header: string[], rows: (string | number)[][]): string {
  const path = join(dir, name);
  writeFileSync(path, `${header.join(',')}\n${rows.map((r) => r.join(',')).join('\n')}\n`);
  return path;
}



beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiln-cli-'));
});

const softmax = (row: number[]) => {
  const m = Math.max(...row);
  const e = row.map((z) => Math.exp(z - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
};

describe.each(referenceSeeds())('kiln evaluate / calibrate reproduce reference-%i end to end', (seed) => {
  const ref = reference(seed);
  type R = Record<string, unknown>;

  it('evaluate --task binary', () => {
    const b = ref.binary as R;
    const y = b.y_true as number[];
    const p = b.y_prob as number[];
    const input = csv(`binary-${seed}.csv`, ['y_true', 'y_prob'], y.map((v, i) => [v, p[i]]));
    const out = join(dir, `binary-${seed}.json`);
    const r = kiln(['evaluate', '--task', 'binary', '--input', input, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const m = (JSON.parse(readFileSync(out, 'utf8')) as { metrics: Record<string, number> }).metrics;
    for (const k of ['accuracy', 'precision', 'recall', 'f1', 'roc_auc', 'average_precision', 'log_loss', 'brier', 'ece_15_uniform', 'mce_15_uniform']) {
      expectClose(m[k], b[k] as number, 0, 1e-9);
    }
  });

  it('evaluate --task multiclass, ordinal, regression, ranking', () => {
    const mc = ref.multiclass as R;
    const probs = (mc.logits as number[][]).map(softmax);
    const k = mc.k as number;
    const mIn = csv(`mc-${seed}.csv`, ['y_true', ...Array.from({ length: k }, (_, i) => `p_${i}`)], (mc.y_true as number[]).map((y, i) => [y, ...probs[i].map((v) => v.toPrecision(17))]));
    const m = JSON.parse(kiln(['evaluate', '--task', 'multiclass', '--input', mIn]).stdout).metrics as Record<string, number | number[][]>;
    expect(m.confusion_matrix).toEqual(mc.confusion_matrix);
    for (const key of ['accuracy', 'top3_accuracy', 'top5_accuracy', 'f1_macro', 'f1_micro', 'f1_weighted']) expectClose(m[key] as number, mc[key] as number, 0, 1e-9);
    // the fixture's logits are stored rounded to 6 decimals; its log loss was computed before rounding
    expectClose(m.log_loss as number, mc.log_loss as number, 0, 1e-7);

    const o = ref.ordinal as R;
    const oIn = csv(`ord-${seed}.csv`, ['y_true', 'y_pred'], (o.y_true as number[]).map((y, i) => [y, (o.y_pred as number[])[i]]));
    const om = JSON.parse(kiln(['evaluate', '--task', 'ordinal', '--input', oIn, '--classes', String(o.k)]).stdout).metrics as Record<string, number>;
    for (const key of ['mae', 'accuracy', 'adjacent_accuracy', 'qwk', 'linear_kappa', 'kappa']) expectClose(om[key], o[key] as number, 0, 1e-9);

    const g = ref.regression as R;
    const gIn = csv(`reg-${seed}.csv`, ['y_true', 'y_pred'], (g.y_true as number[]).map((y, i) => [y, (g.y_pred as number[])[i]]));
    const gm = JSON.parse(kiln(['evaluate', '--task', 'regression', '--input', gIn]).stdout).metrics as Record<string, number>;
    for (const key of ['mse', 'rmse', 'mae', 'r2', 'pearson', 'spearman']) expectClose(gm[key], g[key] as number, 0, 1e-9);

    const rk = ref.ranking as R;
    const rows: (string | number)[][] = [];
    (rk.relevance as number[][]).forEach((rel, q) => rel.forEach((v, i) => rows.push([`q${q}`, v, (rk.scores as number[][])[q][i]])));
    const rm = JSON.parse(kiln(['evaluate', '--task', 'ranking', '--input', csv(`rank-${seed}.csv`, ['query_id', 'relevance', 'score'], rows)]).stdout).metrics as Record<string, number>;
    for (const key of ['ndcg_at_5', 'ndcg_at_10', 'ndcg']) expectClose(rm[key], rk[key] as number, 0, 1e-9);
  });

  it('calibrate --method platt | isotonic | temperature, then apply-calibrator', () => {
    const b = ref.binary as R;
    const y = b.y_true as number[];
    const platt = join(dir, `platt-${seed}.json`);
    const dIn = csv(`dec-${seed}.csv`, ['y_true', 'score'], y.map((v, i) => [v, (b.decision as number[])[i]]));
    expect(kiln(['calibrate', '--method', 'platt', '--input', dIn, '--out', platt]).code).toBe(0);
    const pj = JSON.parse(readFileSync(platt, 'utf8'));
    expect(pj).toMatchObject({ format: 'kiln.calibrator', version: 1, method: 'platt' });
    expectClose(pj.params.a, (b.platt as R).a as number, 0, 1e-4);
    expectClose(pj.params.b, (b.platt as R).b as number, 0, 1e-4);

    const iso = join(dir, `iso-${seed}.json`);
    const pIn = csv(`prob-${seed}.csv`, ['y_true', 'score'], y.map((v, i) => [v, (b.y_prob as number[])[i]]));
    expect(kiln(['calibrate', '--method', 'isotonic', '--input', pIn, '--out', iso]).code).toBe(0);
    const isoRef = b.isotonic as R;
    const grid = csv(`grid-${seed}.csv`, ['score'], (isoRef.grid as number[]).map((g) => [g]).filter(([g]) => (g as number) >= 0 && (g as number) <= 1));
    const applied = kiln(['apply-calibrator', '--calibrator', iso, '--input', grid]);
    expect(applied.code, applied.stderr).toBe(0);
    const got = applied.stdout.trim().split('\n').slice(1).map(Number);
    const want = (isoRef.predict as number[]).filter((_, i) => (isoRef.grid as number[])[i] >= 0 && (isoRef.grid as number[])[i] <= 1);
    expectClose(got, want, 0, 1e-9);

    const mc = ref.multiclass as R;
    const k = mc.k as number;
    const lIn = csv(`logit-${seed}.csv`, ['y_true', ...Array.from({ length: k }, (_, i) => `logit_${i}`)], (mc.y_true as number[]).map((v, i) => [v, ...(mc.logits as number[][])[i]]));
    const temp = join(dir, `temp-${seed}.json`);
    expect(kiln(['calibrate', '--method', 'temperature', '--input', lIn, '--out', temp]).code).toBe(0);
    expectClose(JSON.parse(readFileSync(temp, 'utf8')).params.temperature, mc.temperature as number, 0, 1e-4);
  });
});

describe('gates and bad input', () => {
  it('--fail-under exits 1 with a clear line; a passing gate exits 0', () => {
    const input = csv('gate.csv', ['y_true', 'y_prob'], [[0, 0.2], [1, 0.5], [0, 0.6], [1, 0.9]]);
    const bad = kiln(['evaluate', '--task', 'binary', '--input', input, '--fail-under', 'roc_auc=0.99']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/gate failed: roc_auc = 0\.75 is under 0\.99/);
    expect(JSON.parse(bad.stdout).metrics.roc_auc).toBe(0.75);
    expect(kilnFast(['evaluate', '--task', 'binary', '--input', input, '--fail-under', 'roc_auc=0.7', '--fail-over', 'brier=0.3']).code).toBe(0);
    expect(kilnFast(['evaluate', '--task', 'binary', '--input', input, '--fail-over', 'log_loss=0.1']).code).toBe(1);
    expect(kilnFast(['evaluate', '--task', 'binary', '--input', input, '--fail-under', 'nope=1']).code).toBe(2);
  });

  it.each([
    ['missing column', ['y_true', 'p'], [[0, 0.5]], 'binary', /missing column "y_prob"/],
    ['non-numeric cell', ['y_true', 'y_prob'], [[0, 0.5], [1, 'abc']], 'binary', /row 2 \(line 3\), column 2 \("y_prob"\): "abc" is not a finite number/],
    ['probability outside [0,1]', ['y_true', 'y_prob'], [[0, 1.5]], 'binary', /row 1 \(line 2\), column 2 \("y_prob"\): probabilities must lie in \[0, 1\]/],
    ['label outside 0..K-1', ['y_true', 'p_0', 'p_1'], [[0, 0.5, 0.5], [2, 0.1, 0.9]], 'multiclass', /row 2 \(line 3\), column 1 \("y_true"\): label 2 is outside 0\.\.1/],
    ['binary label not 0/1', ['y_true', 'y_prob'], [[3, 0.5]], 'binary', /binary labels must be 0 or 1/],
  ] as const)('%s exits 2 naming row and column', (_name, header, rows, task, message) => {
    const r = kilnFast(['evaluate', '--task', task, '--input', csv(`bad-${_name.replace(/\W+/g, '-')}.csv`, [...header], rows.map((x) => [...x]))]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('an empty file, an unknown task and a missing flag exit 2', () => {
    writeFileSync(join(dir, 'empty.csv'), '');
    expect(kilnFast(['evaluate', '--task', 'binary', '--input', join(dir, 'empty.csv')])).toMatchObject({ code: 2, stderr: expect.stringMatching(/empty/) });
    expect(kilnFast(['evaluate', '--task', 'segmentation', '--input', 'x.csv']).code).toBe(2);
    expect(kilnFast(['calibrate', '--method', 'platt']).code).toBe(2);
    expect(kilnFast(['frobnicate']).code).toBe(2);
    expect(kilnFast(['evaluate', '--bogus']).code).toBe(2);
  });

  it('prints usage with --help, listing every command; `kiln CMD --help` too', () => {
    const help = execFileSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' });
    for (const cmd of ['train', 'recipe init', 'recipe check', 'tune create', 'tune --study', 'tune status', 'tune best', 'predict', 'explain', 'compare', 'evaluate', 'calibrate', 'apply-calibrator', 'runs list', 'runs pull', 'registry', 'server token', 'server migrate']) {
      expect(help, cmd).toContain(`kiln ${cmd}`);
    }
    expect(help).toMatch(/exit codes: 0 ok · 1 .* · 2 bad usage or bad input/);
    expect(execFileSync(process.execPath, [BIN, 'train', '--help'], { encoding: 'utf8' })).toContain('kiln train --recipe');
  });
});
