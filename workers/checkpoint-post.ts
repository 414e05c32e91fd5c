import { checkpointBytes, checkpointTransferables, type NetCheckpoint } from '../src/ml/models/checkpoint';

/**
 * A run's onCheckpoint hook for a fit that checkpoints after every epoch: it posts a checkpoint
 * (buffers transferred) at most every `minIntervalMs`, and always the one a stop lands on. Short
 * epochs would otherwise send the page a checkpoint write per epoch, and its writes (curves and
 * checkpoints, in order) would fall behind the run; the page keeps only the latest one anyway.
 */
export function throttledCheckpoints(post: (cp: NetCheckpoint, bytes: number, transfer: Transferable[]) => void, stopped: () => boolean, minIntervalMs = 1000, now: () => number = () => performance.now()): (cp: NetCheckpoint) => void {
  let last = -Infinity;
  return (cp) => {
    const t = now();
    if (t - last < minIntervalMs && !stopped()) return;
    last = t;
    post(cp, checkpointBytes(cp), checkpointTransferables(cp));
  };
}
