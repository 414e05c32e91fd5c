/** "12.3 MB": sizes of checkpoints and of the origin's storage. */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) return '—';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${i === 0 ? n : n.toFixed(n < 10 ? 1 : 0)} ${units[i]}`;
}

export interface StorageUse {
  usage: number;
  quota: number;
  /** null where the browser cannot say */
  persisted: boolean | null;
}

/** The origin's usage and quota as the browser estimates them; null where the Storage API is missing. */
export async function storageUse(): Promise<StorageUse | null> {
  const s = globalThis.navigator?.storage;
  if (!s?.estimate) return null;
  const [est, persisted] = await Promise.all([s.estimate(), s.persisted ? s.persisted().catch(() => null) : Promise.resolve(null)]);
  return { usage: est.usage ?? 0, quota: est.quota ?? 0, persisted };
}
