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
