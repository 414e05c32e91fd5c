import { useEffect, useState } from 'react';
import { runArtifacts } from '../../db/runs-repo';
import type { SequenceRunRecord } from '../../db/records';
import type { SequenceRunResult } from '../../ml/models/sequence/run-result';
import { SAME_PREDICTION_WARNING } from '../../ml/models/sequence/evaluate';
import { beats } from '../../ml/metrics/baseline';
import { ReliabilityChart } from '../evaluate/charts';
import { ExportView } from '../export/ExportPanel';
import { buildSequenceExport, checkSequenceInOrt } from './build-sequence-export';
import { DataReport } from './DataReport';

const f = (v: number | null | undefined, d = 4) => (v !== null && v !== undefined && Number.isFinite(v) ? v.toFixed(d) : '—');

/** The stored evaluation of a finished sequence run: heads, baseline, career changers, calibration, export. */
export function SequenceReport({ run, version }: { run: SequenceRunRecord; version?: unknown }) {
  const [result, setResult] = useState<SequenceRunResult | null>(null);
  useEffect(() => {
    let live = true;
    void runArtifacts(run.id).then((items) => {
      const r = items.find((a) => a.kind === 'sequence-result');
      if (live) setResult(r?.kind === 'sequence-result' ? r.data : null);
    });
    return () => {
      live = false;
    };
  }, [run.id, version]);
  if (!result) return null;
  const rep = result.report;
  const splits = [
    { name: 'validation', m: rep.validation, b: rep.baseline.validation },
    { name: 'test', m: rep.test, b: rep.baseline.test },
  ];
  const ch = rep.test.changers;
  // the career-changer head is judged against the baseline on the same rows: losing to it is flagged, not left to the reader
  const changerBeats = beats('top1', ch.top1, rep.baseline.test.changerTop1);
  return (
    <section className="evaluation" data-testid="sequence-report">
      <h3>Evaluation</h3>
      <DataReport r={{ ...result, vocabSize: result.vocab.tokens.length }} />
      <table className="metrics" data-testid="sequence-metrics">
        <caption>Held-out figures (the baseline predicts the most common successor of the current title in training)</caption>
        <thead>
          <tr>
            <th>split</th>
            <th>examples</th>
            <th>top-1</th>
            <th>baseline top-1</th>
            <th>top-5</th>
            <th>tenure MAE (months)</th>
            <th>hireability AUC</th>
            <th>top-1 ECE</th>
          </tr>
        </thead>
        <tbody>
          {splits.map(({ name, m, b }) => (
            <tr key={name} data-split={name} data-top1={m.top1} data-baseline-top1={b.top1} data-beats={String(beats('top1', m.top1, b.top1))}>
              <th scope="row">{name}</th>
              <td>{m.examples}</td>
              <td className={beats('top1', m.top1, b.top1) === false ? 'error-text' : undefined}>
                {f(m.top1)}
                {beats('top1', m.top1, b.top1) === false ? ' ✗ not above baseline' : ''}
              </td>
              <td>{f(b.top1)}</td>
              <td>{f(m.top5)}</td>
              <td title={`${m.tenureExamples} examples with a finished next role`}>
                {f(m.tenureMae, 2)} <span className="muted">(n={m.tenureExamples})</span>
              </td>
              <td>{f(m.hireAuc)}</td>
              <td>{f(m.top1Ece)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="card changer-report" data-testid="changer-report" data-beats-baseline={String(changerBeats)} data-same-rate={ch.samePredictionRate} data-examples={ch.examples} data-warning={ch.warning ? 'yes' : 'no'}>
        <h4>Career changers (test)</h4>
        <p>
          {ch.examples} of {rep.test.examples} examples ({(100 * ch.share).toFixed(1)}%) move to another title family. Top-1 on them: <strong>{f(ch.top1, 3)}</strong> (baseline {f(rep.baseline.test.changerTop1, 3)}); on people who stay in
          their family: {f(rep.test.stayers.top1, 3)}.
        </p>
        <p>
          Same-prediction rate (the model predicts the title the person already holds): <strong data-testid="same-prediction-rate">{(100 * ch.samePredictionRate).toFixed(1)}%</strong> (baseline{' '}
          {(100 * rep.baseline.test.samePredictionRate).toFixed(1)}%, warning above {SAME_PREDICTION_WARNING * 100}%).
        </p>
        {changerBeats === false && (
          <p className="error-text" role="alert" data-testid="changer-baseline-warning">
            On career changers the model does not beat the baseline: top-1 {f(ch.top1, 3)} vs {f(rep.baseline.test.changerTop1, 3)}. For the people whose next step is a change, the most-common-successor rule does as well or better.
          </p>
        )}
        {ch.warning && (
          <p className="error-text" role="alert" data-testid="changer-warning">
            {ch.warning}
          </p>
        )}
      </div>
      {rep.calibration && (
        <div className="charts">
          <ReliabilityChart
            series={[
              { name: 'top-1 confidence', color: '#f08a4b', bins: rep.calibration.reliabilityBefore },
              { name: 'isotonic', color: '#5ab0f0', bins: rep.calibration.reliabilityAfter },
            ]}
            title={`Top-1 reliability on test: ECE ${f(rep.calibration.testEceBefore)} → ${f(rep.calibration.testEceAfter)} (isotonic, fitted on validation)`}
            testId="sequence-reliability"
          />
        </div>
      )}
      <ExportView build={() => buildSequenceExport(run)} check={(bundle) => checkSequenceInOrt(run, bundle)} checkedOn="validation sequences (all three heads)" />
    </section>
  );
}
