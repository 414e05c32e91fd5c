import * as tf from '@tensorflow/tfjs';
import type { TaskKind } from '../../task';
import { outputWidth, type TabularConfig } from './config';

export interface TabularModelSpec {
  inputDim: number;
  outputDim: number;
  task: TaskKind;
  config: TabularConfig;
}

export function tabularSpec(inputDim: number, task: TaskKind, classes: number, config: TabularConfig): TabularModelSpec {
  return { inputDim, outputDim: outputWidth(task, classes), task, config };
}

/**
 * A Sequential of Dense layers ending in raw logits (or a raw regression output): the loss
 * applies the link function, which is stabler than a sigmoid/softmax layer followed by a log.
 * Initializers take seeds derived from config.seed so a run is reproducible.
 */
export function buildTabularModel(spec: TabularModelSpec): tf.Sequential {
  const { config } = spec;
  const model = tf.sequential();
  const hidden = config.architecture === 'mlp' ? config.hiddenUnits : [];
  hidden.forEach((units, i) => {
    model.add(
      tf.layers.dense({
        units,
        activation: config.activation,
        inputShape: i === 0 ? [spec.inputDim] : undefined,
        kernelInitializer: tf.initializers.glorotUniform({ seed: config.seed + i }),
        name: `dense_${i}`,
      }),
    );
    if (config.dropout > 0) model.add(tf.layers.dropout({ rate: config.dropout, seed: config.seed + 100 + i, name: `dropout_${i}` }));
  });
  model.add(
    tf.layers.dense({
      units: spec.outputDim,
      inputShape: hidden.length === 0 ? [spec.inputDim] : undefined,
      kernelInitializer: tf.initializers.glorotUniform({ seed: config.seed + 99 }),
      name: 'logits',
    }),
  );
  return model;
}
