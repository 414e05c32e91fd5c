/** Every error the API returns: a stable machine code, an HTTP status and a sentence for people. */
export type ErrorCode =
  | 'unauthorized'
  | 'bad_request'
  | 'unknown_table'
  | 'unknown_column'
  | 'bad_filter'
  | 'limit_over_cap'
  | 'too_many_exports'
  | 'query_failed'
  | 'permission_denied'
  | 'read_only'
  | 'saved_query_broken'
  | 'timeout'
  | 'unavailable'
  | 'not_found'
  | 'forbidden'
  | 'conflict'
  | 'too_large'
  | 'store_unavailable'
  | 'internal';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    /** fields the error body carries beside `error` (a refused alias move: where the alias is now) */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function errorBody(code: ErrorCode, message: string): { error: { code: ErrorCode; message: string } } {
  return { error: { code, message } };
}

/** PostgreSQL's SQLSTATE of an error thrown by pg, when it has one. */
export function sqlState(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/**
 * The API error for a PostgreSQL error that the request caused, or undefined when it is the
 * proxy's or the database's own failure (a 500). A value that does not fit a column's type or a
 * domain's CHECK, an object the role may not read, a view that tries to write: each is about what
 * was asked for, so the client gets a 4xx it can act on, never "internal".
 */
export function apiErrorFromPg(err: unknown, context: { statementTimeoutMs: number }): ApiError | undefined {
  const state = sqlState(err);
  if (!state) return undefined;
  const detail = err instanceof Error ? err.message : String(err);
  if (state === '57014') return new ApiError(504, 'timeout', `the query ran past the proxy's statement timeout (${context.statementTimeoutMs} ms)`);
  if (state === '42501') return new ApiError(403, 'permission_denied', `the proxy's database role may not read what this export needs: ${detail}`);
  // a view or saved query that writes (nextval, a volatile function with INSERT, lo_import …): exports run READ ONLY
  if (state === '25006') return new ApiError(403, 'read_only', `the export tried to write, and exports run in READ ONLY transactions: ${detail}`);
  // class 22: data exception (bad text representation, out of range, division by zero …);
  // class 23: integrity (a domain's CHECK on a filter value); class 42: a cast or operator that does not exist
  if (/^(22|23|42)/.test(state)) return new ApiError(400, 'query_failed', `PostgreSQL rejected the export: ${detail}`);
  // class 54: program limit exceeded (too many filter values for one array, a row too wide)
  if (state.startsWith('54')) return new ApiError(400, 'query_failed', `the export is past a PostgreSQL limit: ${detail}`);
  return undefined;
}
