import { readFileSync } from 'node:fs';
import { InferenceSession } from 'onnxruntime-node';
import { onnx } from '../ml/onnx/proto';
import { CliError } from './errors';

/** A graph input's columns: float32 features (an embedding column spreads over `width` of them) or strings. */
export type GraphFeed =
  | { input: string; type: 'float32'; features: string[] }
  | { input: string; type: 'string'; columns: string[] };

export interface ScoringModel {
  file: string;
  session: InferenceSession;
  family: 'tabular' | 'gbdt';
  feeds: GraphFeed[];
  /** class (or grade) names, in probability-column order; empty when the model stored none */
  labels: string[];
}

function jsonList(meta: Map<string, string>, key: string, file: string): string[] {
  const text = meta.get(key);
  if (text === undefined) return [];
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new CliError(`${file}: metadata "${key}" is not JSON`);
  }
  if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) throw new CliError(`${file}: metadata "${key}" is not a list of names`);
  return v as string[];
}

/**
 * Which table columns feed which graph input, read from the metadata Kiln writes beside its two
 * raw-column graphs: tabular-onnx.ts (`numeric_inputs`, `categorical_inputs`) and gbdt-onnx.ts
 * (`feature_names`, and `inputs` once some features are categorical).
 */
function feedsFor(meta: Map<string, string>, file: string): { family: ScoringModel['family']; feeds: GraphFeed[]; labels: string[] } | null {
  if (meta.has('numeric_inputs') || meta.has('categorical_inputs')) {
    const numeric = jsonList(meta, 'numeric_inputs', file);
    const categorical = jsonList(meta, 'categorical_inputs', file);
    const feeds: GraphFeed[] = [];
    if (numeric.length) feeds.push({ input: 'numeric', type: 'float32', features: numeric });
    if (categorical.length) feeds.push({ input: 'categorical', type: 'string', columns: categorical });
    return { family: 'tabular', feeds, labels: jsonList(meta, 'label_names', file) };
  }
  if (meta.has('trees') && meta.has('feature_names')) {
    const labels = jsonList(meta, 'labels', file);
    if (!meta.has('inputs')) return { family: 'gbdt', feeds: [{ input: 'input', type: 'float32', features: jsonList(meta, 'feature_names', file) }], labels };
    let inputs: { input?: unknown; categorical?: unknown };
    try {
      inputs = JSON.parse(meta.get('inputs') as string) as typeof inputs;
    } catch {
      throw new CliError(`${file}: metadata "inputs" is not JSON`);
    }
    const names = (v: unknown) => (Array.isArray(v) && v.every((s) => typeof s === 'string') ? (v as string[]) : []);
    const feeds: GraphFeed[] = [];
    if (names(inputs.input).length) feeds.push({ input: 'input', type: 'float32', features: names(inputs.input) });
    if (names(inputs.categorical).length) feeds.push({ input: 'categorical', type: 'string', columns: names(inputs.categorical) });
    return { family: 'gbdt', feeds, labels };
  }
  return null;
}

export async function loadScoringModel(file: string): Promise<ScoringModel> {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new CliError(`cannot read ${file}: ${(e as Error).message}`);
  }
  let meta: Map<string, string>;
  try {
    // the metadata props are not exposed by onnxruntime-node, so the protobuf is read for them
    const model = onnx.ModelProto.decode(bytes);
    meta = new Map(model.metadataProps.map((p) => [p.key ?? '', p.value ?? '']));
  } catch (e) {
    throw new CliError(`${file}: not an ONNX model (${(e as Error).message})`);
  }
  let session: InferenceSession;
  try {
    session = await InferenceSession.create(bytes);
  } catch (e) {
    throw new CliError(`${file}: onnxruntime cannot load it (${(e as Error).message})`);
  }
  const found = feedsFor(meta, file);
  const fed = new Set(found?.feeds.map((f) => f.input) ?? []);
  const unfed = session.inputNames.filter((n) => !fed.has(n));
  if (!found || unfed.length) {
    await session.release();
    const what = unfed.length ? unfed : session.inputNames;
    throw new CliError(
      `${file}: kiln predict cannot feed the graph input${what.length === 1 ? '' : 's'} ${what.map((n) => `"${n}"`).join(', ')} from a table's columns; it scores Kiln's tabular and gradient-boosted-tree graphs, whose inputs are raw columns`,
    );
  }
  // an input the metadata names but the graph lacks would be a stale or foreign file
  const missing = found.feeds.filter((f) => !session.inputNames.includes(f.input));
  if (missing.length) {
    await session.release();
    throw new CliError(`${file}: the metadata names graph input "${missing[0].input}", which the graph does not have (inputs: ${session.inputNames.join(', ')})`);
  }
  return { file, session, ...found };
}
