import type { CalibratorJson } from '../calibration/calibrator';
import type { FittedPreprocess } from '../data/preprocess';
import type { Activation } from '../models/tabular/config';
import type { SavedTabularModel } from '../models/tabular/saved-model';
import { DOUBLE, FLOAT, GraphBuilder, INT64 } from './graph-builder';
import { calibratedProbs, taskHead } from './heads';
import { preprocessGraph, rawInputs } from './preprocess-graph';
import { thresholdLabel, thresholdMetadata } from './threshold-label';
import { decisionThreshold } from '../metrics/threshold';

const ACTIVATION_OP: Record<Activation, string> = { relu: 'Relu', tanh: 'Tanh', elu: 'Elu', selu: 'Selu', sigmoid: 'Sigmoid' };

export interface TabularExport {
  model: SavedTabularModel;
  preprocess: FittedPreprocess;
  labels?: string[];
  classes: number;
  yMean: number;
  yStd: number;
  calibrator?: CalibratorJson;
  /** binary only: P(positive) at or above it is labelled positive (default 0.5) */
  threshold?: number;
  modelId: string;
  kilnVersion: string;
  createdAt: string;
}

/**
 * A trained tabular model as one ONNX graph (opset 17, IR 8, dynamic batch): raw feature values
 * in, preprocessing and network inside, `label` (binary: P(positive) ≥ the run's threshold) + `probabilities` (classifiers) or `prediction`
 * (regression) out, plus `probabilities_calibrated` when a calibrator is given.
 */
export function tabularToOnnx(e: TabularExport): Uint8Array {
  const g = new GraphBuilder();
  const { spec, weights } = e.model;
  const threshold = decisionThreshold(e.threshold);
  let h = preprocessGraph(g, e.preprocess);
  const hidden = spec.config.architecture === 'mlp' ? spec.config.hiddenUnits : [];
  if (weights.length !== 2 * (hidden.length + 1)) throw new Error(`expected ${2 * (hidden.length + 1)} weight tensors, found ${weights.length}`);
  for (let l = 0; l <= hidden.length; l++) {
    const W = weights[2 * l];
    const b = weights[2 * l + 1];
    h = g.op('Add', [g.op('MatMul', [h, g.floats(`W${l}`, W.shape, W.data)]), g.floats(`b${l}`, b.shape, b.data)]);
    if (l < hidden.length) h = g.op(ACTIVATION_OP[spec.config.activation], [h]);
  }
  const head = taskHead(g, spec.task, h, e.classes, e.yMean, e.yStd);
  if (spec.task === 'regression') {
    g.node('Identity', [head.main], { outputs: ['prediction'] });
    g.output('prediction', DOUBLE, ['batch', 1]);
  } else {
    g.node('Identity', [head.main], { outputs: ['probabilities'] });
    if (spec.task === 'binary') thresholdLabel(g, 'probabilities', threshold);
    else {
      g.node('ArgMax', ['probabilities'], { outputs: ['label'], attrs: { axis: 1, keepdims: 0 } });
      g.output('label', INT64, ['batch']);
    }
    g.output('probabilities', FLOAT, ['batch', e.classes]);
    if (e.calibrator) {
      g.node('Identity', [calibratedProbs(g, e.calibrator, head)], { outputs: ['probabilities_calibrated'] });
      g.output('probabilities_calibrated', FLOAT, ['batch', e.classes]);
    }
  }
  const inputs = rawInputs(e.preprocess);
  return g.build({
    name: `kiln_${spec.task}`,
    docString: `Kiln ${spec.task} model (${spec.config.architecture}). Inputs: "numeric" float [batch, ${inputs.numeric.length}] raw values, NaN for missing${inputs.categorical.length ? `; "categorical" string [batch, ${inputs.categorical.length}], "" for missing` : ''}. Column order in metadata.`,
    producerVersion: e.kilnVersion,
    metadata: {
      kiln_version: e.kilnVersion,
      model_id: e.modelId,
      created_at: e.createdAt,
      task: spec.task,
      numeric_inputs: JSON.stringify(inputs.numeric),
      categorical_inputs: JSON.stringify(inputs.categorical),
      feature_names: JSON.stringify(e.preprocess.featureNames),
      label_names: JSON.stringify(e.labels ?? []),
      preprocessing: JSON.stringify(e.preprocess),
      ...(e.calibrator ? { calibrator: JSON.stringify(e.calibrator) } : {}),
      ...(spec.task === 'binary' ? thresholdMetadata(threshold) : {}),
    },
  });
}
