import { describe, expect, it } from 'vitest';
import type { TaskKind } from '../../task';
import { gbdtCheckpointBytes, gbdtCheckpointTransferables, isGbdtCheckpoint, type GbdtCheckpoint } from './checkpoint';
import { defaultGbdtConfig, type GbdtConfig } from './config';
import { fitGbdt, type GbdtData, type GbdtFitResult } from './fit-gbdt';
import { predict } from './model';
import { syntheticTable } from './synthetic';

const range = (a: number, b: number) => Int32Array.from({ length: b - a }, (_, i) => a + i);
// subsampling on, so the generator's state is part of what a resume must restore
const BASE: GbdtConfig = { ...defaultGbdtConfig(), rounds: 24, learningRate: 0.3, maxDepth: 3, minSamplesLeaf: 5, rowSubsample: 0.7, colSubsample: 0.6, earlyStoppingRounds: 0, seed: 5 };
const CLASSES: Record<TaskKind, number> = { binary: 2, multiclass: 4, regression: 1, ordinal: 5 };

function table(kind: TaskKind, seed = 2): { data: GbdtData; classes: number } {
  const t = syntheticTable(kind, 480, 8, { seed, missingRate: 0.05, classes: CLASSES[kind] });
  return { data: { x: t.x, featureNames: t.names, y: t.y, trainRows: range(0, 360), validationRows: range(360, 480) }, classes: t.classes };
}

/** A run that keeps every checkpoint it is offered (as IndexedDB would hand them back: structured clones). */
async function straight(kind: TaskKind, cfg: GbdtConfig): Promise<{ fit: GbdtFitResult; checkpoints: GbdtCheckpoint[] }> {
  const { data, classes } = table(kind);
  const checkpoints: GbdtCheckpoint[] = [];
  const fit = await fitGbdt(data, kind, classes, cfg, { onCheckpoint: (o) => void checkpoints.push(structuredClone(o.take())) });
  return { fit, checkpoints };
}

const curve = (f: GbdtFitResult) => f.history.map(({ round, trainLoss, validationLoss }) => ({ round, trainLoss, validationLoss }));

/** Bitwise: the same trees, thresholds, curve, stop and the same predictions on every row. */
function expectSameRun(resumed: GbdtFitResult, uninterrupted: GbdtFitResult, kind: TaskKind): void {
  expect(JSON.stringify(resumed.model)).toBe(JSON.stringify(uninterrupted.model));
  expect(curve(resumed)).toEqual(curve(uninterrupted));
  expect(resumed.reason).toBe(uninterrupted.reason);
  expect(resumed.bestRound).toBe(uninterrupted.bestRound);
  const { data } = table(kind);
  const n = data.y.length;
  expect(Array.from(predict(resumed.model, data.x, n))).toEqual(Array.from(predict(uninterrupted.model, data.x, n)));
}

describe('a resumed GBDT fit ends with the uninterrupted fit’s trees and predictions, bit for bit', () => {
  for (const kind of ['binary', 'multiclass', 'regression', 'ordinal'] as const) {
    it(`${kind}: from an early round and from the last one offered`, async () => {
      const { fit, checkpoints } = await straight(kind, BASE);
      expect(fit.reason).toBe('completed');
      // one per round but the last (nothing left to resume after it)
      expect(checkpoints.map((c) => c.epoch)).toEqual(Array.from(range(1, BASE.rounds)));
      const { data, classes } = table(kind);
      for (const cp of [checkpoints[4], checkpoints[checkpoints.length - 1]]) {
        expect(cp.trees.length).toBe(cp.epoch * (kind === 'multiclass' ? classes : 1));
        expectSameRun(await fitGbdt(data, kind, classes, BASE, {}, cp), fit, kind);
      }
    });
  }

  it('early stopping: the best round and its thresholds carry over, so the resumed run stops where the uninterrupted one did', async () => {
    const cfg = { ...BASE, rounds: 300, learningRate: 0.8, earlyStoppingRounds: 4 };
    const { fit, checkpoints } = await straight('ordinal', cfg);
    expect(fit.reason).toBe('early-stopped');
    // the last checkpoint lies past the best round: its bookkeeping decides where the resumed run stops
    const cp = checkpoints[checkpoints.length - 1];
    expect(cp.best.round).toBeLessThan(cp.epoch);
    expect(cp.best.thresholds).toHaveLength(4);
    const { data, classes } = table('ordinal');
    expectSameRun(await fitGbdt(data, 'ordinal', classes, cfg, {}, cp), fit, 'ordinal');
  });

  it('a stop mid-round (multiclass) offers the last whole round, and a resume from it matches the uninterrupted run', async () => {
    const { fit } = await straight('multiclass', BASE);
    const { data, classes } = table('multiclass');
    // four trees a round: the stop check runs before the round and before trees 2–4; the 27th call is tree 3 of round 7
    let calls = 0;
    const offers: { round: number; final: boolean; cp: GbdtCheckpoint }[] = [];
    const stopped = await fitGbdt(data, 'multiclass', classes, BASE, { shouldStop: () => ++calls >= 27, onCheckpoint: (o) => void offers.push({ round: o.round, final: o.final, cp: structuredClone(o.take()) }) });
    expect(stopped.reason).toBe('user-stopped');
    expect(stopped.model.trees.length).toBe(6 * classes);
    const last = offers[offers.length - 1];
    expect(last).toMatchObject({ round: 6, final: true });
    // the round cut short drew rows and grew trees; the checkpoint keeps none of that
    expect(JSON.stringify(last.cp)).toBe(JSON.stringify(offers.find((o) => o.round === 6 && !o.final)!.cp));
    expectSameRun(await fitGbdt(data, 'multiclass', classes, BASE, {}, last.cp), fit, 'multiclass');
  });

  it('a resumed run offers checkpoints too, equal to the uninterrupted run’s', async () => {
    const { checkpoints } = await straight('binary', BASE);
    const { data, classes } = table('binary');
    const again: GbdtCheckpoint[] = [];
    await fitGbdt(data, 'binary', classes, BASE, { onCheckpoint: (o) => void again.push(o.take()) }, checkpoints[9]);
    expect(again.map((c) => c.epoch)).toEqual(Array.from(range(11, BASE.rounds)));
    const strip = (c: GbdtCheckpoint) => JSON.stringify({ ...c, elapsedMs: 0, history: c.history.map((h) => ({ ...h, elapsedMs: 0 })), trainScores: Array.from(c.trainScores), validationScores: Array.from(c.validationScores) });
    expect(strip(again[again.length - 1])).toBe(strip(checkpoints[checkpoints.length - 1]));
  });

  it('plain arrays: a byte count, and the score buffers to transfer', async () => {
    const { checkpoints } = await straight('multiclass', { ...BASE, rounds: 4 });
    const cp = checkpoints[2];
    expect(isGbdtCheckpoint(cp)).toBe(true);
    expect(isGbdtCheckpoint({ epoch: 3 })).toBe(false);
    expect(cp.trainScores.length).toBe(360 * 4);
    expect(gbdtCheckpointBytes(cp)).toBeGreaterThan((360 + 120) * 4 * 8);
    const buffers = gbdtCheckpointTransferables(cp);
    expect(buffers).toEqual([cp.trainScores.buffer, cp.validationScores.buffer]);
  });
});

describe('a checkpoint from other data or another config is refused, naming what differs', () => {
  const kind = 'binary';
  const checkpoint = async () => (await straight(kind, BASE)).checkpoints[5];

  it('another config', async () => {
    const { data, classes } = table(kind);
    await expect(fitGbdt(data, kind, classes, { ...BASE, learningRate: 0.2, maxDepth: 4 }, {}, await checkpoint())).rejects.toThrow('another config: learningRate 0.3 there, 0.2 here; maxDepth 3 there, 4 here');
  });

  it('other targets or feature values, with the same shape', async () => {
    const { data, classes } = table(kind);
    const y = Float64Array.from(data.y);
    y[3] = 1 - y[3];
    await expect(fitGbdt({ ...data, y }, kind, classes, BASE, {}, await checkpoint())).rejects.toThrow('taken on other values');
    const other = table(kind, 9);
    await expect(fitGbdt(other.data, kind, classes, BASE, {}, await checkpoint())).rejects.toThrow('taken on other values');
  });

  it('other rows, other features, another task', async () => {
    const { data, classes } = table(kind);
    const cp = await checkpoint();
    await expect(fitGbdt({ ...data, trainRows: range(0, 300) }, kind, classes, BASE, {}, cp)).rejects.toThrow('taken on 360 training and 120 validation rows, this data has 300 and 120');
    await expect(fitGbdt({ ...data, featureNames: data.featureNames.map((n, i) => (i === 2 ? 'age' : n)) }, kind, classes, BASE, {}, cp)).rejects.toThrow('feature 3 is "f2" there and "age" here');
    await expect(fitGbdt(data, 'regression', 1, BASE, {}, cp)).rejects.toThrow('the checkpoint is for a binary task with 2 classes, this run is regression with 1');
  });
});
