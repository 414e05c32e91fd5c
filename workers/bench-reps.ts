import type { LoopResult } from './bench.protocol';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Times two training loops in alternation (kiln, fit, kiln, fit, …) so drift in machine load hits
 * both alike; each loop reports its own throughput. Medians and their ratio come back.
 */
export async function interleavedReps(
  reps: number,
  kilnLoop: () => Promise<number>,
  fitLoop: () => Promise<number>,
  onRep: (loop: 'kiln' | 'fit', rep: number, perSec: number) => void,
): Promise<{ kiln: LoopResult; fit: LoopResult; ratio: number }> {
  const kiln: number[] = [];
  const fit: number[] = [];
  for (let rep = 0; rep < reps; rep++) {
    kiln.push(await kilnLoop());
    onRep('kiln', rep, kiln[rep]);
    fit.push(await fitLoop());
    onRep('fit', rep, fit[rep]);
  }
  const k = { runs: kiln, median: median(kiln) };
  const f = { runs: fit, median: median(fit) };
  return { kiln: k, fit: f, ratio: k.median / f.median };
}
