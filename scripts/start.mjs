// npm start: the studio (Vite) and the export proxy together. The proxy runs on DATABASE_URL when it
// is set, else on its embedded demo database; it prints the studio URL that carries its token.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const token = process.env.KILN_PROXY_TOKEN || randomBytes(24).toString('base64url');
const proxyPort = process.env.KILN_PROXY_PORT || '8787';
const studioPort = process.env.KILN_STUDIO_PORT || '5173';
const origins = `http://127.0.0.1:${studioPort},http://localhost:${studioPort}`;

const children = [
  spawn(process.execPath, [resolve(root, 'node_modules/tsx/dist/cli.mjs'), resolve(root, 'proxy/src/main.ts')], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, KILN_PROXY_TOKEN: token, KILN_PROXY_PORT: proxyPort, KILN_STUDIO_ORIGIN: process.env.KILN_STUDIO_ORIGIN || origins },
  }),
  spawn(process.execPath, [resolve(root, 'node_modules/vite/bin/vite.js'), '--host', '127.0.0.1', '--port', studioPort, '--strictPort'], { cwd: root, stdio: 'inherit' }),
];

let exiting = false;
const stopAll = (code) => {
  if (exiting) return;
  exiting = true;
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  process.exitCode = code;
};
for (const c of children) c.on('exit', (code) => stopAll(code ?? 1));
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));
