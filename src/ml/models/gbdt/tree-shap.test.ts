import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../data/rng';
import type { TaskKind } from '../../task';
import { defaultGbdtConfig } from './config';
import { fitGbdt } from './fit-gbdt';
import { predictRaw, type GbdtModel } from './model';
import { syntheticTable } from './synthetic';
import { addNode, emptyTree, goesLeft, setCategorySplit, treeValue, type Tree } from './tree';
import { dependencePoints, shapSummary, sourceColumn, swarmPoints, waterfall } from './shap-summary';
import { explainRows, treeExpectation, treeShap } from './tree-shap';

/** E[tree(x) | x_S]: features in S follow the row, the others both branches weighted by cover. */
function conditional(t: Tree, x: Float32Array, offset: number, S: Set<number>, i = 0): number {
  if (t.feature[i] < 0) return t.value[i];
  const f = t.feature[i];
  if (S.has(f)) {
    // the trees' own routing: threshold or category set, missing by the learned direction
    return conditional(t, x, offset, S, goesLeft(t, i, x[offset + f]) ? t.left[i] : t.right[i]);
  }
  const l = t.left[i];
  const r = t.right[i];
  return (t.count[l] * conditional(t, x, offset, S, l) + t.count[r] * conditional(t, x, offset, S, r)) / t.count[i];
}

/** Shapley values by their definition: every subset of the M features, weighted |S|!(M−|S|−1)!/M!. */
function bruteForce(trees: Tree[], x: Float32Array, offset: number, M: number): Float64Array {
  const fact = (n: number): number => (n <= 1 ? 1 : n * fact(n - 1));
  const v = (S: Set<number>) => trees.reduce((s, t) => s + conditional(t, x, offset, S), 0);
  const phi = new Float64Array(M);
  for (let f = 0; f < M; f++) {
    for (let mask = 0; mask < 1 << M; mask++) {
      if (mask & (1 << f)) continue;
      const S = new Set<number>();
      for (let g = 0; g < M; g++) if (mask & (1 << g)) S.add(g);
      const w = (fact(S.size) * fact(M - S.size - 1)) / fact(M);
      const without = v(S);
      S.add(f);
      phi[f] += w * (v(S) - without);
    }
  }
  return phi;
}

/** Features from CAT_FROM on are categorical in the trees and rows made with `categorical`: codes 0..CODES−1. */
const CAT_FROM = 4;
const CODES = 6;

/**
 * A random tree over `features` features that splits the same feature more than once on a path
 * (the case unwind exists for); with `categorical`, nodes on features ≥ CAT_FROM split by a random category set.
 */
function randomTree(seed: number, features: number, depth: number, categorical = false): Tree {
  const rng = mulberry32(seed);
  const t = emptyTree();
  const grow = (count: number, d: number): number => {
    const i = addNode(t, count);
    if (d === depth || count < 4) {
      t.value[i] = Math.fround(rng() * 4 - 2);
      return i;
    }
    t.feature[i] = Math.floor(rng() * features);
    t.threshold[i] = Math.fround(rng() * 2 - 1);
    t.missingLeft[i] = rng() < 0.5 ? 1 : 0;
    if (categorical && t.feature[i] >= CAT_FROM) setCategorySplit(t, i, Array.from({ length: CODES }, (_, k) => k).filter(() => rng() < 0.5));
    const leftCount = 1 + Math.floor(rng() * (count - 2));
    const l = grow(leftCount, d + 1);
    const r = grow(count - leftCount, d + 1);
    t.left[i] = l;
    t.right[i] = r;
    return i;
  };
  grow(1000, 0);
  return t;
}

function randomRows(seed: number, rows: number, features: number, categorical = false): Float32Array {
  const rng = mulberry32(seed);
  return Float32Array.from({ length: rows * features }, (_, k) => (rng() < 0.1 ? NaN : categorical && k % features >= CAT_FROM ? Math.floor(rng() * CODES) : Math.fround(rng() * 2.4 - 1.2)));
}

describe('TreeSHAP equals the Shapley values by definition', () => {
  it.each([1, 2, 3, 4, 5])('random tree %i (6 features, depth 6, repeated features, missing values): every row to 1e-9', (seed) => {
    const M = 6;
    const t = randomTree(seed, M, 6);
    const x = randomRows(100 + seed, 40, M);
    for (let r = 0; r < 40; r++) {
      const phi = new Float64Array(M);
      treeShap(t, x, r * M, phi);
      const exact = bruteForce([t], x, r * M, M);
      for (let f = 0; f < M; f++) expect(Math.abs(phi[f] - exact[f]), `row ${r}, feature ${f}: ${phi[f]} vs ${exact[f]}`).toBeLessThanOrEqual(1e-9);
      // local accuracy: E[tree] + Σφ = the row's leaf
      const sum = phi.reduce((s, v) => s + v, treeExpectation(t));
      expect(Math.abs(sum - conditional(t, x, r * M, new Set([0, 1, 2, 3, 4, 5])))).toBeLessThan(1e-12);
    }
  });

  it.each([1, 2, 3])('random tree %i with category-set nodes (features 4 and 5 categorical, rows routed by membership): every row to 1e-9', (seed) => {
    const M = 6;
    const t = randomTree(seed, M, 6, true);
    expect(t.catLeft?.some((c) => c !== null)).toBe(true);
    const x = randomRows(200 + seed, 40, M, true);
    for (let r = 0; r < 40; r++) {
      const phi = new Float64Array(M);
      treeShap(t, x, r * M, phi);
      const exact = bruteForce([t], x, r * M, M);
      for (let f = 0; f < M; f++) expect(Math.abs(phi[f] - exact[f]), `row ${r}, feature ${f}: ${phi[f]} vs ${exact[f]}`).toBeLessThanOrEqual(1e-9);
      expect(Math.abs(phi.reduce((s, v) => s + v, treeExpectation(t)) - treeValue(t, x, r * M))).toBeLessThan(1e-12);
    }
  });

  it('a stump gives its whole effect to its feature and nothing to the others', () => {
    const t = randomTree(9, 1, 1);
    const phi = new Float64Array(3);
    treeShap(t, Float32Array.from([0.5]), 0, phi.subarray(0, 1));
    expect(phi[0]).not.toBe(0);
    expect(phi[1]).toBe(0);
  });
});

const KINDS: [TaskKind, number][] = [
  ['binary', 2],
  ['multiclass', 3],
  ['regression', 1],
  ['ordinal', 4],
];

async function trained(kind: TaskKind, classes: number, cols: number, rounds: number): Promise<{ model: GbdtModel; x: Float32Array }> {
  const d = syntheticTable(kind, 500, cols, { seed: 5, classes, missingRate: 0.05 });
  const rows = Int32Array.from({ length: 500 }, (_, i) => i);
  const { model } = await fitGbdt({ x: d.x, featureNames: d.names, y: d.y, trainRows: rows }, kind, classes, { ...defaultGbdtConfig(), rounds, maxDepth: 4, rowSubsample: 0.8, seed: 3, earlyStoppingRounds: 0 });
  return { model, x: d.x };
}

describe.each(KINDS)('a trained %s ensemble', (kind, classes) => {
  it('base + Σ contributions = the margin for every output, on 300 rows, to 1e-6', async () => {
    const { model, x } = await trained(kind, classes, 10, 30);
    const e = explainRows(model, x, 300);
    const raw = predictRaw(model, x, 300);
    for (let r = 0; r < 300; r++) {
      for (let k = 0; k < e.outputs; k++) {
        let s = e.base[k];
        for (let f = 0; f < e.features; f++) s += e.phi[(r * e.outputs + k) * e.features + f];
        expect(Math.abs(s - raw[r * e.outputs + k]), `row ${r}, output ${k}`).toBeLessThanOrEqual(1e-6);
      }
    }
  });

  it('with 5 features the contributions equal brute-force Shapley values of the whole ensemble to 1e-9', async () => {
    const { model, x } = await trained(kind, classes, 5, 8);
    const e = explainRows(model, x, 15);
    for (let k = 0; k < e.outputs; k++) {
      const trees = model.trees.filter((_, i) => i % e.outputs === k);
      for (let r = 0; r < 15; r++) {
        const exact = bruteForce(trees, x, r * 5, 5);
        for (let f = 0; f < 5; f++) expect(Math.abs(e.phi[(r * e.outputs + k) * 5 + f] - exact[f])).toBeLessThanOrEqual(1e-9);
      }
    }
  });
});

describe('summaries of the explanations', () => {
  it('mean |φ| per feature and per source column, and a waterfall that ends at the margin', async () => {
    const { model, x } = await trained('regression', 1, 10, 20);
    const names = model.featureNames.map((f, i) => (i >= 8 ? `emb[${i - 8}]` : f));
    const e = explainRows(model, x, 200);
    const s = shapSummary(e, names);
    expect(s.features).toHaveLength(10);
    expect(s.columns.map((c) => c.name).sort()).toEqual(['emb', 'f0', 'f1', 'f2', 'f3', 'f4', 'f5', 'f6', 'f7']);
    // the synthetic target leans on f0 most
    expect(s.features[0].name).toBe('f0');
    for (let i = 1; i < s.features.length; i++) expect(s.features[i].meanAbs[0]).toBeLessThanOrEqual(s.features[i - 1].meanAbs[0]);
    expect(sourceColumn('emb[12]')).toBe('emb');
    const w = waterfall(e, names, 7, 0, 3);
    expect(w.steps).toHaveLength(4);
    expect(w.steps[3].name).toBe('7 other features');
    expect(Math.abs(w.margin - predictRaw(model, x, 8)[7])).toBeLessThan(1e-6);
  });

  it('beeswarm lanes and dependence points: one point per row and feature, value ranks in [0, 1], missing values grey and left out of the dependence plot', async () => {
    const { model, x } = await trained('binary', 2, 6, 10);
    const e = explainRows(model, x, 100);
    const pts = swarmPoints(e, x, model.featureNames, 0, ['f0', 'f3']);
    expect(pts).toHaveLength(200);
    expect(pts.filter((p) => p.feature === 'f0').every((p) => p.y > -0.5 && p.y < 0.5)).toBe(true);
    expect(pts.filter((p) => p.feature === 'f3').every((p) => p.y > 0.5 && p.y < 1.5)).toBe(true);
    const present = pts.filter((p) => !Number.isNaN(p.value));
    expect(present.every((p) => p.level >= 0 && p.level <= 1)).toBe(true);
    expect(pts.filter((p) => Number.isNaN(p.value)).every((p) => Number.isNaN(p.level))).toBe(true);
    const missing = Array.from({ length: 100 }, (_, r) => x[r * 6]).filter((v) => Number.isNaN(v)).length;
    expect(missing).toBeGreaterThan(0);
    expect(dependencePoints(e, x, model.featureNames, 'f0', 0)).toHaveLength(100 - missing);
    // f0 pushes the positive class up: its contribution rises with its value
    const dep = dependencePoints(e, x, model.featureNames, 'f0', 0).sort((a, b) => a.value - b.value);
    expect(dep[dep.length - 1].phi).toBeGreaterThan(dep[0].phi);
  });
});
