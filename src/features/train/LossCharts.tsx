import { useMemo } from 'react';
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

export function LossCharts({ epochs, steps }: { epochs: EpochMetricRecord[]; steps: StepMetricRecord[] }) {
  const epochData = useMemo(() => epochs.map((e) => ({ epoch: e.seq, train: e.trainLoss, validation: e.valLoss })), [epochs]);
  const stepData = useMemo(() => {
    const sm = smooth(steps.map((s) => s.loss));
    return steps.map((s, i) => ({ step: s.seq, loss: s.loss, smoothed: sm[i] }));
  }, [steps]);
  return (
    <div className="charts">
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
      <figure className="chart" data-testid="step-chart" data-points={stepData.length}>
        <figcaption>Batch loss (smoothed)</figcaption>
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
    </div>
  );
}
