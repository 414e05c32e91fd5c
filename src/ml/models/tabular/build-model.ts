import * as tf from '@tensorflow/tfjs';
import type { TaskKind } from '../../task';
import { DROPOUT_SEED_OFFSET, outputWidth, type TabularConfig } from './config';
import { DropoutStream, StepDropout } from '../step-dropout';

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
 * Initializers take seeds derived from config.seed so a run is reproducible. Dropout draws a new
 * mask every step from one stream per model (StepDropout: TF.js's seeded Dropout repeats its mask);
 * `standardLayers`: TF.js's own Dropout instead, for the model.json export (identity at inference).
 */
export function buildTabularModel(spec: TabularModelSpec, opts: { standardLayers?: boolean } = {}): tf.Sequential {
  const { config } = spec;
  const model = tf.sequential();
  const stream = new DropoutStream(config.seed + DROPOUT_SEED_OFFSET);
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
    if (config.dropout > 0) {
      const args = { rate: config.dropout, seed: config.seed + DROPOUT_SEED_OFFSET, name: `dropout_${i}` };
      model.add(opts.standardLayers ? tf.layers.dropout(args) : new StepDropout({ ...args, stream }));
    }
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
