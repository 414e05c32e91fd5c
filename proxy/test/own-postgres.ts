import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = process.env.KILN_TEST_PG_BIN ?? '/usr/lib/postgresql/15/bin';

/**
 * A PostgreSQL 15 cluster of the test's own, in a temp dir on a free port, that the test may
 * stop and restart (the shared server at 127.0.0.1:5432 serves other tests meanwhile).
 * PostgreSQL refuses to run as root, so as root its commands run as the `postgres` user.
 */
export class OwnPostgres {
  readonly dir: string;
  private constructor(
    readonly port: number,
    dir: string,
  ) {
    this.dir = dir;
  }

  static available(): boolean {
    return existsSync(join(BIN, 'pg_ctl')) && existsSync(join(BIN, 'initdb'));
  }

  static async start(): Promise<OwnPostgres> {
    const port = await new Promise<number>((resolve, reject) => {
      const s = createServer();
      s.once('error', reject);
      s.listen(0, '127.0.0.1', () => {
        const a = s.address();
        s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
      });
    });
    const dir = mkdtempSync(join(tmpdir(), 'kiln-pg-'));
    if (process.getuid?.() === 0) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString()), Number(execFileSync('id', ['-g', 'postgres']).toString()));
    const pg = new OwnPostgres(port, dir);
    pg.run('initdb', ['-D', join(dir, 'data'), '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
    pg.ctl(['start', '-w']);
    return pg;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  private run(cmd: string, args: string[]): void {
    const full = [join(BIN, cmd), ...args];
    if (process.getuid?.() === 0) execFileSync('runuser', ['-u', 'postgres', '--', ...full], { stdio: 'pipe' });
    else execFileSync(full[0], full.slice(1), { stdio: 'pipe' });
  }

  ctl(args: string[]): void {
    this.run('pg_ctl', [...args, '-D', join(this.dir, 'data'), '-l', join(this.dir, 'log'), '-o', `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`]);
  }

  stop(mode: 'fast' | 'immediate' = 'fast'): void {
    this.ctl(['stop', '-w', '-m', mode]);
  }

  remove(): void {
    try {
      this.stop('immediate');
    } catch {
      // already stopped
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
