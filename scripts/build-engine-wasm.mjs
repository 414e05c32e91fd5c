// npm run build:wasm: compiles the engine's AssemblyScript kernels (src/ml/engine/wasm/assembly/)
// into src/ml/engine/wasm/kernels.wasm, a generated file (gitignored, never committed). Every
// script that needs it (test, build, dev, studio, start, test:unit) runs this first.
//
// It does nothing when kernels.wasm is newer than every input (the AssemblyScript sources, this
// script, the installed compiler), so the prefix costs ~0.1 s after the first build; pass --force
// to rebuild anyway. The compiler writes to a temporary file renamed into place, so a run that
// fails or is interrupted never leaves a truncated kernels.wasm behind.
import { readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const wasmDir = join(root, 'src/ml/engine/wasm');
const sourceDir = join(wasmDir, 'assembly');
const entry = join(sourceDir, 'index.ts');
const out = join(wasmDir, 'kernels.wasm');
const compilerPackage = createRequire(import.meta.url).resolve('assemblyscript/package.json');

// The flags, and why:
//  -O3                 optimise for speed (Binaryen inlines the micro-kernels into their drivers)
//  --noAssert          no assertion traps, hence no `env.abort` import and no message strings
//  --runtime stub      the kernels never allocate: no GC, nothing in the memory but the caller's data
//  --importMemory      the JS side owns the one WebAssembly.Memory (env.memory) its Arena carves up
//  --noExportMemory    ... so there is no reason to hand it back
//  --enable simd       v128 / f32x4 (on by default in 0.28; said explicitly so a default change can't drop it)
const flags = ['-O3', '--noAssert', '--runtime', 'stub', '--importMemory', '--noExportMemory', '--enable', 'simd'];

const mtime = (path) => statSync(path).mtimeMs;
function upToDate() {
  let built;
  try {
    built = mtime(out);
  } catch {
    return false;
  }
  const inputs = [import.meta.filename, compilerPackage, ...readdirSync(sourceDir).map((f) => join(sourceDir, f))];
  return inputs.every((f) => mtime(f) <= built);
}

if (!process.argv.includes('--force') && upToDate()) {
  console.log(`build:wasm: ${relative(root, out)} is up to date`);
} else {
  const started = performance.now();
  const { default: asc } = await import('assemblyscript/asc');
  const tmp = `${out}.${process.pid}.tmp`;
  const { error, stderr } = await asc.main([entry, '-o', tmp, ...flags]);
  if (error) {
    rmSync(tmp, { force: true });
    console.error(stderr.toString());
    console.error(`build:wasm: ${error.message}`);
    process.exit(1);
  }
  renameSync(tmp, out);
  console.log(`build:wasm: wrote ${relative(root, out)} (${statSync(out).size} bytes) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
