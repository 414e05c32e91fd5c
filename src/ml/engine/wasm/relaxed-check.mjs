// Run by relaxed-simd.test.ts in a child Node (with --experimental-wasm-relaxed-simd where the
// runtime needs it): every GEMM layout on shapes with edge tiles, and the LSTM cell, through the
// relaxed-SIMD build and the plain build on the same inputs, against a float64 reference.
// Prints one JSON line: the worst relative error of each build, and whether the relaxed one validated.
import { readFileSync } from 'node:fs';

const [relaxedPath, plainPath] = process.argv.slice(2);
const load = async (path) => {
  const bytes = readFileSync(path);
  const memory = new WebAssembly.Memory({ initial: 64 });
  const { instance } = await WebAssembly.instantiate(bytes, { env: { memory, abort() {} } });
  return { x: instance.exports, memory, valid: WebAssembly.validate(bytes) };
};
const builds = { relaxed: await load(relaxedPath), plain: await load(plainPath) };
let seed = 7;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
const worst = { relaxed: 0, plain: 0 };
for (const [m, n, k] of [[5, 13, 7], [33, 17, 64], [64, 64, 64], [4, 8, 1], [9, 30, 129]]) {
  for (const [ta, tb] of [[0, 0], [1, 0], [0, 1]]) {
    const a = Float32Array.from({ length: m * k }, rand);
    const b = Float32Array.from({ length: k * n }, rand);
    const ref = new Float64Array(m * n);
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < k; p++) s += (ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]);
        ref[i * n + j] = s;
      }
    const scale = Math.max(...ref.map(Math.abs));
    for (const [name, { x, memory }] of Object.entries(builds)) {
      const f = new Float32Array(memory.buffer);
      const A = 1024, B = A + a.length * 4, C = B + b.length * 4;
      f.set(a, A / 4);
      f.set(b, B / 4);
      x.gemm(A, B, C, m, n, k, ta, tb, 0);
      const c = f.subarray(C / 4, C / 4 + m * n);
      for (let i = 0; i < m * n; i++) worst[name] = Math.max(worst[name], Math.abs(c[i] - ref[i]) / scale);
    }
  }
}
console.log(JSON.stringify({ worst, relaxedValid: builds.relaxed.valid }));
