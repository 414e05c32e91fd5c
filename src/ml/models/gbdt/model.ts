import type { TaskKind } from '../../task';
import type { GbdtCategorical } from './category-codes';
import type { GbdtConfig } from './config';
import { makeObjective } from './objectives';
import { treeValue, type Tree } from './tree';

/** A trained ensemble, JSON-serializable as is (it is what a run stores). */
export interface GbdtModel {
  format: 'kiln-gbdt-1';
  kind: TaskKind;
  /** classes for classification (K), 1 for regression */
  classes: number;
  /** raw scores per row: K for multiclass, 1 otherwise */
  outputs: number;
  labels?: string[];
  featureNames: string[];
  /** features that were categorical columns: their value k is categories[k] (absent on models trained before they were) */
  categorical?: GbdtCategorical[];
  baseScores: number[];
  /** trees[round · outputs + k] adds to output k */
  trees: Tree[];
  /** ordinal only: K−1 increasing cut points on the latent score */
  thresholds?: number[];
  config: GbdtConfig;
}

export function roundsOf(m: GbdtModel): number {
  return m.trees.length / m.outputs;
}

/** Raw scores (n × outputs) for a row-major float32 matrix, as onnxruntime computes them. */
export function predictRaw(m: GbdtModel, x: Float32Array, n: number): Float64Array {
  const cols = m.featureNames.length;
  const o = m.outputs;
  const out = new Float64Array(n * o);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < o; k++) out[i * o + k] = m.baseScores[k];
    for (let t = 0; t < m.trees.length; t++) out[i * o + (t % o)] += treeValue(m.trees[t], x, i * cols);
  }
  return out;
}

/** From raw scores: P(positive) for binary, n × K probabilities for multiclass and ordinal, values for regression. */
export function fromRaw(m: GbdtModel, raw: Float64Array): Float64Array {
  return makeObjective(m.kind, m.classes, m.thresholds ? { thresholds: Float64Array.from(m.thresholds) } : undefined).predict(raw);
}

/** What the exported graph outputs, from raw scores: class probabilities n × K (binary as [1 − p, p]) or regression values. */
export function outputsFromRaw(m: GbdtModel, raw: Float64Array): Float64Array {
  const p = fromRaw(m, raw);
  if (m.kind !== 'binary') return p;
  const out = new Float64Array(p.length * 2);
  for (let i = 0; i < p.length; i++) {
    out[2 * i] = 1 - p[i];
    out[2 * i + 1] = p[i];
  }
  return out;
}

/** P(positive) for binary, n × K probabilities for multiclass and ordinal, values for regression. */
export function predict(m: GbdtModel, x: Float32Array, n: number): Float64Array {
  return fromRaw(m, predictRaw(m, x, n));
}

/** Probabilities per class, n × K, for every classification task (binary gives [1 − p, p]). */
export function predictProbaMatrix(m: GbdtModel, x: Float32Array, n: number): Float64Array {
  return outputsFromRaw(m, predictRaw(m, x, n));
}

export interface FeatureImportance {
  feature: string;
  gain: number;
  splits: number;
}

/** Total split gain and split count per feature, sorted by gain. */
export function featureImportance(m: GbdtModel): FeatureImportance[] {
  const gain = new Float64Array(m.featureNames.length);
  const splits = new Int32Array(m.featureNames.length);
  for (const t of m.trees) {
    for (let i = 0; i < t.feature.length; i++) {
      if (t.feature[i] < 0) continue;
      gain[t.feature[i]] += t.gain[i];
      splits[t.feature[i]]++;
    }
  }
  return m.featureNames.map((feature, f) => ({ feature, gain: gain[f], splits: splits[f] })).sort((a, b) => b.gain - a.gain || b.splits - a.splits);
}
