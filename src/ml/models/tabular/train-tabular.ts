import * as tf from '@tensorflow/tfjs';
import { evaluateTask, type MetricMap } from '../../metrics/evaluate';
import { buildTabularModel, tabularSpec, type TabularModelSpec } from './build-model';
import type { TabularConfig } from './config';
import { logitsToScores } from './losses';
import type { PreparedTabular } from './prepare';
import { fitTabular, predictLogits, type EpochReport, type FitHooks, type FitResult } from './train-loop';

export interface EpochSummary {
  epoch: number;
  trainLoss: number;
  valLoss: number;
  valMetrics: MetricMap;
  numTensors: number;
  elapsedMs: number;
  samplesPerSec: number;
  isBest: boolean;
}

export interface TrainedTabular {
  model: tf.Sequential;
  spec: TabularModelSpec;
  fit: FitResult;
  /** validation metrics of the weights kept (best epoch when restore-best is on) */
  finalMetrics: MetricMap;
}

export function valMetricsFromLogits(p: PreparedTabular, logits: Float32Array): MetricMap {
  return evaluateTask(p.task.kind, p.yValRaw, logitsToScores(p.task.kind, logits, p.classes, p.yMean, p.yStd), p.classes);
}

/** Builds, fits and evaluates a tabular model on prepared data; progress goes through hooks. */
export async function trainTabular(
  prepared: PreparedTabular,
  config: TabularConfig,
  hooks: Omit<FitHooks, 'onEpoch'> & { onEpoch?: (e: EpochSummary) => void | Promise<void> } = {},
): Promise<TrainedTabular> {
  const spec = tabularSpec(prepared.arrays.inputDim, prepared.task.kind, prepared.classes, config);
  const model = buildTabularModel(spec);
  const fit = await fitTabular(model, prepared.task.kind, prepared.arrays, config, {
    ...hooks,
    onEpoch: (e: EpochReport) => {
      const { valLogits, ...rest } = e;
      return hooks.onEpoch?.({ ...rest, valMetrics: valMetricsFromLogits(prepared, valLogits) });
    },
  });
  const xVal = tf.tensor2d(prepared.arrays.xVal, [prepared.arrays.nVal, prepared.arrays.inputDim]);
  const logitsT = predictLogits(model, xVal);
  const logits = (await logitsT.data()) as Float32Array;
  xVal.dispose();
  logitsT.dispose();
  return { model, spec, fit, finalMetrics: valMetricsFromLogits(prepared, logits) };
}
