import { internalReport } from '../ml/metrics/internal-indices';
import { multilabelMetrics, multilabelReport } from '../ml/metrics/multilabel';
import { partitionReport } from '../ml/metrics/partition';
import type { Report } from '../ml/metrics/report';
import { CliError } from './errors';
import { readInput, readText, type InputTable } from './input';

/** What an evaluation prints besides its scalar metrics (the per-skill table, each document's misses). */
export type Details = Record<string, unknown>;

function stringArray(v: unknown, where: string, key: string): string[] {
  if (!Array.isArray(v) || v.some((s) => typeof s !== 'string')) throw new CliError(`${where}: "${key}" must be an array of strings, got ${JSON.stringify(v)}`);
  return v as string[];
}

/**
 * Gold and predicted label sets, one document per line: JSONL `{"gold": [...], "pred": [...]}`,
 * or a CSV/TSV whose gold and pred cells are JSON arrays (a dataset's labeled-skills column).
 */
export function readSets(file: string): { gold: string[][]; pred: string[][] } {
  const gold: string[][] = [];
  const pred: string[][] = [];
  if (/\.(jsonl|ndjson)$/i.test(file)) {
    readText(file)
      .split('\n')
      .forEach((line, i) => {
        if (line.trim() === '') return;
        const where = `${file}, line ${i + 1}`;
        let obj: unknown;
        try {
          obj = JSON.parse(line);
        } catch (e) {
          throw new CliError(`${where}: not JSON (${(e as Error).message})`);
        }
        if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) throw new CliError(`${where}: each line must be an object {"gold": [...], "pred": [...]}`);
        const o = obj as Record<string, unknown>;
        for (const key of ['gold', 'pred']) if (!(key in o)) throw new CliError(`${where}: missing "${key}"`);
        gold.push(stringArray(o.gold, where, 'gold'));
        pred.push(stringArray(o.pred, where, 'pred'));
      });
  } else {
    const t = readInput(file);
    const cells = (name: string) =>
      t.strings(name).map((s, r) => {
        let v: unknown;
        try {
          v = s === '' ? [] : JSON.parse(s);
        } catch {
          throw new CliError(`${t.where(r, name)}: "${s}" is not a JSON array`);
        }
        return stringArray(v, t.where(r, name), name);
      });
    gold.push(...cells('gold'));
    pred.push(...cells('pred'));
  }
  if (gold.length === 0) throw new CliError(`${file}: no documents`);
  return { gold, pred };
}

export function evaluateExtraction(file: string): { metrics: Report; details: Details } {
  const { gold, pred } = readSets(file);
  const r = multilabelReport(gold, pred);
  return {
    metrics: multilabelMetrics(r),
    details: {
      documents: gold.length,
      per_label: r.perLabel.map((l) => ({ label: l.label, precision: l.precision, recall: l.recall, f1: l.f1, support: l.support, predicted: l.predicted })),
      per_document: r.perDocument.map((d, i) => ({ document: i + 1, precision: d.precision, recall: d.recall, f1: d.f1, misses: d.misses, false_hits: d.falseHits })),
    },
  };
}

/** A label column as numbers: integers as they are, other text as codes (only equality matters). */
function labelColumn(t: InputTable, name: string): number[] {
  const cells = t.strings(name);
  cells.forEach((s, r) => {
    if (s === '') throw new CliError(`${t.where(r, name)}: empty label`);
  });
  if (cells.every((s) => /^-?\d+$/.test(s))) return cells.map(Number);
  const codes = new Map<string, number>();
  return cells.map((s) => {
    if (!codes.has(s)) codes.set(s, codes.size);
    return codes.get(s) as number;
  });
}

/**
 * Clustering scores from a CSV: with labels_true,labels_pred the partition scores; with
 * label,x_0..x_{d-1} the internal indices; with all of them, both.
 */
export function evaluateClustering(file: string): { metrics: Report; details: Details } {
  const t = readInput(file);
  const partition = t.has('labels_true') || t.has('labels_pred');
  const internal = t.has('label') || t.has('x_0');
  if (!partition && !internal) throw new CliError(`${file}: needs columns labels_true,labels_pred (partition scores) or label,x_0..x_{d-1} (silhouette, Davies–Bouldin, Calinski–Harabasz); has ${t.header.join(', ')}`);
  const metrics: Report = {};
  const details: Details = { rows: t.rows };
  if (partition) Object.assign(metrics, partitionReport(labelColumn(t, 'labels_true'), labelColumn(t, 'labels_pred')));
  if (internal) {
    const labels = labelColumn(t, 'label');
    const cols = t.numbered('x_');
    const k = new Set(labels).size;
    if (k < 2 || k > t.rows - 1) throw new CliError(`${file}: column "label" has ${k} cluster${k === 1 ? '' : 's'} in ${t.rows} rows; the internal indices need between 2 and ${t.rows - 1}`);
    Object.assign(metrics, internalReport({ data: t.matrix(cols), n: t.rows, d: cols.length }, labels));
    details.clusters = k;
    details.features = cols.length;
  }
  return { metrics, details };
}
