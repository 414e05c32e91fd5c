/**
 * Runs a catalog refresh but stops waiting for it after `ms`, leaving the cached catalog in
 * place: the embedded database has one connection, and listing tables must not queue behind an
 * export whose client stopped reading. The refresh still lands when it finishes; its failure
 * after the wait is dropped (the next listing tries again). Resolves true when it finished in time.
 */
export async function refreshWithin(refresh: () => Promise<void>, ms: number): Promise<boolean> {
  const running = refresh();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((r) => (timer = setTimeout(() => r(false), ms)));
  running.catch(() => undefined);
  try {
    return await Promise.race([running.then(() => true), late]);
  } finally {
    clearTimeout(timer);
  }
}
