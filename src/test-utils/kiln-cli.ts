import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { run } from '../cli/main';

export const KILN_BIN = resolve(import.meta.dirname, '../../bin/kiln.mjs');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The CLI as a user runs it: a child process, stdout and exit code. */
export function kiln(args: string[]): CliResult {
  const r = spawnSync(process.execPath, [KILN_BIN, ...args], { encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** In process, for the many bad-input cases (the same run() the bin calls). */
export function kilnFast(args: string[]): CliResult {
  let stdout = '';
  let stderr = '';
  const code = run(args, (s) => (stdout += s), (s) => (stderr += s));
  return { code, stdout, stderr };
}
