import { groupByQuery } from '../ml/metrics/ranking';
import { binaryReport, multiclassReport, ordinalReport, rankingReport, regressionReport, type Report } from '../ml/metrics/report';
import { CliError } from './errors';
import { evaluateClustering, evaluateExtraction, type Details } from './evaluate-sets';
import { binaryLabel, probability, readInput } from './input';

export type EvalTask = 'binary' | 'multiclass' | 'ordinal' | 'regression' | 'ranking' | 'extraction' | 'clustering';
export const EVAL_TASKS: EvalTask[] = ['binary', 'multiclass', 'ordinal', 'regression', 'ranking', 'extraction', 'clustering'];

export interface EvaluateArgs {
  task: EvalTask;
  input: string;
  threshold: number;
  k?: number;
  classes?: number;
}

/** The scalar metrics a gate reads, and for set and clustering tasks the tables behind them. */
export function evaluate(a: EvaluateArgs): { metrics: Report; details?: Details } {
  if (a.task === 'extraction') return evaluateExtraction(a.input);
  if (a.task === 'clustering') return evaluateClustering(a.input);
  return { metrics: evaluateScores(a) };
}

function evaluateScores(a: EvaluateArgs): Report {
  const t = readInput(a.input);
  switch (a.task) {
    case 'binary':
      return binaryReport(t.numbers('y_true', binaryLabel), t.numbers('y_prob', probability), a.threshold);
    case 'multiclass': {
      const cols = t.numbered('p_');
      const { values } = t.labels('y_true', cols.length);
      return multiclassReport(values, t.matrix(cols, probability), cols.length, a.k ?? 5);
    }
    case 'ordinal': {
      const y = t.labels('y_true', a.classes);
      const k = a.classes ?? Math.max(y.k, t.labels('y_pred').k);
      return ordinalReport(y.values, t.labels('y_pred', k).values, k);
    }
    case 'regression':
      return regressionReport(t.numbers('y_true'), t.numbers('y_pred'));
    case 'ranking': {
      const g = groupByQuery(t.strings('query_id'), t.numbers('relevance', (v) => (v >= 0 ? null : 'relevance must be ≥ 0')), t.numbers('score'));
      return rankingReport(g.relevance, g.scores, a.k ?? 5);
    }
    default:
      throw new CliError(`--task ${a.task} is not a scored task`);
  }
}

export interface Gate {
  metric: string;
  bound: number;
  kind: 'under' | 'over';
}

export function parseGate(spec: string, kind: Gate['kind']): Gate {
  const m = /^([a-z0-9_]+)=(-?\d+(?:\.\d+)?(?:e-?\d+)?)$/i.exec(spec);
  if (!m) throw new CliError(`--fail-${kind} takes metric=value (e.g. roc_auc=0.9), got "${spec}"`);
  return { metric: m[1], bound: Number(m[2]), kind };
}

/** The gates that failed, as lines a CI log reader understands at a glance. */
export function checkGates(report: Report, gates: Gate[]): string[] {
  const failed: string[] = [];
  for (const g of gates) {
    const v = report[g.metric];
    if (typeof v !== 'number') {
      throw new CliError(`--fail-${g.kind} ${g.metric}: no such scalar metric in this report (have: ${Object.keys(report).filter((k) => typeof report[k] === 'number').join(', ')})`);
    }
    if (g.kind === 'under' && !(v >= g.bound)) failed.push(`gate failed: ${g.metric} = ${v} is under ${g.bound} (--fail-under ${g.metric}=${g.bound})`);
    if (g.kind === 'over' && !(v <= g.bound)) failed.push(`gate failed: ${g.metric} = ${v} is over ${g.bound} (--fail-over ${g.metric}=${g.bound})`);
  }
  return failed;
}
