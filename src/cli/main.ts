import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { applyToFile, calibrate, type CalibrationMethod } from './calibrate';
import { CliError, exitFor } from './errors';
import { checkGates, evaluate, EVAL_TASKS, parseGate, type EvalTask } from './evaluate';
import { runTeam, TEAM_COMMANDS, TEAM_USAGE } from './team';
import { runTrain, TRAIN_USAGE } from './train';
import { runRecipe, RECIPE_USAGE } from './recipe-init';
import { runTune, TUNE_USAGE } from './tune';
import { runCompare, COMPARE_USAGE } from './compare';
import { runPredict, PREDICT_USAGE } from './predict';
import { EXPLAIN_USAGE, runExplain } from './explain';
import { runSkills, SKILLS_USAGE } from './skills';

const USAGE = `kiln: Kiln headless: train, evaluate, calibrate and share, on the same code as the studio

${TRAIN_USAGE}
${RECIPE_USAGE}
${TUNE_USAGE}
${PREDICT_USAGE}
${EXPLAIN_USAGE}
${COMPARE_USAGE}
${SKILLS_USAGE}

  kiln evaluate --task binary|multiclass|ordinal|regression|ranking|extraction|clustering --input FILE
                [--threshold 0.5] [--k 5] [--classes K] [--out report.json]
                [--fail-under metric=value ...] [--fail-over metric=value ...]
      input columns: binary y_true,y_prob · multiclass y_true,p_0..p_{K-1}
                     ordinal and regression y_true,y_pred · ranking query_id,relevance,score
                     clustering labels_true,labels_pred (ARI, NMI, AMI, homogeneity, completeness,
                       V-measure, Fowlkes–Mallows) and/or label,x_0..x_{d-1} (silhouette,
                       Davies–Bouldin, Calinski–Harabasz)
      extraction: FILE.jsonl, one document a line {"gold": [...], "pred": [...]} (or a CSV whose
                     gold and pred cells are JSON arrays); precision/recall/f1 _micro, _macro and
                     _samples over the union of labels, plus the per-label table and each
                     document's misses and false hits
  kiln calibrate --method isotonic|platt|temperature --input FILE.csv --out calibrator.json
      input columns: isotonic y_true,score (a probability) · platt y_true,score (a decision value)
                     temperature y_true,logit_0..logit_{K-1}
  kiln apply-calibrator --calibrator calibrator.json --input FILE.csv   (CSV on stdout)


${TEAM_USAGE}

exit codes: 0 ok · 1 a --fail-under/--fail-over gate failed, or the server refused on its state (a stale promote) · 2 bad usage or bad input`;

function need(v: string | undefined, flag: string): string {
  if (!v) throw new CliError(`missing --${flag}\n\n${USAGE}`);
  return v;
}

function num(v: string | undefined, flag: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new CliError(`--${flag} takes a number, got "${v}"`);
  return n;
}

function json(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2);
}

/** Every command, the team's (which talk to a server) included: what bin/kiln.mjs runs. */
export async function main(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s), err: (s: string) => void = (s) => process.stderr.write(s)): Promise<number> {
  if (argv[0] && TEAM_COMMANDS.includes(argv[0])) return runTeam(argv[0], argv.slice(1), out, err);
  const headless: Record<string, (args: string[], out: (s: string) => void, err: (s: string) => void) => Promise<number>> = { train: runTrain, recipe: runRecipe, tune: runTune, compare: runCompare, predict: runPredict, explain: runExplain, skills: runSkills };
  if (argv[0] && argv[0] in headless) {
    if (argv.slice(1).some((a) => a === '--help' || a === '-h')) {
      out(`${USAGE}\n`);
      return 0;
    }
    return headless[argv[0]](argv.slice(1), out, err);
  }
  return run(argv, out, err);
}

export function run(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s), err: (s: string) => void = (s) => process.stderr.write(s)): number {
  try {
    const [command, ...rest] = argv;
    if (!command || command === '--help' || command === '-h' || command === 'help') {
      out(`${USAGE}\n`);
      return command ? 0 : 2;
    }
    const { values } = parseArgs({
      args: rest,
      options: {
        task: { type: 'string' },
        input: { type: 'string' },
        out: { type: 'string' },
        threshold: { type: 'string' },
        k: { type: 'string' },
        classes: { type: 'string' },
        method: { type: 'string' },
        calibrator: { type: 'string' },
        'fail-under': { type: 'string', multiple: true },
        'fail-over': { type: 'string', multiple: true },
      },
      strict: true,
    });
    if (command === 'evaluate') {
      const task = need(values.task, 'task') as EvalTask;
      if (!EVAL_TASKS.includes(task)) throw new CliError(`--task must be one of ${EVAL_TASKS.join(', ')}, got "${task}"`);
      const threshold = num(values.threshold, 'threshold') ?? 0.5;
      const gates = [...(values['fail-under'] ?? []).map((g) => parseGate(g, 'under')), ...(values['fail-over'] ?? []).map((g) => parseGate(g, 'over'))];
      const { metrics: report, details } = evaluate({ task, input: need(values.input, 'input'), threshold, k: num(values.k, 'k'), classes: num(values.classes, 'classes') });
      const text = `${json({ task, input: values.input, ...(task === 'binary' ? { threshold } : {}), metrics: report, ...details })}\n`;
      if (values.out) writeFileSync(values.out, text);
      else out(text);
      const failed = checkGates(report, gates);
      for (const f of failed) err(`kiln: ${f}\n`);
      return failed.length ? 1 : 0;
    }
    if (command === 'calibrate') {
      const method = need(values.method, 'method') as CalibrationMethod;
      if (!['isotonic', 'platt', 'temperature'].includes(method)) throw new CliError(`--method must be isotonic, platt or temperature, got "${method}"`);
      const cal = calibrate(method, need(values.input, 'input'));
      writeFileSync(need(values.out, 'out'), `${json(cal)}\n`);
      return 0;
    }
    if (command === 'apply-calibrator') {
      out(applyToFile(need(values.calibrator, 'calibrator'), need(values.input, 'input')));
      return 0;
    }
    throw new CliError(`unknown command "${command}"\n\n${USAGE}`);
  } catch (e) {
    return exitFor(e, err, USAGE);
  }
}
