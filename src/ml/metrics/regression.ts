type Num = ArrayLike<number>;

export function mse(y: Num, p: Num): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += (y[i] - p[i]) ** 2;
  return s / y.length;
}

export function mae(y: Num, p: Num): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += Math.abs(y[i] - p[i]);
  return s / y.length;
}

export function rmse(y: Num, p: Num): number {
  return Math.sqrt(mse(y, p));
}

/** Coefficient of determination; 1 − SS_res/SS_tot as scikit-learn's r2_score. */
export function r2(y: Num, p: Num): number {
  let mean = 0;
  for (let i = 0; i < y.length; i++) mean += y[i];
  mean /= y.length;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < y.length; i++) {
    ssRes += (y[i] - p[i]) ** 2;
    ssTot += (y[i] - mean) ** 2;
  }
  return ssTot === 0 ? (ssRes === 0 ? 1 : 0) : 1 - ssRes / ssTot;
}
