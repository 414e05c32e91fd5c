import type { Trial } from '../../ml/tune/search';
import type { SearchSpace } from '../../ml/tune/space';
import type { Direction } from '../../ml/tune/tpe';
import { BestSoFarChart } from './BestSoFarChart';
import { ImportanceBars } from './ImportanceBars';
import { ParallelCoordinates } from './ParallelCoordinates';
import { TrialsTable } from './TrialsTable';

/**
 * The trials of a search, live or stored: the table (every trial, the running one included), and
 * from the finished ones the best-so-far curve, parallel coordinates and importance.
 */
export function SearchReport(p: { trials: Trial[]; finished: Trial[]; space: SearchSpace; metric: string; direction: Direction; bestIndex: number | null; current?: { trial: number; epoch: number } | null }) {
  return (
    <div className="search-report" data-testid="search-report">
      <TrialsTable trials={p.trials} space={p.space} metric={p.metric} direction={p.direction} bestIndex={p.bestIndex} current={p.current} />
      {p.finished.length > 0 && (
        <>
          <div className="charts">
            <BestSoFarChart trials={p.finished} metric={p.metric} direction={p.direction} />
            <ImportanceBars trials={p.finished} space={p.space} />
          </div>
          <ParallelCoordinates trials={p.finished} space={p.space} metric={p.metric} direction={p.direction} bestIndex={p.bestIndex} />
        </>
      )}
    </div>
  );
}
