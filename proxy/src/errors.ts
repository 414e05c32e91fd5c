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
  | 'timeout'
  | 'unavailable'
  | 'not_found'
  | 'internal';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function errorBody(code: ErrorCode, message: string): { error: { code: ErrorCode; message: string } } {
  return { error: { code, message } };
}
