import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../data/rng';
import { categoricalParzen, erfc, logPdfNumeric, normalMass, numericParzen, observationWeights } from './parzen';
import { runSearch, suggest, type Trial } from './search';
import type { Params, SearchSpace } from './space';
import { nGood, sampleTpe, splitObservations, type TpeObservation } from './tpe';

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function search(space: SearchSpace, f: (p: Params) => number, sampler: 'random' | 'tpe', seed: number, trials = 60): Promise<Trial[]> {
  const r = await runSearch({ space, trials, sampler, tpe: { startupTrials: 10 }, seed, direction: 'minimize', metric: 'f', pruner: null, objective: async (p) => ({ value: f(p), steps: 1 }) });
  return r.trials;
}

describe('Parzen estimator pieces', () => {
  it('erfc and normal masses match reference values, tails included', () => {
    expect(erfc(0)).toBeCloseTo(1, 6);
    expect(erfc(1)).toBeCloseTo(0.157299207, 6);
    expect(erfc(-1)).toBeCloseTo(1.842700793, 6);
    expect(erfc(5) / 1.5374597944e-12).toBeCloseTo(1, 5);
    expect(normalMass(-1.96, 1.96)).toBeCloseTo(0.95, 3);
    // Q(8) − Q(9): a 1 − Φ formulation would return 0 here
    expect(normalMass(8, 9) / 6.2198319859e-16).toBeCloseTo(1, 4);
    expect(normalMass(-9, -8) / 6.2198319859e-16).toBeCloseTo(1, 4);
  });

  it('bandwidths follow the neighbour-gap rule with the magic clip, prior kernel spanning the range', () => {
    const pe = numericParzen([0.2, 0.5], 0, 1, null, 1);
    expect(pe.mus).toEqual([0.2, 0.5, 0.5]);
    expect(pe.sigmas.map((s) => +s.toFixed(12))).toEqual([0.3, 0.3, 1]);
    expect(pe.weights).toEqual([1 / 3, 1 / 3, 1 / 3]);
    // a truncated mixture integrates to 1 over the range
    let integral = 0;
    for (let i = 0; i < 10000; i++) integral += Math.exp(logPdfNumeric(pe, (i + 0.5) / 10000)) / 10000;
    expect(integral).toBeCloseTo(1, 4);
    // int kernels give masses on the grid that sum to 1
    const pi = numericParzen([2, 3], -0.5, 5.5, 1, 1);
    const total = [0, 1, 2, 3, 4, 5].reduce((a, x) => a + Math.exp(logPdfNumeric(pi, x)), 0);
    expect(total).toBeCloseTo(1, 6);
  });

  it('old observations fade after 25, categorical rows are smoothed one-hots', () => {
    expect(observationWeights(3)).toEqual([1, 1, 1]);
    const w = observationWeights(30);
    expect(w[0]).toBeCloseTo(1 / 30, 12);
    expect(w[4]).toBe(1);
    expect(w.slice(5)).toEqual(new Array(25).fill(1));
    const p = categoricalParzen([0, 0, 2], 3, 1);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(p[0]).toBeGreaterThan(p[2]);
    expect(p[2]).toBeGreaterThan(p[1]);
    expect(p[1]).toBeGreaterThan(0);
  });
});

describe('TPE sampler', () => {
  it('splits ⌈γn⌉ best complete trials from the rest, pruned trials after complete ones', () => {
    const obs: TpeObservation[] = [
      { params: {}, state: 'pruned', value: 0.99, step: 3 },
      { params: {}, state: 'complete', value: 0.7, step: 30 },
      { params: {}, state: 'complete', value: 0.9, step: 30 },
      { params: {}, state: 'pruned', value: 0.5, step: 9 },
    ];
    expect(nGood(4, 0.1)).toBe(1);
    expect(nGood(1000, 0.1)).toBe(25);
    expect(splitObservations(obs, 'maximize', 0.1).good.map((o) => o.value)).toEqual([0.9]);
    expect(splitObservations(obs, 'maximize', 0.5).good.map((o) => o.value)).toEqual([0.7, 0.9]);
    expect(splitObservations(obs, 'maximize', 0.75).good.map((o) => o.value)).toEqual([0.7, 0.9, 0.5]);
    expect(splitObservations(obs, 'minimize', 0.25).good.map((o) => o.value)).toEqual([0.7]);
  });

  it('draws at random until startupTrials trials have finished', () => {
    const space: SearchSpace = [{ name: 'x', kind: 'uniform', low: 0, high: 1 }];
    const obs: TpeObservation[] = [0.1, 0.2, 0.3].map((x) => ({ params: { x }, state: 'complete', value: x, step: 1 }));
    const a = sampleTpe(space, obs, 'minimize', mulberry32(3), { startupTrials: 4 });
    expect(a.x).toBe(mulberry32(3)());
  });

  it('1-D quadratic: after startup, samples concentrate near the optimum, far more than random ones', async () => {
    const space: SearchSpace = [{ name: 'x', kind: 'uniform', low: -10, high: 10 }];
    const f = (p: Params) => ((p.x as number) - 3.3) ** 2;
    const dist = (ts: Trial[]) => median(ts.slice(20).map((t) => Math.abs((t.params.x as number) - 3.3)));
    const tpe = dist(await search(space, f, 'tpe', 11));
    const rnd = dist(await search(space, f, 'random', 11));
    // measured: TPE 1.5–2.0 over seeds 1–12, random 3.5–6.4 (its expectation is 5.2)
    expect(tpe).toBeLessThan(2.5);
    expect(tpe).toBeLessThan(rnd / 2);
  });

  it('2-D with log, int and categorical parameters: TPE finds a better optimum than random search', async () => {
    const space: SearchSpace = [
      { name: 'lr', kind: 'log-uniform', low: 1e-5, high: 1 },
      { name: 'units', kind: 'int', low: 1, high: 64 },
      { name: 'act', kind: 'categorical', choices: ['a', 'b', 'c', 'd'] },
    ];
    // optimum at lr = 1e-2, units = 40, act = 'c'
    const f = (p: Params) => (Math.log10(p.lr as number) + 2) ** 2 + (((p.units as number) - 40) / 16) ** 2 + (p.act === 'c' ? 0 : 1);
    const best: Record<string, number[]> = { tpe: [], random: [] };
    const lateActC: number[] = [];
    // seeds 1–5 include one (5) where the few good trials never held 'c' and TPE stayed greedy on
    // another choice, as TPE with γ = 0.1 can: the claims are on the median
    for (const seed of [1, 2, 3, 4, 5]) {
      const t = await search(space, f, 'tpe', seed);
      const r = await search(space, f, 'random', seed);
      for (const x of t) expect(Number.isInteger(x.params.units) && (x.params.units as number) >= 1 && (x.params.units as number) <= 64).toBe(true);
      best.tpe.push(Math.min(...t.map((x) => x.value ?? Infinity)));
      best.random.push(Math.min(...r.map((x) => x.value ?? Infinity)));
      lateActC.push(t.slice(30).filter((x) => x.params.act === 'c').length / 30);
    }
    expect(median(best.tpe)).toBeLessThan(median(best.random));
    expect(median(best.tpe)).toBeLessThan(0.15);
    // 1/4 would be no learning
    expect(median(lateActC)).toBeGreaterThan(0.6);
  });

  it('is reproducible: the same seed and history give the same params sequence', async () => {
    const space: SearchSpace = [
      { name: 'lr', kind: 'log-uniform', low: 1e-4, high: 3e-2 },
      { name: 'hidden', kind: 'categorical', choices: ['16', '32', '32x16'] },
    ];
    const f = (p: Params) => Math.abs(Math.log(p.lr as number) + 6) + (p.hidden === '32' ? 0 : 0.5);
    const a = await search(space, f, 'tpe', 99, 20);
    const b = await search(space, f, 'tpe', 99, 20);
    const c = await search(space, f, 'tpe', 100, 20);
    expect(b.map((t) => t.params)).toEqual(a.map((t) => t.params));
    expect(c.map((t) => t.params)).not.toEqual(a.map((t) => t.params));
    // a single suggestion depends only on (seed, index, finished trials)
    expect(suggest({ space, sampler: 'tpe', seed: 99, direction: 'minimize', tpe: { startupTrials: 10 } }, 15, a.slice(0, 15))).toEqual(a[15].params);
  });
});
