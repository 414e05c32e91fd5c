import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Tensor } from 'onnxruntime-node';
import { categoryCode } from '../ml/models/gbdt/category-codes';
import type { GbdtModel } from '../ml/models/gbdt/model';
import { rowContributions, ShapSummary } from '../ml/models/gbdt/shap-summary';
import { explainRows } from '../ml/models/gbdt/tree-shap';
import { gbdtInputs } from '../ml/onnx/gbdt-onnx';
import { CliError, exitFor } from './errors';
import { makeFeeder } from './predict-feeds';
import type { GraphFeed } from './predict-model';
import { csvCell } from './predict-output';
import { describeProblem, openSource, RowProblem, type TableSource } from './predict-source';

export const EXPLAIN_USAGE = `  kiln explain --model RUN_DIR|gbdt-model.json --input FILE.csv|FILE.tsv|FILE.parquet --out DIR
               [--id COLUMN] [--batch-rows 10000]
      exact TreeSHAP contributions of a gradient-boosted-tree model (the gbdt-model.json \`kiln train\`
      and the studio's export write beside model.onnx) for every input row: DIR/contributions.csv
      ([id,] row, output, base, one column per feature, margin = base + Σ) and DIR/summary.csv
      (mean |contribution| per feature and per source column). Margins are log-odds for binary,
      per-class scores for multiclass, the latent score for ordinal, the value for regression`;

/** The GBDT a run folder, a model.onnx beside its gbdt-model.json, or gbdt-model.json itself names. */
export function readTrees(path: string): { model: GbdtModel; file: string } {
  let file = path;
  if (existsSync(path) && statSync(path).isDirectory()) file = join(path, 'gbdt-model.json');
  else if (path.toLowerCase().endsWith('.onnx')) file = join(dirname(path), 'gbdt-model.json');
  if (!existsSync(file)) throw new CliError(`${file}: not found; kiln explain reads the gbdt-model.json a gradient-boosted-tree bundle holds (kiln train --out, or the studio's export)`);
  let v: unknown;
  try {
    v = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new CliError(`${file}: not JSON (${(e as Error).message})`);
  }
  const m = v as Partial<GbdtModel>;
  if (m.format !== 'kiln-gbdt-1' || !Array.isArray(m.trees) || !Array.isArray(m.featureNames) || !Array.isArray(m.baseScores)) throw new CliError(`${file}: not a Kiln gradient-boosted-tree model (format kiln-gbdt-1)`);
  return { model: m as GbdtModel, file };
}

/** The graph's feeds for this model, so the input columns are read exactly as kiln predict reads them. */
function feedsOf(m: GbdtModel): GraphFeed[] {
  const { input, categorical } = gbdtInputs(m);
  const feeds: GraphFeed[] = [];
  if (input.length) feeds.push({ input: 'input', type: 'float32', features: input });
  if (categorical.length) feeds.push({ input: 'categorical', type: 'string', columns: categorical });
  return feeds;
}

/** The model's feature matrix for a batch: numeric features as read, categories as the model's codes (unknown → missing). */
function featureMatrix(m: GbdtModel, feeds: Record<string, Tensor>, rows: number): Float32Array {
  const F = m.featureNames.length;
  const x = new Float32Array(rows * F);
  const { input, categorical } = gbdtInputs(m);
  const numAt = input.map((f) => m.featureNames.indexOf(f));
  const num = feeds.input?.data as Float32Array | undefined;
  for (let r = 0; r < rows; r++) for (let j = 0; j < numAt.length; j++) x[r * F + numAt[j]] = (num as Float32Array)[r * numAt.length + j];
  const cats = feeds.categorical?.data as string[] | undefined;
  categorical.forEach((f, j) => {
    const code = categoryCode((m.categorical ?? [])[j]);
    const at = m.featureNames.indexOf(f);
    for (let r = 0; r < rows; r++) {
      const s = (cats as string[])[r * categorical.length + j];
      x[r * F + at] = code(s === '' ? null : s);
    }
  });
  return x;
}

const num = (v: number) => String(v);

export async function runExplain(args: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  let src: TableSource | undefined;
  let fd: number | undefined;
  let partial: string | undefined;
  try {
    const { values } = parseArgs({ args, options: { model: { type: 'string' }, input: { type: 'string' }, out: { type: 'string' }, id: { type: 'string' }, 'batch-rows': { type: 'string' } }, strict: true });
    for (const flag of ['model', 'input', 'out'] as const) if (!values[flag]) throw new CliError(`missing --${flag}\n\n${EXPLAIN_USAGE}`);
    const batchRows = values['batch-rows'] === undefined ? 10_000 : Number(values['batch-rows']);
    if (!Number.isInteger(batchRows) || batchRows < 1) throw new CliError(`--batch-rows takes a whole number ≥ 1, got "${values['batch-rows']}"`);
    const { model } = readTrees(values.model as string);
    src = await openSource(values.input as string, batchRows);
    const feeder = makeFeeder(feedsOf(model), src);
    const idColumn = values.id === undefined ? -1 : src.header.indexOf(values.id);
    if (values.id !== undefined && idColumn < 0) throw new CliError(`${src.file}: missing column "${values.id}" (--id); columns: ${src.header.join(', ')}`);
    const outputs = model.outputs > 1 ? (model.labels ?? Array.from({ length: model.outputs }, (_, k) => String(k))) : [model.kind === 'ordinal' ? 'latent' : model.kind === 'binary' ? 'log_odds' : 'value'];
    const dir = values.out as string;
    mkdirSync(dir, { recursive: true });
    // written a batch at a time beside its final name: memory follows the batch, and a failed run leaves no half file
    partial = join(dir, 'contributions.csv.partial');
    fd = openSync(partial, 'w');
    writeSync(fd, `${[...(idColumn < 0 ? [] : [values.id as string]), 'row', 'output', 'base', ...model.featureNames, 'margin'].map(csvCell).join(',')}\n`);
    const summary = new ShapSummary(model.featureNames);
    let total = 0;
    for await (const batch of src.batches(idColumn < 0 ? feeder.columns : [...new Set([...feeder.columns, idColumn])])) {
      const x = featureMatrix(model, feeder.feeds(batch), batch.rows);
      const e = explainRows(model, x, batch.rows);
      summary.add(e);
      const lines: string[] = [];
      for (let r = 0; r < batch.rows; r++) {
        const id = idColumn < 0 ? [] : [csvCell(String(batch.cell(r, idColumn) ?? '').trim())];
        for (let k = 0; k < e.outputs; k++) {
          const phi = rowContributions(e, r, k);
          const margin = phi.reduce((s, v) => s + v, e.base[k]);
          lines.push([...id, String(batch.firstRow + r), csvCell(outputs[k]), num(e.base[k]), ...Array.from(phi, num), num(margin)].join(','));
        }
      }
      writeSync(fd, `${lines.join('\n')}\n`);
      total += batch.rows;
      err(`kiln explain: ${total} rows explained\n`);
    }
    if (total === 0) throw new CliError(`${src.file}: no rows to explain`);
    const s = summary.result();
    const table = ['kind,name,output,mean_abs_contribution'];
    for (const [kind, rows] of [['feature', s.features], ['column', s.columns]] as const) for (const t of rows) t.meanAbs.forEach((v, k) => table.push([kind, csvCell(t.name), csvCell(outputs[k]), num(v)].join(',')));
    closeSync(fd);
    fd = undefined;
    renameSync(partial, join(dir, 'contributions.csv'));
    writeFileSync(join(dir, 'summary.csv'), `${table.join('\n')}\n`);
    out(`${JSON.stringify({ rows: total, outputs, files: [join(dir, 'contributions.csv'), join(dir, 'summary.csv')], top_columns: s.columns.slice(0, 5).map((c) => ({ column: c.name, mean_abs: c.meanAbs })) }, null, 2)}\n`);
    return 0;
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    if (partial) rmSync(partial, { force: true });
    return exitFor(e instanceof RowProblem && src ? await describeProblem(src, e) : e, err, EXPLAIN_USAGE);
  }
}
