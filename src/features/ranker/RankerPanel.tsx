import { memo, useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DatasetRecord, EpochMetricRecord } from '../../db/records';
import { rankerConfigProblems, type RankerConfig } from '../../ml/models/ranker/config';
import { useLabeling } from '../../state/ranker-labeling-store';
import { useRanker } from '../../state/ranker-store';
import { useRuns } from '../../state/runs-store';
import { useSettings } from '../../state/settings-store';
import { NumberField } from '../train/NumberField';
import { LossCharts } from '../train/LossCharts';
import { EngineLine } from '../train/EngineLine';
import { formatDuration, RunAlerts, TrainControls } from '../train/TrainControls';
import { RankerReport } from './RankerReport';
import { RankerTunePanel } from './RankerTunePanel';
import { scopedLive, useLiveScope } from '../../state/live-scope';
import { LiveElsewhere } from '../train/LiveElsewhere';

export const PairAccuracyChart = memo(function PairAccuracyChart({ epochs }: { epochs: EpochMetricRecord[] }) {
  const data = useMemo(() => epochs.map((e) => ({ epoch: e.seq, accuracy: e.valMetrics.pairwise_accuracy })), [epochs]);
  return (
    <figure className="chart" data-testid="pair-accuracy-chart" data-points={data.length}>
      <figcaption>Validation pairwise accuracy</figcaption>
      <ResponsiveContainer width="100%" height={200}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#2a2f3a" />
          <XAxis dataKey="epoch" type="number" domain={[1, 'dataMax']} allowDecimals={false} stroke="#8a93a6" />
          <YAxis domain={[0, 1]} stroke="#8a93a6" width={40} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? v.toFixed(4) : String(v))} />
          <Line type="monotone" dataKey="accuracy" stroke="#5ab0f0" dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
});

function RankerSettings({ c, onChange }: { c: RankerConfig; onChange: (c: RankerConfig) => void }) {
  return (
    <div className="setup-columns" data-testid="ranker-settings">
      <label className="field">
        Scorer
        <select value={c.hiddenLayers} onChange={(e) => onChange({ ...c, hiddenLayers: Number(e.target.value) as RankerConfig['hiddenLayers'] })} data-testid="ranker-layers">
          <option value={1}>2-layer MLP (1 hidden layer)</option>
          <option value={2}>3-layer MLP (2 hidden layers)</option>
          <option value={0}>linear</option>
        </select>
      </label>
      <NumberField label="Hidden units" value={c.hiddenUnits} min={1} onChange={(v) => onChange({ ...c, hiddenUnits: v })} testId="ranker-hidden" />
      <NumberField label="Dropout" value={c.dropout} step={0.05} min={0} onChange={(v) => onChange({ ...c, dropout: v })} />
      <NumberField label="Learning rate" value={c.learningRate} step={0.0001} min={0} onChange={(v) => onChange({ ...c, learningRate: v })} />
      <NumberField label="Weight decay (L2)" value={c.weightDecay} step={0.0001} min={0} onChange={(v) => onChange({ ...c, weightDecay: v })} />
      <NumberField label="Batch size" value={c.batchSize} min={1} onChange={(v) => onChange({ ...c, batchSize: v })} />
      <NumberField label="Epochs" value={c.epochs} min={1} onChange={(v) => onChange({ ...c, epochs: v })} testId="ranker-epochs" />
      <NumberField label="Margin" value={c.margin} step={0.1} min={0} onChange={(v) => onChange({ ...c, margin: v })} />
      <label className="field">
        Held-out split
        <select value={c.split.by} onChange={(e) => onChange({ ...c, split: { ...c.split, by: e.target.value as 'pair' | 'item' } })}>
          <option value="pair">by pair</option>
          <option value="item">by item (no held-out item seen in training)</option>
        </select>
      </label>
      <NumberField label="Validation fraction" value={c.split.validationFraction} step={0.05} min={0} onChange={(v) => onChange({ ...c, split: { ...c.split, validationFraction: v } })} />
    </div>
  );
}

/** Train the ranker on this pool's labels in the worker: live loss and validation pairwise accuracy, then the report. */
export function RankerPanel({ dataset }: { dataset: DatasetRecord }) {
  const live = useRanker();
  const scope = useLiveScope(live.runId, live.phase, dataset.id);
  const t = scopedLive(live, scope);
  const backendPref = useSettings((s) => s.backend);
  const pool = useLabeling((s) => s.pool);
  const record = useLabeling((s) => s.record);
  const labels = useLabeling((s) => s.labels);
  const run = useRuns((s) => s.runs.find((r) => r.id === t.runId && r.family === 'ranker'));
  const problems = [...rankerConfigProblems(t.config), ...(labels.length < 10 ? [`label at least 10 pairs first (${labels.length} so far)`] : [])];
  return (
    <>
      <section className="card" aria-label="Ranker training" data-testid="ranker-train">
        <h3>Pairwise ranker</h3>
        <RankerSettings c={t.config} onChange={t.setConfig} />
        <TrainControls
          phase={t.phase}
          canStart={!!pool && !!record}
          onStart={() => pool && record && void t.start({ pool, poolSpec: record.spec, labels, datasetId: dataset.id, datasetName: dataset.fileName, backend: backendPref })}
          onStop={t.stop}
          startLabel={`Train ranker on ${labels.length} labels`}
          startingLabel="Starting…"
          backend={t.backend}
          backendNote={t.backendNote}
          progress={t.progress}
          stage={t.runStage}
          problems={problems}
          unit="pairs"
        />
        <LiveElsewhere scope={scope} />
        {run && <EngineLine engine={run.engine} />}
        <RunAlerts error={t.error} memoryWarning={t.memoryWarning} />
        {t.runId && (
          <div className="charts">
            <PairAccuracyChart epochs={t.epochs} />
          </div>
        )}
        {t.runId && <LossCharts epochs={t.epochs} steps={t.steps} />}
        {run?.family === 'ranker' && run.status !== 'running' && run.status !== 'failed' && t.artifactsSaved > 0 && (
          <div data-testid="final-metrics" data-status={run.status}>
            <p className="muted">
              {run.status} · best epoch {run.bestEpoch} of {run.epochsRun} · {formatDuration(run.durationMs ?? null)}
            </p>
            <RankerReport run={run} version={t.artifactsSaved} />
          </div>
        )}
      </section>
      <RankerTunePanel dataset={dataset} />
    </>
  );
}
