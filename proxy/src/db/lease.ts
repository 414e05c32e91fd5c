import { connect } from 'node:net';
import type pg from 'pg';

/** What pg keeps about a connection but does not type: the keys of a cancel request. */
interface BackendKeys {
  processID: number | null;
  secretKey: number | null;
  host: string;
  port: number;
}

/** PostgreSQL's CancelRequest (a new connection carrying the backend's pid and secret key); best effort. */
function sendCancel(keys: BackendKeys): void {
  if (keys.processID === null || keys.secretKey === null || keys.host.startsWith('/')) return;
  const msg = Buffer.alloc(16);
  msg.writeInt32BE(16, 0);
  msg.writeInt32BE(80877102, 4);
  msg.writeInt32BE(keys.processID, 8);
  msg.writeInt32BE(keys.secretKey, 12);
  const s = connect(keys.port, keys.host, () => s.end(msg));
  s.on('error', () => undefined);
  s.setTimeout(2000, () => s.destroy());
}

/** An error PostgreSQL sent (it has a SQLSTATE and a severity), after which the connection still works. */
export function isServerError(e: unknown): boolean {
  return e instanceof Error && typeof (e as { severity?: unknown }).severity === 'string' && !/^(57P|08)/.test(String((e as { code?: unknown }).code));
}

/**
 * One pooled connection checked out for an export. While checked out, pg emits connection
 * errors (a terminated backend, a database restart) on the client itself, and an 'error'
 * without a listener ends the process: the lease listens, and a connection that failed is
 * discarded by the pool, never handed to the next export.
 */
export class Lease {
  private failure: Error | null = null;
  private released = false;
  private readonly onError = (e: Error) => {
    this.failure ??= e;
  };

  constructor(readonly client: pg.PoolClient) {
    client.on('error', this.onError);
  }

  /** The connection error seen while checked out, if any. */
  get broken(): Error | null {
    return this.failure;
  }

  /**
   * Ends whatever the connection is doing now: a cancel request for the running statement and
   * the socket destroyed, so a backend blocked writing a COPY to us fails its next write and
   * rolls back. Nothing is drained; the pool replaces the connection on the next checkout.
   */
  kill(reason: Error): void {
    if (this.released) return;
    this.failure ??= reason;
    sendCancel(this.client as unknown as BackendKeys);
    (this.client as unknown as pg.Client).connection.stream.destroy();
  }

  /** Rolls back within `ms` so the connection can go back to the pool; one that cannot is killed. */
  async rollbackOrKill(ms = 1000): Promise<void> {
    if (this.failure) return;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((r) => (timer = setTimeout(() => r('late'), ms)));
    try {
      if ((await Promise.race([this.client.query('ROLLBACK'), late])) === 'late') this.kill(new Error(`ROLLBACK took over ${ms} ms`));
    } catch (e) {
      this.kill(e as Error);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Back to the pool when clean; discarded (closed) after any failure or when `dirty`. */
  release(dirty = false): void {
    if (this.released) return;
    this.released = true;
    const err = this.failure ?? (dirty ? new Error('connection left in an unknown state') : undefined);
    // the pool's own listener takes over on release; errors that arrive after it still need one
    this.client.removeListener('error', this.onError);
    this.client.release(err);
  }
}
