import pg from 'pg';

/**
 * A database the proxy exports from. Both kinds hand out a `pg` Pool: the embedded one speaks
 * the Postgres wire protocol through pglite-socket, so export code has exactly one path.
 */
export interface DbBackend {
  kind: 'postgres' | 'embedded';
  pool: pg.Pool;
  /** what to print: a URL without its password */
  describe: string;
  close(): Promise<void>;
}

/**
 * Every value arrives as Postgres' text output: the proxy parses per column type itself, so
 * int8 and numeric keep their precision and both backends produce byte-identical results.
 */
export const RAW_TEXT_TYPES = { getTypeParser: () => (value: string) => value } as unknown as pg.CustomTypesConfig;

export function makePool(connectionString: string, max: number): pg.Pool {
  return new pg.Pool({ connectionString, max, types: RAW_TEXT_TYPES, idleTimeoutMillis: 0, application_name: 'kiln-proxy' });
}
