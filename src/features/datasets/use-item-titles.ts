import { useEffect, useState } from 'react';
import { loadFrame } from '../../db/datasets-repo';
import { itemTitles } from '../../ml/data/item-titles';
import { useDatasets } from '../../state/datasets-store';

const NONE: ReadonlyMap<string, string> = new Map();

/**
 * id → title (a title- or name-like column) of a stored dataset's rows, for tables that list
 * items by id; the studio's frame when it is the selected dataset, else read from IndexedDB. Empty
 * while loading, when the dataset is gone, or when it has no such column.
 */
export function useItemTitles(datasetId: string | null, idColumn: string | null, ownOnly = false): ReadonlyMap<string, string> {
  const open = useDatasets((s) => (s.selectedId === datasetId ? s.frame : null));
  const [state, setState] = useState<{ key: string; titles: ReadonlyMap<string, string> } | null>(null);
  const key = `${datasetId ?? ''}\u0000${idColumn ?? ''}\u0000${ownOnly}`;
  useEffect(() => {
    if (!datasetId || !idColumn) return;
    let live = true;
    (open ? Promise.resolve(open) : loadFrame(datasetId))
      .then((f) => live && setState({ key, titles: itemTitles(f, idColumn, ownOnly) }))
      // a deleted dataset: the tables keep showing ids
      .catch(() => live && setState({ key, titles: NONE }));
    return () => {
      live = false;
    };
  }, [datasetId, idColumn, ownOnly, open, key]);
  return state?.key === key ? state.titles : NONE;
}
