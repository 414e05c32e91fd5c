import { fitPreprocess, encodeTarget, transform, type FittedPreprocess, type PreprocessOptions } from '../../data/preprocess';
import { splitRows, splitSizes, type Split } from '../../data/splits';
import type { Frame } from '../../data/frame';
import type { SplitConfig, SplitSizes, TaskSpec } from '../../task';
import { targetMatrix } from './losses';
import type { FitArrays } from './train-loop';
import { fitDummy, type DummyFit } from '../../metrics/baseline';

export interface PreparedTabular {
  task: TaskSpec;
  preprocess: FittedPreprocess;
  split: Split;
  sizes: SplitSizes;
  labels?: string[];
  classes: number;
  /** regression targets are standardized for training; these undo it */
  yMean: number;
  yStd: number;
  arrays: FitArrays;
  /** validation targets as class indices or target values, for metrics */
  yValRaw: Float64Array;
  /** held-out test rows (never trained on, never used for early stopping): features and targets */
  xTest: Float32Array;
  yTestRaw: Float64Array;
  droppedRows: number;
  /** the dummy baseline (prior / training mean) fitted on the training rows */
  dummy: DummyFit;
}

function pick(values: Float64Array, rows: Int32Array): Float64Array {
  return Float64Array.from(rows, (r) => values[r]);
}

/**
 * Target encoding → split → preprocessing fitted on train only → device-ready arrays. A given
 * `fixedSplit` (a cross-validation fold) replaces the split the config would draw.
 */
export function prepareTabular(frame: Frame, task: TaskSpec, splitCfg: SplitConfig, opts: PreprocessOptions, fixedSplit?: Split): PreparedTabular {
  if (task.features.length === 0) throw new Error('choose at least one feature column');
  if (task.features.includes(task.target)) throw new Error(`the target "${task.target}" cannot also be a feature`);
  const target = encodeTarget(frame, task);
  if (target.rows.length < 10) throw new Error(`only ${target.rows.length} rows have a usable target; at least 10 are needed`);
  const split = fixedSplit ?? splitRows(frame, target.rows, splitCfg, task.kind === 'regression' ? undefined : target.values);
  const classes = target.labels?.length ?? 1;
  const yTrainRaw = pick(target.values, split.train);
  let yMean = 0;
  let yStd = 1;
  if (task.kind === 'regression') {
    yMean = yTrainRaw.reduce((a, b) => a + b, 0) / yTrainRaw.length;
    const v = yTrainRaw.reduce((a, b) => a + (b - yMean) ** 2, 0) / yTrainRaw.length;
    yStd = v > 0 ? Math.sqrt(v) : 1;
  }
  const preprocess = fitPreprocess(frame, task.features, split.train, opts);
  const yValRaw = pick(target.values, split.validation);
  const tTrain = targetMatrix(task.kind, yTrainRaw, classes, yMean, yStd);
  const tVal = targetMatrix(task.kind, yValRaw, classes, yMean, yStd);
  return {
    task: { ...task, labels: target.labels },
    preprocess,
    split,
    sizes: splitSizes(split),
    labels: target.labels,
    classes,
    yMean,
    yStd,
    yValRaw,
    xTest: transform(frame, preprocess, split.test),
    yTestRaw: pick(target.values, split.test),
    droppedRows: target.dropped,
    dummy: fitDummy(task.kind, yTrainRaw, classes),
    arrays: {
      xTrain: transform(frame, preprocess, split.train),
      yTrain: tTrain.data,
      nTrain: split.train.length,
      xVal: transform(frame, preprocess, split.validation),
      yVal: tVal.data,
      nVal: split.validation.length,
      inputDim: preprocess.featureNames.length,
      targetWidth: tTrain.width,
    },
  };
}
