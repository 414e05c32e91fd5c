import { readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { columnLabels, compareRuns, formatCompared, type ComparableRun, type RunComparison } from '../ml/compare/compare-runs';
import { TeamApiError, type TeamClient } from '../team/client';
import { CliError, exitFor } from './errors';
import { teamClient } from './team';

export const COMPARE_USAGE = `  kiln compare RUN_A RUN_B [RUN_C ...] [--server URL --token T] [--json]
      RUN: a \`kiln train --out\` folder, its run.json (or a team-server run saved as JSON), or a run id on the server
      the setup paths that differ and every metric, a column per run; * marks a row's best where lower/higher-is-better is known
      --server and --token default to KILN_SERVER_URL and KILN_TOKEN (needed only for run ids)`;

type Out = (s: string) => void;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** A run record (a `kiln train` run.json, a pulled or listed server run) as compared; `where` names it in errors. */
function fromRecord(ref: string, where: string, record: unknown, fallbackId: string): ComparableRun {
  if (!isObject(record)) throw new CliError(`${where}: not a run (expected a JSON object with metrics and config)`);
  if (record.metrics !== undefined && !isObject(record.metrics)) throw new CliError(`${where}: "metrics" is not an object of metric → number`);
  if (record.config !== undefined && !isObject(record.config)) throw new CliError(`${where}: "config" is not an object`);
  // a listed server run (RemoteRun) carries no config: it still compares on its metrics
  if (record.metrics === undefined && record.config === undefined) throw new CliError(`${where}: not a run (it has neither "metrics" nor "config")`);
  const id = str(record.id) ?? fallbackId;
  return {
    ref,
    id,
    name: str(record.name) ?? id,
    family: str(record.family) ?? '',
    engine: str(record.engine),
    datasetFingerprint: str(record.datasetFingerprint),
    config: isObject(record.config) ? record.config : {},
    metrics: isObject(record.metrics) ? record.metrics : {},
  };
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new CliError(`${file}: cannot read it (${e instanceof Error ? e.message : String(e)})`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new CliError(`${file}: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
}

/** A folder or file when one is there; anything else is taken for a server run id. */
async function load(ref: string, server: () => TeamClient): Promise<ComparableRun> {
  const stat = statSync(ref, { throwIfNoEntry: false });
  if (stat?.isDirectory()) {
    const file = join(ref, 'run.json');
    if (!statSync(file, { throwIfNoEntry: false })?.isFile()) throw new CliError(`${ref}: a folder without run.json (not written by \`kiln train --out\`?)`);
    return fromRecord(ref, file, readJson(file), basename(ref));
  }
  if (stat) return fromRecord(ref, ref, readJson(ref), basename(ref).replace(/\.json$/, ''));
  let c: TeamClient;
  try {
    c = server();
  } catch (e) {
    if (e instanceof CliError) throw new CliError(`${ref}: no such file or folder; to read it as a server run id, ${e.message}`);
    throw e;
  }
  try {
    return fromRecord(ref, `run ${ref} on ${c.base}`, await c.run(ref), ref);
  } catch (e) {
    if (e instanceof TeamApiError && e.status === 404) throw new CliError(`${ref}: no such file or folder, and no run "${ref}" on ${c.base}`);
    if (e instanceof TeamApiError) throw new CliError(`${ref}: no such file or folder, and the server could not be asked for it: ${e.message}${e.status ? ` (HTTP ${e.status} ${e.code})` : ''}`);
    throw e;
  }
}

/** Aligned columns: a section line stands alone, cells are padded to their column's widest. */
function render(c: RunComparison): string {
  const labels = columnLabels(c.runs);
  const head = ['', ...labels];
  const config = c.config.map((r) => [r.path, ...r.values.map(formatCompared)]);
  const metrics = c.metrics.map((r) => [r.key, ...r.values.map((v, i) => `${formatCompared(v)}${r.best === i ? '*' : ''}`)]);
  const refs = c.runs.some((r, i) => r.ref !== labels[i]) ? [['run', ...c.runs.map((r) => r.ref)]] : [];
  const cells = [head, ...refs, ...config, ...metrics];
  const w = head.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((x, i) => x.padEnd(w[i])).join('  ').trimEnd();
  return [
    line(head),
    ...refs.map(line),
    '',
    'config (only what differs)',
    ...(config.length ? config.map(line) : ['  identical setups']),
    '',
    'metrics (* best, where the direction is known)',
    ...(metrics.length ? metrics.map(line) : ['  no metrics']),
    '',
  ].join('\n');
}

/** `kiln compare`: exit 0 with the comparison, 2 on bad usage or a run that cannot be read (named in the message). */
export async function runCompare(args: string[], out: Out, err: Out): Promise<number> {
  try {
    const { values: v, positionals } = parseArgs({
      args,
      options: { server: { type: 'string' }, token: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    if (v.help) {
      out(`${COMPARE_USAGE}\n`);
      return 0;
    }
    if (positionals.length < 2) throw new CliError(`kiln compare needs at least two runs, got ${positionals.length}${positionals.length ? ` (${positionals[0]})` : ''}\n\n${COMPARE_USAGE}`);
    let client: TeamClient | undefined;
    const server = () => (client ??= teamClient(v));
    const runs: ComparableRun[] = [];
    for (const ref of positionals) runs.push(await load(ref, server));
    const comparison = compareRuns(runs);
    out(v.json ? `${JSON.stringify(comparison, null, 2)}\n` : render(comparison));
    return 0;
  } catch (e) {
    return exitFor(e, err, COMPARE_USAGE);
  }
}
