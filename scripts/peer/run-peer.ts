import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GbdtConfig } from '../../src/ml/models/gbdt/config';
import type { TaskKind } from '../../src/ml/task';

/** Debian's interpreter: its python3-sklearn is the peer (a pyenv python on PATH lacks it). */
export const PEER_PYTHON = process.env.KILN_PYTHON ?? '/usr/bin/python3';
const SCRIPT = join(import.meta.dirname, 'gbdt_peer.py');

export interface PeerResult {
  peer: string;
  version: string;
  fit_seconds: number;
  accuracy?: number;
  log_loss?: number;
  rmse?: number;
}

export function peerAvailable(): boolean {
  try {
    execFileSync(PEER_PYTHON, ['-c', 'import sklearn.ensemble'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Runs scikit-learn on exactly Kiln's matrix and split, with Kiln's settings. */
export function runPeer(kind: TaskKind, x: Float32Array, cols: number, y: Float64Array, trainRows: Int32Array, testRows: Int32Array, cfg: GbdtConfig, categoricalFeatures: number[] = []): PeerResult {
  const dir = mkdtempSync(join(tmpdir(), 'kiln-peer-'));
  try {
    const lines: string[] = [];
    for (let r = 0; r < y.length; r++) lines.push(Array.from(x.subarray(r * cols, (r + 1) * cols), (v) => (Number.isNaN(v) ? 'nan' : String(v))).join(','));
    writeFileSync(join(dir, 'x.csv'), lines.join('\n') + '\n');
    const spec = { x_csv: join(dir, 'x.csv'), y: Array.from(y), train_rows: Array.from(trainRows), test_rows: Array.from(testRows), kind, params: cfg, categorical_features: categoricalFeatures };
    writeFileSync(join(dir, 'spec.json'), JSON.stringify(spec));
    const out = execFileSync(PEER_PYTHON, [SCRIPT, join(dir, 'spec.json')], { encoding: 'utf8', maxBuffer: 64 << 20 });
    return JSON.parse(out) as PeerResult;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
