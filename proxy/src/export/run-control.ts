/** What the HTTP side hands an export source: how long to wait, when to stop, where to count rows. */
export interface RunControl {
  /** aborted by the HTTP side (client gone, idle-write timeout, shutdown): the source kills its connection now */
  signal: AbortSignal;
  /** how long to wait for a pooled connection before answering 503 */
  connectionWaitMs: number;
  /** the time the export may spend waiting on the database (never on the client) */
  statementTimeoutMs: number;
  /** rows sent, final once the source has ended cleanly: the X-Kiln-Row-Count trailer */
  stats: { rows: number };
}

/** A statement timeout as PostgreSQL reports it (SQLSTATE 57014), so every path maps it to the same 504. */
export function statementTimeout(ms: number): Error & { code: string } {
  return Object.assign(new Error(`canceling statement due to statement timeout (the export waited ${ms} ms on the database)`), { code: '57014' });
}

/** The reason an aborted export's connection was cut. */
export function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('export aborted');
}
