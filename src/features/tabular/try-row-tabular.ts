import { unzipSync } from 'fflate';
import { loadFrame } from '../../db/datasets-repo';
import { runArtifacts } from '../../db/runs-repo';
import type { TabularRunRecord } from '../../db/records';
import { configureOrt, openSession, runTabularGraph } from '../../ml/backends/onnx-session';
import { getColumn, isNumericColumn, type Column, type Frame } from '../../ml/data/frame';
import { transform } from '../../ml/data/preprocess';
import { classLabelsOf } from '../../ml/evaluation/prediction-rows';
import { forwardLogits } from '../../ml/models/tabular/forward';
import { logitsToScores } from '../../ml/models/tabular/losses';
import { feedText, tabularInputFeeds } from '../../ml/onnx/input-feeds';
import { ORT_WASM_PATHS } from '../export/build-export';
import { buildExport } from './build-tabular-export';
import { argmax, classOutcome, type TryOutcome, type TryRowModel, type TryValues } from '../evaluate/try-row';

/**
 * "Try a row" for a tabular run: the form feeds the graph's raw inputs (numbers, epoch-ms dates,
 * category strings); the exported model.onnx (built by the same buildExport the Export button
 * uses) runs in onnxruntime-web, and the studio's own prediction comes from the stored
 * preprocessing and weights on a one-row frame.
 */
export async function tabularTryRow(run: TabularRunRecord, threshold = 0.5): Promise<TryRowModel> {
  const items = await runArtifacts(run.id);
  const saved = items.find((a) => a.kind === 'tabular-model');
  const pre = items.find((a) => a.kind === 'preprocess');
  const pred = items.find((a) => a.kind === 'predictions');
  if (saved?.kind !== 'tabular-model' || pre?.kind !== 'preprocess' || pred?.kind !== 'predictions') throw new Error('this run has no stored model to try (it stopped before saving one)');
  const frame: Frame = await loadFrame(run.datasetId).catch(() => {
    throw new Error(`dataset ${run.datasetName} is no longer stored; the form starts from its held-out rows`);
  });
  const types = new Map(frame.columns.map((c) => [c.name, c.dtype]));
  const feeds = tabularInputFeeds(pre.data, (c) => types.get(c));
  const p = pred.data;
  const labels = classLabelsOf(p);
  configureOrt({ wasmPaths: ORT_WASM_PATHS });
  const { bundle } = await buildExport(run);
  const session = await openSession(unzipSync(bundle)['model.onnx']);
  const numericFeeds = feeds.filter((f) => f.input === 'numeric');
  const catFeeds = feeds.filter((f) => f.input === 'categorical');

  const outcome = (scores: ArrayLike<number>, chosen?: number): TryOutcome => {
    if (p.kind === 'regression') return { text: String(Number(scores[0].toPrecision(6))), value: scores[0] };
    const probs = p.kind === 'binary' ? [1 - scores[0], scores[0]] : Array.from(scores);
    return classOutcome(labels, probs, chosen ?? (p.kind === 'binary' ? (scores[0] >= threshold ? 1 : 0) : argmax(probs)));
  };

  return {
    fields: feeds.map((f) => ({ key: f.column, kind: f.kind, categories: f.categories })),
    candidates: [...Array.from(p.validation.rows, (index) => ({ index, split: 'validation' as const })), ...Array.from(p.test.rows, (index) => ({ index, split: 'test' as const }))],
    prefill(index) {
      return Object.fromEntries(
        feeds.map((f) => {
          const col = getColumn(frame, f.column);
          return [f.column, feedText(f.kind, isNumericColumn(col) ? col.values[index] : col.values[index])];
        }),
      );
    },
    async runOnnx(values: TryValues) {
      const out = await runTabularGraph(session, { numeric: Float32Array.from(numericFeeds, (f) => Number(values[f.column])), categorical: catFeeds.map((f) => String(values[f.column])) }, 1);
      if (p.kind === 'regression') return outcome(out.prediction);
      const probs = Array.from(out.probabilities);
      const o = classOutcome(labels, probs, Number(out.label[0]));
      return out.probabilities_calibrated ? { ...o, calibrated: labels.map((label, k) => ({ label, p: out.probabilities_calibrated[k] })) } : o;
    },
    runStudio(values: TryValues) {
      const columns: Column[] = feeds.map((f) =>
        f.input === 'numeric'
          ? { name: f.column, dtype: f.kind === 'boolean' || f.kind === 'datetime' ? f.kind : 'numeric', values: Float64Array.of(Number(values[f.column])) }
          : { name: f.column, dtype: 'categorical', values: [String(values[f.column]) === '' ? null : String(values[f.column])] },
      );
      const x = transform({ columns, rowCount: 1 }, pre.data, Int32Array.of(0));
      return outcome(logitsToScores(p.kind, forwardLogits(saved.data, x, 1), p.classes, p.yMean, p.yStd));
    },
    close: () => session.release(),
  };
}
