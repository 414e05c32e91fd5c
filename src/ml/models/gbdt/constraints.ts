import type { TaskKind } from '../../task';
import type { FeatureBins } from './binning';
import type { GbdtConfig } from './config';

/** Features a monotone constraint names: the feature itself, or every dimension `name[i]` of an embedding column. */
function featuresOf(name: string, featureNames: string[]): number[] {
  const out: number[] = [];
  featureNames.forEach((f, i) => {
    if (f === name || (f.startsWith(`${name}[`) && f.endsWith(']'))) out.push(i);
  });
  return out;
}

/**
 * Per-feature monotone directions from the config, or null when there are none. Refuses what it
 * cannot honour, naming it: an unknown column, a categorical column (its codes have no order a
 * constraint could mean), and multiclass (softmax outputs compete, so one output rising says
 * nothing of the prediction; scikit-learn refuses it for the same reason).
 */
export function monotoneDirections(cfg: GbdtConfig, kind: TaskKind, featureNames: string[], categorical: readonly number[]): Int8Array | null {
  const entries = Object.entries(cfg.monotone ?? {});
  if (entries.length === 0) return null;
  if (kind === 'multiclass') throw new Error('monotone constraints are not supported for multiclass targets: each class has its own score, so no single prediction can rise or fall with a feature (choose binary, ordinal or regression, or remove the constraints)');
  const dir = new Int8Array(featureNames.length);
  for (const [name, d] of entries) {
    const fs = featuresOf(name, featureNames);
    if (fs.length === 0) throw new Error(`monotone constraint on "${name}": no such feature column (features: ${featureNames.slice(0, 8).join(', ')}${featureNames.length > 8 ? ', …' : ''})`);
    for (const f of fs) {
      if (categorical.includes(f)) throw new Error(`monotone constraint on "${name}": a categorical column has no order to be monotone in`);
      dir[f] = d;
    }
  }
  return dir;
}

/**
 * Bins for a feature split by category sets: bin k is category code k (edges at k + ½, so the
 * numeric binning routes codes the same way), the missing bin being the 256th. A column with more
 * than 255 training categories does not fit a bin each: null, and it keeps its ordinal code
 * (categories ranked by mean target, quantile-binned), which still splits well on such columns.
 */
export function categoryBins(x: Float32Array, cols: number, f: number, rows: Int32Array): FeatureBins | null {
  let max = -1;
  let hasMissing = false;
  for (let i = 0; i < rows.length; i++) {
    const v = x[rows[i] * cols + f];
    if (Number.isNaN(v)) hasMissing = true;
    else if (v > max) max = v;
  }
  const count = max + 1;
  if (count > 255) return null;
  return { edges: Float32Array.from({ length: Math.max(0, count - 1) }, (_, k) => k + 0.5), count: Math.max(1, count), hasMissing };
}

/** The constraints and categorical handling of a config in one line (run facts, model card). */
export function describeTreeOptions(cfg: GbdtConfig, categoricalColumns: number): string {
  const mono = Object.entries(cfg.monotone ?? {});
  const parts = [mono.length ? `monotone ${mono.map(([c, d]) => `${d > 0 ? '↑' : '↓'} ${c}`).join(', ')}` : 'no monotone constraints'];
  if (categoricalColumns > 0) parts.push(cfg.categoricalSplits === false ? 'categorical columns as ordinal codes (mean-target order)' : 'categorical columns split by category sets');
  return parts.join(' · ');
}
