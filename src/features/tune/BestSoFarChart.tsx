import { memo, useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { bestSoFarCurve, type Trial } from '../../ml/tune/search';
import type { Direction } from '../../ml/tune/tpe';
import { metricName } from '../../ml/metrics/metric-names';

/** The best complete value after each trial (a step line), over every trial's own value (dots: complete orange, pruned grey). */
export const BestSoFarChart = memo(function BestSoFarChart({ trials, metric, direction }: { trials: Trial[]; metric: string; direction: Direction }) {
  const finished = useMemo(() => trials.filter((t) => t && t.state !== 'running').sort((a, b) => a.index - b.index), [trials]);
  const data = useMemo(() => {
    const best = bestSoFarCurve(finished, direction);
    return finished.map((t, i) => ({
      trial: t.index + 1,
      best: best[i],
      complete: t.state === 'complete' ? t.value : null,
      pruned: t.state === 'pruned' ? t.value : null,
    }));
  }, [finished, direction]);
  const last = data[data.length - 1]?.best ?? null;
  return (
    <figure className="chart" data-testid="best-so-far" data-points={data.length} data-best={last ?? ''}>
      <figcaption>
        Best {metricName(metric)} so far ({direction === 'maximize' ? 'higher' : 'lower'} is better)
      </figcaption>
      <ResponsiveContainer width="100%" height={220}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#2a2f3a" />
          <XAxis dataKey="trial" type="number" domain={[1, 'dataMax']} allowDecimals={false} stroke="#8a93a6" />
          <YAxis stroke="#8a93a6" width={56} domain={['auto', 'auto']} tickFormatter={(v: number) => v.toPrecision(3)} />
          <Tooltip labelFormatter={(l) => `trial ${String(l)}`} formatter={(v) => (typeof v === 'number' ? v.toFixed(4) : String(v))} />
          <Legend />
          <Line type="stepAfter" dataKey="best" name="best so far" stroke="#f08a4b" dot={false} connectNulls isAnimationActive={false} />
          {/* dots without a line: a Scatter would put each trial's x into the tooltip */}
          <Line dataKey="complete" name="complete" stroke="none" legendType="circle" dot={{ r: 4, fill: '#f0b38b', stroke: 'none' }} activeDot={{ r: 5 }} isAnimationActive={false} />
          <Line dataKey="pruned" name="pruned" stroke="none" legendType="circle" dot={{ r: 4, fill: '#6b7385', stroke: 'none' }} activeDot={{ r: 5 }} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
});
