/** Below this many held-out pairs a ranker's pair metrics move by whole percent per pair: shown with a warning. */
export const FEW_HELD_OUT_PAIRS = 30;

/** The warning for a ranker evaluated on `pairs` held-out pairs, or null when there are enough. */
export function fewPairsWarning(pairs: number): string | null {
  if (pairs >= FEW_HELD_OUT_PAIRS) return null;
  if (pairs === 0) return 'No held-out pairs: these metrics say nothing about unseen pairs. Label more pairs or hold out a larger share.';
  return `Only ${pairs} held-out pair${pairs === 1 ? '' : 's'} (fewer than ${FEW_HELD_OUT_PAIRS}): one pair moves pairwise accuracy by ${(100 / pairs).toFixed(1)} points, so these figures are anecdotes, not estimates. Label more pairs before comparing rankers.`;
}
