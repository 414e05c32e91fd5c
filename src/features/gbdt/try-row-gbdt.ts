import { unzipSync } from 'fflate';
import * as ort from 'onnxruntime-web';
import { runArtifacts } from '../../db/runs-repo';
import type { GbdtRunRecord } from '../../db/records';
import { configureOrt, openSession } from '../../ml/backends/onnx-session';
import { outputsFromRaw, predictRaw } from '../../ml/models/gbdt/model';
import { feedText, gbdtInputFeeds, type FeedKind } from '../../ml/onnx/input-feeds';
import { ORT_WASM_PATHS } from '../export/build-export';
import { columnTypes } from '../export/column-types';
import { argmax, classOutcome, type TryField, type TryOutcome, type TryRowModel, type TryValues } from '../evaluate/try-row';
import { buildGbdtExport } from './build-gbdt-export';
import { loadGbdtArtifacts } from './use-gbdt-artifacts';

/**
 * "Try a row" for a GBDT holdout run: one field per feature of the graph's float input (a date as
 * epoch ms, an embedding one field per dimension), prefilled from the validation rows the run
 * kept features for. The exported model.onnx runs in onnxruntime-web; the studio's prediction
 * walks the stored trees.
 */
export async function gbdtTryRow(run: GbdtRunRecord, threshold = 0.5): Promise<TryRowModel> {
  const { model, result, parity } = await loadGbdtArtifacts(run.id);
  if (!model || !result) throw new Error('this run has no stored model to try (cross-validation runs keep fold metrics only)');
  const pred = (await runArtifacts(run.id)).find((a) => a.kind === 'predictions');
  const types = await columnTypes(run.datasetId);
  const fields: TryField[] = [];
  for (const f of gbdtInputFeeds(result.widths, (c) => types.get(c))) {
    const w = result.widths.find((x) => x.column === f.column)?.width ?? 1;
    for (let i = 0; i < w; i++) fields.push({ key: model.featureNames[f.position + i], kind: f.kind as FeedKind });
  }
  const d = model.featureNames.length;
  if (fields.length !== d) throw new Error(`the run lists ${fields.length} input features but its model has ${d}`);
  const validationRows = pred?.kind === 'predictions' ? pred.data.validation.rows : new Int32Array(0);
  const position = new Map(Array.from(validationRows, (r, j) => [r, j] as const));
  const labels = model.labels ?? Array.from({ length: model.kind === 'binary' ? 2 : model.classes }, (_, k) => String(k));
  configureOrt({ wasmPaths: ORT_WASM_PATHS });
  const { bundle } = await buildGbdtExport(run);
  const session = await openSession(unzipSync(bundle)['model.onnx']);
  const vector = (values: TryValues) => Float32Array.from(fields, (f) => Number(values[f.key]));

  return {
    fields,
    candidates: parity && parity.rows === validationRows.length ? Array.from(validationRows, (index) => ({ index, split: 'validation' as const })) : [],
    note: 'Trees are tried from their validation rows, whose feature values the run kept; test rows are in the predictions table only.',
    prefill(index) {
      const j = position.get(index);
      if (j === undefined || !parity) return {};
      return Object.fromEntries(fields.map((f, k) => [f.key, feedText(f.kind, parity.x[j * d + k])]));
    },
    async runOnnx(values: TryValues): Promise<TryOutcome> {
      const out = await session.run({ input: new ort.Tensor('float32', vector(values), [1, d]) });
      if (model.kind === 'regression') {
        const v = Number((out.prediction.data as Float32Array)[0]);
        return { text: String(Number(v.toPrecision(6))), value: v };
      }
      return classOutcome(labels, out.probabilities.data as Float32Array, Number((out.label.data as BigInt64Array)[0]));
    },
    runStudio(values: TryValues): TryOutcome {
      const o = outputsFromRaw(model, predictRaw(model, vector(values), 1));
      if (model.kind === 'regression') return { text: String(Number(o[0].toPrecision(6))), value: o[0] };
      return classOutcome(labels, o, model.kind === 'binary' ? (o[1] >= threshold ? 1 : 0) : argmax(o));
    },
    close: () => session.release(),
  };
}
