/**
 * The shortest decimal that reads back as the same float32: what a value stored in a
 * Float32Array was written as. Array.from(float32) widens -1.846 to -1.8459999561309814, which
 * is the float64 printing of the float32 and never what the user typed; a float32 shows at most
 * 9 significant digits. A number that is not a float32 value comes back unchanged.
 */
export function float32Decimal(x: number): number {
  if (x === 0 || !Number.isFinite(x) || Math.fround(x) !== x) return x;
  for (let p = 1; p <= 9; p++) {
    const v = Number(x.toPrecision(p));
    if (Math.fround(v) === x) return v;
  }
  return x;
}
