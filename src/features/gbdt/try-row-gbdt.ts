import { unzipSync } from 'fflate';
import * as ort from 'onnxruntime-web';
import { runArtifacts } from '../../db/runs-repo';
import type { GbdtRunRecord } from '../../db/records';
import { configureOrt, openSession } from '../../ml/backends/onnx-session';
import { outputsFromRaw, predictRaw } from '../../ml/models/gbdt/model';
import { feedText, gbdtInputFeeds, type FeedKind } from '../../ml/onnx/input-feeds';
import { gbdtOnnxFeeds } from '../../ml/onnx/gbdt-onnx';
import { ORT_WASM_PATHS } from '../export/build-export';
import { columnTypes } from '../export/column-types';
import { argmax, classOutcome, type TryField, type TryOutcome, type TryRowModel, type TryValues } from '../evaluate/try-row';
import { buildGbdtExport } from './build-gbdt-export';
import { loadGbdtArtifacts } from './use-gbdt-artifacts';

/**
 * "Try a row" for a GBDT holdout run: one field per feature (a date as epoch ms, an embedding one
 * field per dimension, a categorical column as its string), prefilled from the validation rows the run
 * kept features for. The exported model.onnx runs in onnxruntime-web; the studio's prediction
 * walks the stored trees.
 */
export async function gbdtTryRow(run: GbdtRunRecord, threshold = 0.5): Promise<TryRowModel> {
  const { model, result, parity } = await loadGbdtArtifacts(run.id);
  if (!model || !result) throw new Error('this run has no stored model to try (cross-validation runs keep fold metrics only)');
  const pred = (await runArtifacts(run.id)).find((a) => a.kind === 'predictions');
  const types = await columnTypes(run.datasetId);
  const catOf = new Map((model.categorical ?? []).map((c) => [c.feature, c.categories] as const));
  const fields: TryField[] = [];
  for (const f of gbdtInputFeeds(result.widths, (c) => types.get(c), (c) => catOf.get(c))) {
    if (f.kind === 'categorical') {
      fields.push({ key: f.column, kind: 'categorical', categories: f.categories });
      continue;
    }
    const w = result.widths.find((x) => x.column === f.column)?.width ?? 1;
    const first = model.featureNames.indexOf(w > 1 ? `${f.column}[0]` : f.column);
    for (let i = 0; i < w; i++) fields.push({ key: model.featureNames[(first < 0 ? model.featureNames.indexOf(f.column) : first) + i] ?? `${f.column}[${i}]`, kind: f.kind as FeedKind });
  }
  const d = model.featureNames.length;
  if (fields.length !== d || model.featureNames.some((n) => !fields.some((f) => f.key === n))) throw new Error(`the run's input columns do not match its model's ${d} features`);
  const kindOf = new Map(fields.map((f) => [f.key, f.kind] as const));
  const validationRows = pred?.kind === 'predictions' ? pred.data.validation.rows : new Int32Array(0);
  const position = new Map(Array.from(validationRows, (r, j) => [r, j] as const));
  const labels = model.labels ?? Array.from({ length: model.kind === 'binary' ? 2 : model.classes }, (_, k) => String(k));
  configureOrt({ wasmPaths: ORT_WASM_PATHS });
  const { bundle } = await buildGbdtExport(run);
  const session = await openSession(unzipSync(bundle)['model.onnx']);
  // Kiln's feature row: numbers as typed, a category as its training code (unseen or "" → NaN, missing, as the graph's LabelEncoder does)
  const vector = (values: TryValues) =>
    Float32Array.from(model.featureNames, (name) => {
      const cats = catOf.get(name);
      if (!cats) return Number(values[name]);
      const k = cats.indexOf(String(values[name]));
      return k < 0 || values[name] === '' ? NaN : k;
    });

  return {
    fields,
    candidates: parity && parity.rows === validationRows.length ? Array.from(validationRows, (index) => ({ index, split: 'validation' as const })) : [],
    note: 'Trees are tried from their validation rows, whose feature values the run kept; test rows are in the predictions table only.',
    prefill(index) {
      const j = position.get(index);
      if (j === undefined || !parity) return {};
      return Object.fromEntries(
        model.featureNames.map((name, k) => {
          const v = parity.x[j * d + k];
          const cats = catOf.get(name);
          return [name, cats ? (Number.isNaN(v) ? '' : (cats[v] ?? '')) : feedText(kindOf.get(name) ?? 'numeric', v)];
        }),
      );
    },
    async runOnnx(values: TryValues): Promise<TryOutcome> {
      const feeds = gbdtOnnxFeeds(model, vector(values), 1);
      const out = await session.run({
        ...(feeds.input ? { input: new ort.Tensor('float32', feeds.input, [1, feeds.input.length]) } : {}),
        ...(feeds.categorical ? { categorical: new ort.Tensor('string', feeds.categorical, [1, feeds.categorical.length]) } : {}),
      });
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
