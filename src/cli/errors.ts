/** Exit codes: 0 ok, 1 a --fail-under/--fail-over gate failed, 2 bad usage or bad input. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 2,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** The exit code for a CLI failure, with its message written to `err`; anything that is not the user's input is rethrown. */
export function exitFor(e: unknown, err: (s: string) => void, usage: string): number {
  if (e instanceof CliError) {
    err(`kiln: ${e.message}\n`);
    return e.exitCode;
  }
  const code = (e as { code?: string }).code;
  if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
    err(`kiln: ${(e as Error).message}\n\n${usage}\n`);
    return 2;
  }
  throw e;
}
