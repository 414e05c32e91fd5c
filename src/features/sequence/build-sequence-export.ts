import { unzipSync } from 'fflate';
import * as ort from 'onnxruntime-web';
import { runArtifacts } from '../../db/runs-repo';
import type { SequenceRunRecord } from '../../db/records';
import { configureOrt, openSession } from '../../ml/backends/onnx-session';
import { sequenceCalibrator, vocabJson } from '../../ml/models/sequence/run-result';
import { buildBundle } from '../../ml/onnx/bundle';
import { sequenceCard } from '../../ml/onnx/sequence-card';
import { sequenceToOnnx } from '../../ml/onnx/sequence-onnx';
import type { ExportResult, OnnxCheck } from '../export/build-export';
import { KILN_VERSION, ORT_WASM_PATHS } from '../export/build-export';

async function load(run: SequenceRunRecord) {
  const items = await runArtifacts(run.id);
  const model = items.find((a) => a.kind === 'sequence-model');
  const result = items.find((a) => a.kind === 'sequence-result');
  if (model?.kind !== 'sequence-model' || result?.kind !== 'sequence-result') throw new Error('this run has no stored model to export (it stopped before saving one)');
  return { model: model.data, result: result.data };
}

export async function buildSequenceExport(run: SequenceRunRecord): Promise<ExportResult> {
  const { model, result } = await load(run);
  // when the model was made, not when it was exported: the same run exports the same bytes (a re-push is recognised, a served version equals its download)
  const createdAt = new Date(run.finishedAt ?? run.startedAt).toISOString();
  const id = `next_title_${run.model.bidirectional ? 'bi' : ''}lstm_v1.0`;
  const calibrator = sequenceCalibrator(result);
  const onnx = sequenceToOnnx({ model, vocab: result.vocab.tokens, abbreviations: result.abbreviations, calibrator, modelId: id, kilnVersion: KILN_VERSION, createdAt });
  const card = sequenceCard({ modelId: id, createdAt, kilnVersion: KILN_VERSION, datasetName: run.datasetName, data: run.data, model: run.model, result, backend: run.backend });
  const vocab = vocabJson(result);
  // loaded on demand: the studio's main thread otherwise never runs TF.js
  const { sequenceTfjsFiles } = await import('../../ml/models/sequence/tfjs-files');
  const tfjs = await sequenceTfjsFiles(model);
  const metadata = {
    model_id: id,
    created_at: createdAt,
    kiln_version: KILN_VERSION,
    tfjs: {
      files: ['tfjs/model.json', 'tfjs/weights.bin'],
      load: "tf.loadLayersModel('<where you serve it>/tfjs/model.json') (weights.bin beside it), or tf.loadLayersModel(tf.io.browserFiles([modelJson, weightsBin]))",
      input: 'int32 [batch, time] title ids from vocab.json, right-padded with 0 (the same ids model.onnx takes as title_ids)',
      outputs: [
        'next-title logits [batch, vocab]: softmax for probabilities, tokens in vocab.json order',
        `tenure [batch, 1], standardized: months = output × ${model.spec.tenureStd} + ${model.spec.tenureMean}`,
        'hireability logit [batch, 1]: P = sigmoid(output), before calibration (model.onnx applies calibrator.json when the run has one)',
      ],
      note: 'the studio trains with its own one-hot embedding layer; the export carries TF.js\'s standard Embedding (mask_zero) with the same weights, so no custom layer is needed to load it',
    },
    outputs: { next_title_logits: 'logits over vocab.json tokens', tenure_months: 'months in the next role', hireability: `P(next role starts within ${run.data.hireGapDays} days)` },
    run: { id: run.id, name: run.name, family: run.family, data: run.data, model: run.model, backend: run.backend, durationMs: run.durationMs, epochsRun: run.epochsRun, bestEpoch: run.bestEpoch, finalMetrics: run.finalMetrics, leakage: result.leakage },
  };
  const bundle = buildBundle({ 'model.onnx': onnx, 'model-card.md': card, 'metadata.json': metadata, 'calibrator.json': calibrator, extra: { 'vocab.json': vocab }, tfjs });
  return {
    bundle,
    modelId: id,
    files: {
      'model.onnx': onnx,
      'vocab.json': JSON.stringify(vocab, null, 2),
      'model-card.md': card,
      'metadata.json': JSON.stringify(metadata, null, 2),
      ...(calibrator ? { 'calibrator.json': JSON.stringify(calibrator, null, 2) } : {}),
    },
  };
}

/** Runs the stored validation sample through model.onnx from the bundle; the largest gap over all three heads. */
export async function checkSequenceInOrt(run: SequenceRunRecord, bundle: Uint8Array): Promise<OnnxCheck> {
  configureOrt({ wasmPaths: ORT_WASM_PATHS });
  const { result } = await load(run);
  const s = result.sample;
  const session = await openSession(unzipSync(bundle)['model.onnx']);
  const t0 = performance.now();
  const out = await session.run({ title_ids: new ort.Tensor('int64', BigInt64Array.from(s.ids, (v) => BigInt(v)), [s.n, s.maxLen]) });
  const seconds = (performance.now() - t0) / 1000;
  await session.release();
  const gap = (got: ArrayLike<number>, want: ArrayLike<number>) => {
    let m = 0;
    for (let i = 0; i < want.length; i++) m = Math.max(m, Math.abs(got[i] - want[i]));
    return m;
  };
  const perHead = {
    next_title_logits: gap(out.next_title_logits.data as Float32Array, s.logits),
    tenure_months: gap(out.tenure_months.data as Float32Array, s.tenure),
    hireability: gap(out.hireability.data as Float32Array, s.hire),
  };
  return { rows: s.n, maxAbsDiff: Math.max(...Object.values(perHead)), rowsPerSec: s.n / Math.max(seconds, 1e-6), perHead };
}
