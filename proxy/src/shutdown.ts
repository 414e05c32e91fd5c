import type { DbBackend } from './db/backend';
import type { ProxyServer } from './server';

function within<T>(p: Promise<T>, ms: number): Promise<T | 'late'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((r) => (timer = setTimeout(() => r('late'), Math.max(0, ms))));
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/**
 * SIGTERM/SIGINT: stop taking requests, end the exports in flight (their clients see a cut-off
 * stream, never a short one that looks whole), close the pool. Bounded by `boundMs` in all: a
 * connection that does not close in time is abandoned, since the process is about to exit.
 * Resolves true when everything closed cleanly.
 */
export async function shutdown(server: ProxyServer, db: DbBackend, boundMs = 5000, store?: { close(): Promise<void> }): Promise<boolean> {
  const deadline = Date.now() + boundMs;
  const left = () => deadline - Date.now();
  const closing = server.app.close().then(() => 'closed' as const);
  const aborted = await server.exports.abortAll('the proxy is shutting down', left());
  const closed = (await within(closing, left())) === 'closed';
  const dbClosed = (await within(db.close().then(() => 'closed' as const), left())) === 'closed';
  const storeClosed = !store || (await within(store.close().then(() => 'closed' as const), left())) === 'closed';
  return aborted && closed && dbClosed && storeClosed;
}
