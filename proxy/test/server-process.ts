import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * The real Kiln server process (`tsx proxy/src/main.ts`) with `env` on top of this one's and any
 * free port, resolved once its whole start banner is out (the studio link is its last line, after
 * a new admin token's); rejected if it exits first.
 */
export function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  return new Promise((done, fail) => {
    // node itself runs the server (tsx as a loader): through tsx's CLI the server would be a
    // grandchild, and a test's SIGKILL to the child would orphan it, still listening
    const child = spawn(process.execPath, ['--import', 'tsx', 'proxy/src/main.ts'], { cwd: ROOT, env: { ...process.env, KILN_PROXY_PORT: '0', ...env } });
    let output = '';
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.on('exit', (code, signal) => r({ code, signal })));
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = /listening: (http:\/\/\S+)[\s\S]*studio: +\S+/.exec(output);
      if (m) done({ child, url: m[1], output: () => output, exited });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then(({ code }) => fail(new Error(`the server exited (${code}) before listening:\n${output}`)));
  });
}
