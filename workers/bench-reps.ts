import type { LoopResult } from './bench.protocol';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Times the training loops in alternation (kiln, [kiln on all threads,] [kiln on WebGPU,] fit, kiln, …) so drift in
 * machine load hits all alike; each loop reports its own throughput. Medians and the kiln/fit
 * ratio come back (`threaded` only when its loop was given).
 */
export async function interleavedReps(
  reps: number,
  kilnLoop: () => Promise<number>,
  fitLoop: () => Promise<number>,
  onRep: (loop: 'kiln' | 'kiln-threads' | 'kiln-webgpu' | 'fit', rep: number, perSec: number) => void,
  kilnThreadsLoop?: () => Promise<number>,
  kilnGpuLoop?: () => Promise<number>,
): Promise<{ kiln: LoopResult; fit: LoopResult; ratio: number; threaded?: LoopResult; gpu?: LoopResult }> {
  const kiln: number[] = [];
  const threaded: number[] = [];
  const gpu: number[] = [];
  const fit: number[] = [];
  for (let rep = 0; rep < reps; rep++) {
    kiln.push(await kilnLoop());
    onRep('kiln', rep, kiln[rep]);
    if (kilnThreadsLoop) {
      threaded.push(await kilnThreadsLoop());
      onRep('kiln-threads', rep, threaded[rep]);
    }
    if (kilnGpuLoop) {
      gpu.push(await kilnGpuLoop());
      onRep('kiln-webgpu', rep, gpu[rep]);
    }
    fit.push(await fitLoop());
    onRep('fit', rep, fit[rep]);
  }
  const k = { runs: kiln, median: median(kiln) };
  const f = { runs: fit, median: median(fit) };
  return {
    kiln: k,
    fit: f,
    ratio: k.median / f.median,
    ...(kilnThreadsLoop ? { threaded: { runs: threaded, median: median(threaded) } } : {}),
    ...(kilnGpuLoop ? { gpu: { runs: gpu, median: median(gpu) } } : {}),
  };
}
