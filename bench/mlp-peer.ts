import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseFile } from '../src/ml/data/parse-file';
import { DEFAULT_PREPROCESS } from '../src/ml/data/preprocess';
import { prepareTabular } from '../src/ml/models/tabular/prepare';
import { runPythonPeer, type PeerResult } from './python-peer';

const PYTHON = '/usr/bin/python3';

/** PyTorch on /usr/bin/python3 (Debian's python3-torch), or why not. */
export function torchUnavailable(): string | null {
  if (!existsSync(PYTHON)) return `${PYTHON} is absent`;
  const r = spawnSync(PYTHON, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8' });
  return r.status === 0 ? null : 'PyTorch is not installed for /usr/bin/python3 (apt-get install python3-torch)';
}

/**
 * The same workload in PyTorch: the arrays Kiln's bench worker trains on (same file, split and
 * preprocessing), the same MLP, batch size, epochs, learning rate and per-epoch validation, at
 * each thread count. Returns samples/s per repetition per thread count.
 */
export async function torchMlp(w: { csv: string; target: string; kind: 'binary' | 'multiclass'; hiddenUnits: readonly number[]; batchSize: number }, o: { epochs: number; reps: number; learningRate: number; threads: number[] }): Promise<PeerResult> {
  const bytes = readFileSync(resolve(import.meta.dirname, '..', 'public/samples', w.csv));
  const frame = await parseFile(w.csv, bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const features = frame.columns.map((c) => c.name).filter((n) => n !== w.target);
  const p = prepareTabular(frame, { target: w.target, kind: w.kind, features }, { strategy: 'stratified', seed: 1, validationFraction: 0.2, testFraction: 0 }, DEFAULT_PREPROCESS);
  const a = p.arrays;
  return runPythonPeer('torch_mlp_peer.py', (file) => ({ kind: w.kind, inputDim: a.inputDim, targetWidth: a.targetWidth, xTrain: file('x.f32', a.xTrain), yTrain: file('y.f32', a.yTrain), xVal: file('xv.f32', a.xVal), yVal: file('yv.f32', a.yVal), hidden: w.hiddenUnits, batchSize: w.batchSize, ...o }));
}
