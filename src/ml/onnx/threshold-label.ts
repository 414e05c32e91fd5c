import { GraphBuilder, INT64 } from './graph-builder';

/**
 * A binary classifier's `label` output from its decision threshold: 1 where
 * probabilities[:, 1] ≥ threshold, else 0 (int64 [batch]), the same rule as the studio's
 * metrics at that threshold. ArgMax would fix the threshold at 0.5.
 */
export function thresholdLabel(g: GraphBuilder, probabilities: string, threshold: number, output = 'label'): void {
  const positive = g.op('Gather', [probabilities, g.ints('positive_column', [], [1])], { axis: 1 });
  const called = g.op('GreaterOrEqual', [positive, g.floats('decision_threshold', [], [threshold])]);
  g.node('Cast', [called], { outputs: [output], attrs: { to: INT64 } });
  g.output(output, INT64, ['batch']);
}

/** Metadata every binary export carries beside the graph, so a service can apply the threshold to its own probabilities. */
export function thresholdMetadata(threshold: number): Record<string, string> {
  return { decision_threshold: String(threshold), decision_threshold_rule: 'label = 1 where probabilities[:, 1] >= decision_threshold (chosen on the validation split in Kiln)' };
}
