import { memo, useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { EpochMetricRecord, StepMetricRecord } from '../../db/records';
import { SERIES_COLORS } from '../evaluate/palette';

/** Exponential moving average, as TensorBoard smooths a noisy per-step curve. */
export function smooth(values: number[], alpha = 0.6): number[] {
  const out: number[] = [];
  let s = values[0] ?? 0;
  for (const v of values) {
    s = alpha * s + (1 - alpha) * v;
    out.push(s);
  }
  return out;
}

/** The most batch-loss points drawn: a long run's curve keeps its shape, and each redraw stays cheap. */
export const MAX_STEP_POINTS = 1000;

/** Every k-th of `n` indices (k the smallest stride that fits `max`), always with the last one. */
export function thinnedIndices(n: number, max: number): number[] {
  const stride = Math.max(1, Math.ceil(n / max));
  const out: number[] = [];
  for (let i = 0; i < n; i += stride) out.push(i);
  if (n > 0 && out[out.length - 1] !== n - 1) out.push(n - 1);
  return out;
}

/**
 * Loss per epoch and batch loss of a run. Memoized, like each chart in it: a live run's progress
 * re-renders its panel several times a second, and the charts redraw only when their data changes.
 */
export const LossCharts = memo(function LossCharts({ epochs, steps }: { epochs: EpochMetricRecord[]; steps: StepMetricRecord[] }) {
  return (
    <div className="charts">
      <EpochLossChart epochs={epochs} />
      <StepLossChart steps={steps} />
    </div>
  );
});

const EpochLossChart = memo(function EpochLossChart({ epochs }: { epochs: EpochMetricRecord[] }) {
  const epochData = useMemo(() => epochs.map((e) => ({ epoch: e.seq, train: e.trainLoss, validation: e.valLoss })), [epochs]);
  return (
    <figure className="chart" data-testid="loss-chart" data-points={epochData.length}>
      <figcaption>Loss per epoch</figcaption>
      <ResponsiveContainer width="100%" height={220}>
        <LineChart data={epochData} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#2a2f3a" />
          <XAxis dataKey="epoch" type="number" domain={[1, 'dataMax']} allowDecimals={false} stroke="#8a93a6" />
          <YAxis stroke="#8a93a6" width={56} tickFormatter={(v: number) => v.toPrecision(2)} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? v.toFixed(4) : String(v))} />
          <Legend />
          <Line type="monotone" dataKey="train" stroke={SERIES_COLORS.train} dot={false} isAnimationActive={false} />
          <Line type="monotone" dataKey="validation" stroke={SERIES_COLORS.validation} dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
});

const StepLossChart = memo(function StepLossChart({ steps }: { steps: StepMetricRecord[] }) {
  const stepData = useMemo(() => {
    const sm = smooth(steps.map((s) => s.loss));
    return thinnedIndices(steps.length, MAX_STEP_POINTS).map((i) => ({ step: steps[i].seq, loss: steps[i].loss, smoothed: sm[i] }));
  }, [steps]);
  return (
    <figure className="chart" data-testid="step-chart" data-points={steps.length} data-drawn={stepData.length}>
      <figcaption>Batch loss (smoothed{steps.length > stepData.length ? `; ${stepData.length.toLocaleString('en-US')} of ${steps.length.toLocaleString('en-US')} reads drawn` : ''})</figcaption>
      <ResponsiveContainer width="100%" height={220}>
        <LineChart data={stepData} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#2a2f3a" />
          <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} stroke="#8a93a6" />
          <YAxis stroke="#8a93a6" width={56} tickFormatter={(v: number) => v.toPrecision(2)} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? v.toFixed(4) : String(v))} />
          <Line type="monotone" dataKey="loss" stroke="#f08a4b55" dot={false} isAnimationActive={false} />
          <Line type="monotone" dataKey="smoothed" stroke="#f08a4b" dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
});
