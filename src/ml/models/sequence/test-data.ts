import type { Frame } from '../../data/frame';

/** Career paths as the proxy's candidates table holds them: an id and a JSON work history per row. */
export function historyFrame(paths: unknown[][]): Frame {
  return {
    rowCount: paths.length,
    columns: [
      { name: 'id', dtype: 'id', values: paths.map((_, i) => String(100000 + i)) },
      { name: 'work_history', dtype: 'text', values: paths.map((p) => JSON.stringify(p)) },
    ],
  };
}

/** The same paths as a long table: one row per role. */
export function longFrame(paths: { title: string; start_date: string; end_date: string | null }[][]): Frame {
  const ids: string[] = [];
  const titles: string[] = [];
  const starts: (string | null)[] = [];
  const ends: (string | null)[] = [];
  paths.forEach((p, i) =>
    p.forEach((r) => {
      ids.push(String(100000 + i));
      titles.push(r.title);
      starts.push(r.start_date);
      ends.push(r.end_date);
    }),
  );
  return {
    rowCount: ids.length,
    columns: [
      { name: 'entity_id', dtype: 'id', values: ids },
      { name: 'title', dtype: 'categorical', values: titles },
      { name: 'start_date', dtype: 'text', values: starts },
      { name: 'end_date', dtype: 'text', values: ends },
    ],
  };
}
