import { DEFAULT_RANKER } from '../src/ml/models/ranker/config';
import { fitNormalization, normalizeFeatures } from '../src/ml/models/ranker/items';
import { splitPairs } from '../src/ml/models/ranker/pair-split';
import { syntheticPairs, syntheticPool } from '../src/ml/models/ranker/synthetic';
import { runPythonPeer, type PeerResult } from './python-peer';

/**
 * The ranker bench in PyTorch: the pool and pairs workers/ranker-bench.worker.ts trains on (same
 * generator seeds, same normalization and split), the default scorer, loss, batch size, epochs and
 * learning rate, at each thread count. Returns training pairs/s per repetition.
 */
export function torchRanker(o: { poolSize: number; pairs: number; epochs: number; reps: number; threads: number[] }): PeerResult {
  const pool = syntheticPool(o.poolSize, 64, 8);
  const pairs = syntheticPairs(pool, o.pairs, 0.1, 12);
  const c = DEFAULT_RANKER;
  const rows = splitPairs(pairs, pool.size, c.split, c.seed);
  const x = normalizeFeatures(pool.features, pool.dim, fitNormalization({ ...pool, metricCount: 0 }));
  return runPythonPeer('torch_ranker_peer.py', (file) => ({
    dim: pool.dim,
    x: file('x.f32', x),
    a: file('a.i32', Int32Array.from(pairs.a)),
    b: file('b.i32', Int32Array.from(pairs.b)),
    y: file('y.f32', Float32Array.from(pairs.y)),
    train: file('train.i32', Int32Array.from(rows.train)),
    val: file('val.i32', Int32Array.from(rows.validation)),
    hiddenLayers: c.hiddenLayers,
    hiddenUnits: c.hiddenUnits,
    dropout: c.dropout,
    margin: c.margin,
    weightDecay: c.weightDecay,
    learningRate: c.learningRate,
    batchSize: c.batchSize,
    epochs: o.epochs,
    reps: o.reps,
    threads: o.threads,
  }));
}
