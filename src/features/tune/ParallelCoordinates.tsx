import { memo } from 'react';
import { normalizeValue, type ParamSpec, type SearchSpace } from '../../ml/tune/space';
import type { Trial } from '../../ml/tune/search';
import type { Direction } from '../../ml/tune/tpe';
import { formatParam, formatValue, valueColor } from './format';
import { metricName } from '../../ml/metrics/metric-names';

const H = 240;
const TOP = 28;
const BOTTOM = 28;
const GAP = 120;
const PAD = 50;

/** Tick labels of an axis: every choice of a categorical, the two ends of a range. */
function ticks(p: ParamSpec): { at: number; label: string }[] {
  if (p.kind === 'categorical') return (p.choices ?? []).map((c) => ({ at: normalizeValue(p, c), label: String(c) }));
  return [
    { at: 0, label: formatParam(p.low) },
    { at: 1, label: formatParam(p.kind === 'int' ? (p.high ?? 0) : p.high) },
  ];
}

/**
 * One vertical axis per searched param (log scale for log-uniform, choices spread evenly) and a
 * last one for the objective, better at the top; one line per finished trial coloured by its
 * value, pruned trials dashed, the best drawn last and thick.
 */
export const ParallelCoordinates = memo(function ParallelCoordinates({ trials, space, metric, direction, bestIndex }: { trials: Trial[]; space: SearchSpace; metric: string; direction: Direction; bestIndex: number | null }) {
  const lines = trials.filter((t) => t && (t.state === 'complete' || t.state === 'pruned') && t.value !== null && Number.isFinite(t.value));
  const values = lines.map((t) => t.value as number);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const axes = space.length + 1;
  const W = PAD * 2 + GAP * (axes - 1);
  const y = (u: number) => TOP + (1 - u) * (H - TOP - BOTTOM);
  const x = (i: number) => PAD + i * GAP;
  const objective = (v: number) => {
    const t = hi > lo ? (v - lo) / (hi - lo) : 0.5;
    return direction === 'maximize' ? t : 1 - t;
  };
  const ordered = [...lines.filter((t) => t.index !== bestIndex), ...lines.filter((t) => t.index === bestIndex)];
  return (
    <figure className="chart" data-testid="parallel-coords" data-lines={lines.length}>
      <figcaption>Parallel coordinates: each line a trial, coloured by {metricName(metric)}; dashed = pruned, thick = best</figcaption>
      <div className="table-scroll">
        <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${lines.length} trials across ${space.length} parameters and ${metricName(metric)}`}>
          {ordered.map((t) => {
            const us = space.map((p) => {
              const v = t.params[p.name];
              return v === undefined ? NaN : normalizeValue(p, v);
            });
            if (us.some(Number.isNaN)) return null;
            const pts = [...us, objective(t.value as number)].map((u, i) => `${x(i)},${y(u)}`).join(' ');
            const best = t.index === bestIndex;
            return (
              <polyline
                key={t.index}
                data-testid="pc-line"
                data-trial={t.index}
                data-best={best ? 'true' : undefined}
                points={pts}
                fill="none"
                stroke={best ? '#ffd166' : valueColor(t.value as number, lo, hi, direction)}
                strokeWidth={best ? 3.5 : 1.5}
                strokeDasharray={t.state === 'pruned' ? '4 3' : undefined}
                opacity={best ? 1 : 0.8}
              >
                <title>{`trial ${t.index + 1} (${t.state}): ${metricName(metric)} ${formatValue(t.value)}`}</title>
              </polyline>
            );
          })}
          {[...space, null].map((p, i) => (
            <g key={p?.name ?? '__objective'} data-testid="pc-axis">
              <line x1={x(i)} x2={x(i)} y1={y(1)} y2={y(0)} stroke="#8a93a6" />
              <text x={x(i)} y={14} textAnchor="middle" fill="#e6e9ef" fontSize={12}>
                {p ? p.name : metricName(metric)}
              </text>
              {(p ? ticks(p) : [
                { at: 1, label: formatValue(direction === 'maximize' ? hi : lo) },
                { at: 0, label: formatValue(direction === 'maximize' ? lo : hi) },
              ]).map((tk) => (
                <text key={`${tk.label}-${tk.at}`} x={x(i) + 5} y={y(tk.at) + (tk.at === 0 ? 14 : tk.at === 1 ? -4 : 4)} fill="#8a93a6" fontSize={10}>
                  {tk.label}
                </text>
              ))}
            </g>
          ))}
        </svg>
      </div>
    </figure>
  );
});
