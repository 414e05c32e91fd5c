import { describe, expect, it } from 'vitest';
import { runSearch, type Objective, type TrialEvent } from './search';
import type { SearchSpace } from './space';

const space: SearchSpace = [{ name: 'x', kind: 'uniform', low: 0, high: 1 }];

/** A fake training run: the value after each epoch climbs towards `x`, then the objective returns the final value. */
const climbing: Objective = async (p, _i, report) => {
  const x = p.x as number;
  let v = 0;
  for (let step = 1; step <= 10; step++) {
    v = x * (1 - 0.5 ** step);
    if (report(step, v) === 'prune') return { value: v, steps: step };
  }
  return { value: v, steps: 10 };
};

describe('runSearch', () => {
  it('records a throwing or NaN objective as failed and goes on', async () => {
    const events: string[] = [];
    const r = await runSearch({
      space,
      trials: 4,
      sampler: 'random',
      seed: 1,
      direction: 'maximize',
      metric: 'acc',
      pruner: null,
      objective: async (p, i) => {
        if (i === 1) throw new Error('out of memory');
        if (i === 2) return { value: NaN, steps: 3 };
        return { value: p.x as number, steps: 5 };
      },
      onTrial: (e: TrialEvent) => events.push(`${e.type}:${e.trial.index}:${e.trial.state}`),
    });
    expect(r.trials.map((t) => t.state)).toEqual(['complete', 'failed', 'failed', 'complete']);
    expect(r.trials[1].error).toBe('out of memory');
    expect(r.trials[2].error).toBe('the objective returned NaN');
    expect(r.trials[1].value).toBeNull();
    expect(events).toEqual(['started:0:running', 'finished:0:complete', 'started:1:running', 'finished:1:failed', 'started:2:running', 'finished:2:failed', 'started:3:running', 'finished:3:complete']);
    const [a, , , d] = r.trials.map((t) => t.value ?? NaN);
    expect(r.best?.index).toBe(a >= d ? 0 : 3);
    expect(r.bestSoFar).toEqual([a, a, a, Math.max(a, d)]);
    expect(r.reason).toBe('completed');
  });

  it('a non-finite reported value is answered prune and fails the trial', async () => {
    const r = await runSearch({
      space,
      trials: 1,
      sampler: 'random',
      seed: 1,
      direction: 'minimize',
      metric: 'loss',
      pruner: null,
      objective: async (_p, _i, report) => {
        expect(report(1, 0.5)).toBe('continue');
        expect(report(2, Infinity)).toBe('prune');
        return { value: 0.5, steps: 2 };
      },
    });
    expect(r.trials[0]).toMatchObject({ state: 'failed', error: 'reported Infinity at step 2', steps: 2 });
    expect(r.best).toBeNull();
    expect(r.bestSoFar).toEqual([null]);
  });

  it('prunes with successive halving: pruned trials keep the value they were judged on; the best is complete', async () => {
    const steps: number[] = [];
    const r = await runSearch({
      space,
      trials: 12,
      sampler: 'random',
      seed: 3,
      direction: 'maximize',
      metric: 'acc',
      pruner: { minResource: 2, reductionFactor: 3 },
      objective: climbing,
      onTrial: (e) => e.type === 'step' && steps.push(e.step),
    });
    const pruned = r.trials.filter((t) => t.state === 'pruned');
    expect(pruned.length).toBeGreaterThan(0);
    for (const t of pruned) {
      expect([2, 6]).toContain(t.prunedAt);
      expect(t.steps).toBe(t.prunedAt);
      expect(t.value).toBe(Math.max(...t.intermediate.map((v) => v.value)));
    }
    const xs = r.trials.map((t) => t.params.x as number);
    // the best x overall ran to the end and is the best trial
    expect(r.best?.index).toBe(xs.indexOf(Math.max(...xs)));
    expect(r.best?.state).toBe('complete');
    expect(r.pruner?.rungs[0]).toHaveLength(12);
    expect(steps.length).toBe(r.trials.reduce((a, t) => a + t.intermediate.length, 0));
  });

  it('stops between trials and fails the trial a stop interrupts', async () => {
    let reports = 0;
    const r = await runSearch({
      space,
      trials: 10,
      sampler: 'tpe',
      tpe: { startupTrials: 2 },
      seed: 1,
      direction: 'maximize',
      metric: 'acc',
      pruner: null,
      objective: (p, i, report) =>
        climbing(p, i, (step, v) => {
          reports++;
          return report(step, v);
        }),
      shouldStop: () => reports > 25,
    });
    expect(r.reason).toBe('user-stopped');
    expect(r.trials).toHaveLength(3);
    expect(r.trials.map((t) => t.state)).toEqual(['complete', 'complete', 'failed']);
    expect(r.trials[2].error).toBe('stopped by the user before the trial finished');
  });

  it('refuses an invalid space or pruner before running anything', async () => {
    let ran = false;
    const objective: Objective = async () => {
      ran = true;
      return { value: 1, steps: 1 };
    };
    await expect(
      runSearch({ space: [{ name: 'lr', kind: 'log-uniform', low: 0, high: 1 }], trials: 3, sampler: 'tpe', seed: 1, direction: 'maximize', metric: 'acc', pruner: { minResource: 0, reductionFactor: 3 }, objective }),
    ).rejects.toThrow('lr: a log-uniform range needs low > 0 (got 0); pruning: min resource must be a positive integer (epochs)');
    await expect(runSearch({ space, trials: 0, sampler: 'tpe', seed: 1, direction: 'maximize', metric: 'acc', pruner: null, objective })).rejects.toThrow('the number of trials must be a positive integer');
    expect(ran).toBe(false);
  });
});
