// npm run build:wasm: compiles the engine's AssemblyScript kernels (src/ml/engine/wasm/assembly/)
// four times, from the same source, into generated files (gitignored, never committed):
//  - src/ml/engine/wasm/kernels.wasm         imports a plain memory (one thread; any page)
//  - src/ml/engine/wasm/kernels-shared.wasm  imports a SHARED memory, which every thread of a
//    threaded run (src/ml/engine/threads/) instantiates on. A wasm module that imports a shared
//    memory must declare it shared and give a maximum, and a shared memory cannot be imported by a
//    module declaring a plain one (nor the reverse), hence two builds: a page that is not
//    cross-origin isolated cannot make a shared memory at all and keeps kernels.wasm.
//  - kernels-relaxed.wasm, kernels-shared-relaxed.wasm: the same two with relaxed SIMD (FMA), below.
// Every script that needs them (test, build, dev, studio, start, test:unit) runs this first.
//
// It does nothing when the outputs are newer than every input (the AssemblyScript sources, this
// script, the installed compiler), so the prefix costs ~0.1 s after the first build; pass --force
// to rebuild anyway. The compiler writes to a temporary file renamed into place, so a run that
// fails or is interrupted never leaves a truncated .wasm behind.
import { readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const wasmDir = join(root, 'src/ml/engine/wasm');
const sourceDir = join(wasmDir, 'assembly');
const entry = join(sourceDir, 'index.ts');
const compilerPackage = createRequire(import.meta.url).resolve('assemblyscript/package.json');

// The flags, and why:
//  -O3                 optimise for speed (Binaryen inlines the micro-kernels into their drivers)
//  --noAssert          no assertion traps, hence no `env.abort` import and no message strings
//  --runtime stub      the kernels never allocate: no GC, nothing in the memory but the caller's data
//  --importMemory      the JS side owns the one WebAssembly.Memory (env.memory) its Arena carves up
//  --noExportMemory    ... so there is no reason to hand it back
//  --enable simd       v128 / f32x4 (on by default in 0.28; said explicitly so a default change can't drop it)
const flags = ['-O3', '--noAssert', '--runtime', 'stub', '--importMemory', '--noExportMemory', '--enable', 'simd'];
// ... and for the shared build:
//  --enable threads      the threads feature, which shared memories belong to (the kernels use no
//                        atomics: threads meet through Atomics in JS, src/ml/engine/threads/)
//  --sharedMemory        declare the imported memory shared
//  --maximumMemory 65536 a shared memory must declare a maximum; 65536 pages (4 GiB, all of wasm32)
//                        admits any memory the run makes (the import's maximum only has to be ≤ it)
const sharedFlags = [...flags, '--enable', 'threads', '--sharedMemory', '--maximumMemory', '65536'];
// ... and each of the two again with relaxed SIMD, whose f32x4.relaxed_madd is a fused multiply-add
// (tile.ts's madd): the GEMMs' inner loops run ~1.5–2× faster where the engine has it (Chromium ≥ 114,
// Node ≥ 22). The loaders pick the relaxed build when WebAssembly.validate accepts it, else the plain one.
//  --enable relaxed-simd  f32x4.relaxed_madd; ASC_FEATURE_RELAXED_SIMD turns madd into it
const relaxed = ['--enable', 'relaxed-simd'];
const outputs = [
  { out: join(wasmDir, 'kernels.wasm'), flags },
  { out: join(wasmDir, 'kernels-shared.wasm'), flags: sharedFlags },
  { out: join(wasmDir, 'kernels-relaxed.wasm'), flags: [...flags, ...relaxed] },
  { out: join(wasmDir, 'kernels-shared-relaxed.wasm'), flags: [...sharedFlags, ...relaxed] },
];

const mtime = (path) => statSync(path).mtimeMs;
function upToDate(out) {
  let built;
  try {
    built = mtime(out);
  } catch {
    return false;
  }
  const inputs = [import.meta.filename, compilerPackage, ...readdirSync(sourceDir).map((f) => join(sourceDir, f))];
  return inputs.every((f) => mtime(f) <= built);
}

for (const { out, flags: outFlags } of outputs) {
  if (!process.argv.includes('--force') && upToDate(out)) {
    console.log(`build:wasm: ${relative(root, out)} is up to date`);
    continue;
  }
  const started = performance.now();
  const { default: asc } = await import('assemblyscript/asc');
  const tmp = `${out}.${process.pid}.tmp`;
  const { error, stderr } = await asc.main([entry, '-o', tmp, ...outFlags]);
  if (error) {
    rmSync(tmp, { force: true });
    console.error(stderr.toString());
    console.error(`build:wasm: ${error.message}`);
    process.exit(1);
  }
  renameSync(tmp, out);
  console.log(`build:wasm: wrote ${relative(root, out)} (${statSync(out).size} bytes) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
