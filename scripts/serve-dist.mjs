// npm run serve: serves the built studio (dist/) the way any static host should, with the headers
// that make it cross-origin isolated, the right MIME types (application/wasm above all) and gzip.
// No dependency beyond Node. Options: --port 4173, --host 127.0.0.1, --dir dist, --no-isolation
// (serves without COOP/COEP, as a host that cannot set headers would: the service worker then
// adds them from the second load on).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { isolationHeaders } from './isolation-headers.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const port = Number(opt('port', process.env.KILN_SERVE_PORT ?? '4173'));
const host = opt('host', '127.0.0.1');
const root = resolve(opt('dir', resolve(import.meta.dirname, '../dist')));
const isolate = !args.includes('--no-isolation');

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.webmanifest', '.wasm', '.csv', '.svg', '.map', '.txt']);
/** gzipped bodies by path and mtime: the 28 MB onnxruntime wasm is compressed once, not per request */
const gzipped = new Map();

try {
  await stat(join(root, 'index.html'));
} catch {
  console.error(`serve-dist: no ${join(root, 'index.html')}; run \`npm run build\` first`);
  process.exit(1);
}

async function resolveFile(urlPath) {
  const rel = normalize(decodeURIComponent(urlPath)).replace(/^([/\\])+/, '');
  const file = resolve(root, rel);
  if (file !== root && !file.startsWith(root + sep)) return null;
  try {
    const s = await stat(file);
    if (s.isDirectory()) return resolveFile(`${urlPath.replace(/\/?$/, '/')}index.html`);
    return { file, mtimeMs: s.mtimeMs };
  } catch {
    return null;
  }
}

function cacheControl(urlPath) {
  // hashed build outputs never change; everything else (index.html, sw.js, the manifest) is revalidated
  return urlPath.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
}

const server = createServer(async (req, res) => {
  try {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const urlPath = new URL(req.url ?? '/', 'http://x').pathname;
    const found = await resolveFile(urlPath);
    const headers = { ...(isolate ? isolationHeaders : {}), 'X-Content-Type-Options': 'nosniff' };
    if (!found) {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end(`not found: ${urlPath}\n`);
      return;
    }
    const ext = extname(found.file).toLowerCase();
    headers['Content-Type'] = MIME[ext] ?? 'application/octet-stream';
    headers['Cache-Control'] = cacheControl(urlPath);
    let body;
    if (COMPRESSIBLE.has(ext) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      const key = `${found.file}:${found.mtimeMs}`;
      body = gzipped.get(key);
      if (!body) gzipped.set(key, (body = gzipSync(await readFile(found.file), { level: 6 })));
      headers['Content-Encoding'] = 'gzip';
      headers.Vary = 'Accept-Encoding';
    } else {
      body = await readFile(found.file);
    }
    headers['Content-Length'] = body.byteLength;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch (e) {
    res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`${e instanceof Error ? e.message : String(e)}\n`);
  }
});

server.listen(port, host, () => {
  console.log(`Kiln (built) at http://${host}:${port}/  ${isolate ? 'cross-origin isolated (COOP/COEP)' : 'WITHOUT isolation headers'}  from ${root}`);
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.close(() => process.exit(0)));
