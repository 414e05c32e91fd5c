/** The per-epoch figures a run stores (structurally: Kiln's epoch metric records). */
export interface EpochPoint {
  seq: number;
  trainLoss: number;
  valLoss: number;
  valMetrics: Record<string, number>;
  elapsedMs: number;
}

export interface EpochSnapshot {
  bestEpoch: number | null;
  lastEpoch: number | null;
  best: Record<string, number>;
  last: Record<string, number>;
}

const figures = (e: EpochPoint): Record<string, number> => ({ train_loss: e.trainLoss, val_loss: e.valLoss, ...e.valMetrics });

/**
 * A run's figures at its best epoch (the one it kept: `bestEpoch` when the run recorded it, else
 * the lowest finite validation loss) and at its last, so runs are compared where they were best,
 * not where they happened to stop.
 */
export function epochSnapshot(epochs: readonly EpochPoint[], bestEpoch?: number): EpochSnapshot {
  if (epochs.length === 0) return { bestEpoch: null, lastEpoch: null, best: {}, last: {} };
  const last = epochs[epochs.length - 1];
  let best = bestEpoch !== undefined ? epochs.find((e) => e.seq === bestEpoch) : undefined;
  if (!best) {
    for (const e of epochs) if (Number.isFinite(e.valLoss) && (!best || e.valLoss < best.valLoss)) best = e;
  }
  best ??= last;
  return { bestEpoch: best.seq, lastEpoch: last.seq, best: figures(best), last: figures(last) };
}

/** One curve: x by epoch or by wall time (seconds since the run started), y the chosen figure; non-finite points left out. */
export function curveOf(epochs: readonly EpochPoint[], metric: string, x: 'epoch' | 'time'): { x: number; y: number }[] {
  return epochs
    .map((e) => ({ x: x === 'epoch' ? e.seq : e.elapsedMs / 1000, y: figures(e)[metric] }))
    .filter((p): p is { x: number; y: number } => typeof p.y === 'number' && Number.isFinite(p.y));
}

/** Every figure any of the runs has per epoch, losses first. */
export function curveMetrics(runs: readonly (readonly EpochPoint[])[]): string[] {
  const keys = new Set<string>();
  for (const r of runs) for (const e of r) for (const k of Object.keys(figures(e))) if (Number.isFinite(figures(e)[k])) keys.add(k);
  const rest = [...keys].filter((k) => k !== 'train_loss' && k !== 'val_loss').sort();
  return [...['train_loss', 'val_loss'].filter((k) => keys.has(k)), ...rest];
}
