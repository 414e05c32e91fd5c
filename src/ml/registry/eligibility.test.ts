import { describe, expect, it } from 'vitest';
import { aliasesOnVersions, type AliasEvent } from './aliases';
import { registrationProblem, type RegistrationFacts } from './eligibility';

const tabular = (over: Partial<RegistrationFacts> = {}): RegistrationFacts => ({
  family: 'tabular',
  status: 'completed',
  epochsRun: 5,
  crossValidation: false,
  finalMetrics: { accuracy: 0.9 },
  artifacts: ['tabular-model', 'preprocess', 'predictions'],
  ...over,
});

describe('which runs can be registered', () => {
  it('accepts a finished run with a stored model and metrics (completed, early-stopped, stopped with best weights)', () => {
    for (const status of ['completed', 'early-stopped', 'user-stopped']) expect(registrationProblem(tabular({ status })), status).toBeNull();
    expect(registrationProblem({ family: 'gbdt', status: 'completed', crossValidation: false, evaluationMode: 'holdout', finalMetrics: { auc: 0.8 }, artifacts: ['gbdt-result', 'gbdt-model'] })).toBeNull();
    expect(registrationProblem({ family: 'matcher', status: 'completed', crossValidation: false, finalMetrics: { spearman: 0.4 }, artifacts: ['matcher-model', 'matcher-result'] })).toBeNull();
  });

  it('refuses an interrupted run with 0 epochs and no metrics, saying why', () => {
    const p = registrationProblem(tabular({ status: 'interrupted', epochsRun: undefined, finalMetrics: undefined, artifacts: [] }));
    expect(p).toMatch(/interrupted/);
    expect(p).toMatch(/kept no model/);
  });

  it('refuses failed, NaN, running, 0-epoch, cross-validation, model-less and metric-less runs, and searches', () => {
    expect(registrationProblem(tabular({ status: 'failed' }))).toMatch(/failed/);
    expect(registrationProblem(tabular({ status: 'non-finite-loss' }))).toMatch(/NaN/);
    expect(registrationProblem(tabular({ status: 'running' }))).toMatch(/still training/);
    expect(registrationProblem(tabular({ epochsRun: 0 }))).toMatch(/0 epochs/);
    expect(registrationProblem(tabular({ crossValidation: true }))).toMatch(/cross-validation/);
    expect(registrationProblem({ family: 'gbdt', status: 'completed', crossValidation: false, evaluationMode: 'cv', finalMetrics: { auc: 0.8 }, artifacts: ['gbdt-result'] })).toMatch(/cross-validation/);
    expect(registrationProblem(tabular({ artifacts: ['preprocess', 'predictions'] }))).toMatch(/missing tabular-model/);
    expect(registrationProblem(tabular({ finalMetrics: { accuracy: NaN } }))).toMatch(/no validation metrics/);
    expect(registrationProblem({ ...tabular(), family: 'search' })).toMatch(/not a model/);
    expect(registrationProblem({ ...tabular(), family: 'matcher', status: 'user-stopped', artifacts: [] })).toMatch(/no stored model/);
  });
});

describe('aliases on a run being deleted', () => {
  const ev = (alias: string, to: string | null, at: number, modelType = 'm'): AliasEvent => ({ modelType, alias, from: null, to, at, note: '', kind: 'move' });
  it('lists the aliases now on its versions; production and staging block', () => {
    const events = [ev('production', 'm_v1.0', 1), ev('dev', 'm_v1.0', 2), ev('staging', 'm_v1.1', 3), ev('production', 'm_v1.1', 4), ev('canary', 'x_v1.0', 5, 'x')];
    const v10 = [{ id: 'm_v1.0', modelType: 'm' }];
    // production moved on to v1.1: only dev is left on v1.0, and dev does not block
    expect(aliasesOnVersions(events, v10)).toEqual({ all: [{ modelType: 'm', alias: 'dev', version: 'm_v1.0' }], blocking: [] });
    const v11 = aliasesOnVersions(events, [{ id: 'm_v1.1', modelType: 'm' }]);
    expect(v11.blocking.map((a) => a.alias).sort()).toEqual(['production', 'staging']);
    expect(aliasesOnVersions(events, [{ id: 'x_v1.0', modelType: 'x' }]).all).toEqual([{ modelType: 'x', alias: 'canary', version: 'x_v1.0' }]);
  });
});
