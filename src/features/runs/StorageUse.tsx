import { useEffect, useState } from 'react';
import { useRuns } from '../../state/runs-store';
import { useLiveActivity } from '../families/live';
import { formatBytes, storageUse, type StorageUse as Use } from './storage';

/** The origin's storage use under the runs list, re-estimated when runs or checkpoints come and go. */
export function StorageUse() {
  const runs = useRuns((s) => s.runs.length);
  const activity = useLiveActivity();
  const [use, setUse] = useState<Use | null>(null);
  useEffect(() => {
    let alive = true;
    storageUse()
      .then((u) => alive && setUse(u))
      .catch(() => alive && setUse(null));
    return () => {
      alive = false;
    };
  }, [runs, activity]);
  if (!use) return null;
  const share = use.quota > 0 ? use.usage / use.quota : 0;
  return (
    <p className={`muted storage-use${share > 0.9 ? ' error-text' : ''}`} data-testid="storage-use" data-usage={use.usage} data-quota={use.quota}>
      Storage: {formatBytes(use.usage)} of {formatBytes(use.quota)} used
      {use.persisted === true ? ' · persistent' : use.persisted === false ? ' · not persistent (the browser may evict it under pressure)' : ''}
    </p>
  );
}
