/** Input checks shared by the calibration core: each throws a RangeError that names the argument at fault. */
export type Num = ArrayLike<number>;

export function assertSameLength(aName: string, a: Num, bName: string, b: Num): void {
  if (a.length !== b.length) throw new RangeError(`${aName} has ${a.length} values but ${bName} has ${b.length}`);
}

export function assertNonEmpty(name: string, a: Num): void {
  if (a.length === 0) throw new RangeError(`${name} is empty`);
}

export function assertFinite(name: string, a: Num): void {
  for (let i = 0; i < a.length; i++) {
    if (!Number.isFinite(a[i])) throw new RangeError(`${name}[${i}] = ${a[i]} is not a finite number`);
  }
}

// NaN fails both comparisons, so it is rejected here too: a binned metric of NaN has no bin
export function assertProbabilities(name: string, p: Num): void {
  for (let i = 0; i < p.length; i++) {
    if (!(p[i] >= 0 && p[i] <= 1)) throw new RangeError(`${name}[${i}] = ${p[i]} is outside [0, 1]`);
  }
}

export function assertBinaryLabels(name: string, y: Num): void {
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 0 && y[i] !== 1) throw new RangeError(`${name}[${i}] = ${y[i]}: binary labels must be 0 or 1`);
  }
}

export function assertPositiveInt(name: string, v: number, min = 1): void {
  if (!Number.isInteger(v) || v < min) throw new RangeError(`${name} must be an integer ≥ ${min} (got ${v})`);
}

export function assertClassLabels(name: string, y: Num, k: number): void {
  for (let i = 0; i < y.length; i++) {
    if (!Number.isInteger(y[i]) || y[i] < 0 || y[i] >= k) throw new RangeError(`${name}[${i}] = ${y[i]} is not a class index in 0..${k - 1}`);
  }
}

/** Weights default to 1; given ones must be finite and non-negative, with a positive total. */
export function resolveWeights(weights: Num | undefined, n: number): Float64Array {
  if (weights === undefined) return new Float64Array(n).fill(1);
  if (weights.length !== n) throw new RangeError(`weights has ${weights.length} values but there are ${n} rows`);
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (!(Number.isFinite(weights[i]) && weights[i] >= 0)) throw new RangeError(`weights[${i}] = ${weights[i]} must be a finite number ≥ 0`);
    total += weights[i];
  }
  if (!(total > 0)) throw new RangeError('weights sum to 0: nothing to fit');
  return Float64Array.from(weights);
}

/** Logits are row-major n×k: the length must divide into whole rows. */
export function rowCount(name: string, values: Num, k: number): number {
  assertPositiveInt('k (classes)', k, 2);
  if (values.length % k !== 0) throw new RangeError(`${name} has ${values.length} values, not a multiple of k = ${k}`);
  return values.length / k;
}
