import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const PYTHON = '/usr/bin/python3';

/** What a PyTorch peer prints: its torch version and samples/s per repetition per thread count. */
export interface PeerResult {
  torch: string;
  threads: Record<string, number[]>;
}

/**
 * Runs one of bench/torch_*_peer.py on arrays written to a temporary folder: `spec(file)` builds
 * the JSON spec, calling `file(name, array)` for each array (raw little-endian bytes; the script
 * reads them back with numpy.fromfile). Returns the last line the script prints, parsed.
 */
export function runPythonPeer(script: string, spec: (file: (name: string, a: Int32Array | Float32Array) => string) => object): PeerResult {
  const dir = mkdtempSync(join(tmpdir(), 'kiln-torch-'));
  try {
    const file = (name: string, a: Int32Array | Float32Array) => {
      const path = join(dir, name);
      writeFileSync(path, new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
      return path;
    };
    writeFileSync(join(dir, 'spec.json'), JSON.stringify(spec(file)));
    const r = spawnSync(PYTHON, [resolve(import.meta.dirname, script), join(dir, 'spec.json')], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (r.status !== 0) throw new Error(`${script} failed: ${r.stderr}`);
    return JSON.parse(r.stdout.trim().split('\n').pop()!) as PeerResult;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
