import { useEffect, useState } from 'react';
import { runArtifacts } from '../../db/runs-repo';
import type { RankerRunResult } from '../../ml/models/ranker/run-result';

/** The whole pool sorted by the ranker's score, with relevance beside it when the pool has one. */
export function RankedList({ result, titles }: { result: Pick<RankerRunResult, 'ids' | 'scores' | 'relevance'>; titles: ReadonlyMap<string, string> }) {
  const [shown, setShown] = useState(25);
  const order = Array.from(result.ids.keys()).sort((x, y) => result.scores[y] - result.scores[x]);
  return (
    <figure className="ranked-list" data-testid="ranked-list" data-items={result.ids.length}>
      <figcaption>Pool ranked by score ({result.ids.length} items)</figcaption>
      <table className="metrics">
        <thead>
          <tr>
            <th>#</th>
            <th>Item</th>
            {titles.size > 0 && <th>Title</th>}
            <th>Score</th>
            {result.relevance && <th>Relevance</th>}
          </tr>
        </thead>
        <tbody>
          {order.slice(0, shown).map((i, r) => (
            <tr key={result.ids[i]} data-item={result.ids[i]}>
              <td>{r + 1}</td>
              <td>{result.ids[i]}</td>
              {titles.size > 0 && <td data-testid="item-title">{titles.get(result.ids[i]) ?? '—'}</td>}
              <td>{result.scores[i].toFixed(3)}</td>
              {result.relevance && <td>{result.relevance[i]}</td>}
            </tr>
          ))}
        </tbody>
      </table>
      {order.length > shown && (
        <button type="button" onClick={() => setShown(shown + 100)}>
          Show more
        </button>
      )}
    </figure>
  );
}

/** A stored run's result (reloaded when `version` changes). */
export function useRankerResult(runId: string | null, version: unknown): RankerRunResult | null {
  const [state, setState] = useState<{ id: string; result: RankerRunResult } | null>(null);
  useEffect(() => {
    let live = true;
    if (runId)
      void runArtifacts(runId).then((items) => {
        const r = items.find((a) => a.kind === 'ranker-result');
        if (live && r?.kind === 'ranker-result') setState({ id: runId, result: r.data });
      });
    return () => {
      live = false;
    };
  }, [runId, version]);
  return state && state.id === runId ? state.result : null;
}
