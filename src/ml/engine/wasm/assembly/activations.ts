// Activations, their derivatives, the column sum and Adam, four floats at a time.
//
// Activation codes are kernels.ts's ACTIVATIONS order: 0 linear, 1 relu, 2 tanh, 3 sigmoid,
// 4 elu (alpha 1), 5 selu. Every derivative is written from the activation's OUTPUT a (that is
// what the backward pass keeps): relu a>0; tanh 1−a²; sigmoid a(1−a); elu a>0 ? 1 : a+1;
// selu a>0 ? λ : a+λα.
//
// Loops run over whole f32x4 blocks; the last n % 4 elements go through the same vector code one
// lane at a time (load32_splat, take lane 0) so the tail rounds exactly like the body.

// @ts-ignore: decorator
@inline const F: usize = 4;

// SELU's constants as f32 (kernels.ts: SELU_ALPHA, SELU_SCALE)
// @ts-ignore: decorator
@inline const SELU_ALPHA: f32 = 1.6732632423543772848170429916717;
// @ts-ignore: decorator
@inline const SELU_SCALE: f32 = 1.0507009873554804934193349852946;

/**
 * e^x for four lanes, Cephes expf: x = n·ln2 + r with n = round(x/ln2), |r| ≤ ln2/2; e^r by a
 * degree-6 polynomial (relative error ~2e-7 on that interval); 2^n built straight into the
 * exponent bits. ln2 is split hi+lo so r = x − n·ln2 loses nothing to cancellation. x is clamped
 * to [−87.33, 88]: 2^n stays a normal float (no denormal or infinite scale), and every caller
 * here saturates well before those bounds anyway.
 */
// @ts-ignore: decorator
@inline export function expv(x: v128): v128 {
  x = f32x4.min(x, f32x4.splat(88.0));
  x = f32x4.max(x, f32x4.splat(-87.3365447505531));
  const n = f32x4.nearest(f32x4.mul(x, f32x4.splat(1.44269504088896341))); // x · log2(e)
  let r = f32x4.sub(x, f32x4.mul(n, f32x4.splat(0.693359375)));
  r = f32x4.sub(r, f32x4.mul(n, f32x4.splat(-2.12194440e-4)));
  let p = f32x4.splat(1.9875691500e-4);
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.3981999507e-3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(8.3334519073e-3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(4.1665795894e-2));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.6666665459e-1));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(5.0000001201e-1));
  // e^r ≈ 1 + r + r²·p(r)
  const er = f32x4.add(f32x4.add(f32x4.mul(f32x4.mul(p, r), r), r), f32x4.splat(1));
  // 2^n: (n + 127) << 23 is the float whose exponent field is n
  const scale = i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(n), i32x4.splat(127)), 23);
  return f32x4.mul(er, scale);
}

/**
 * tanh for four lanes (Cephes tanhf). |x| < 0.625: x + x³·P(x²), an odd polynomial with no
 * cancellation near 0, where 1 − 2/(e^{2x}+1) would lose every digit. |x| ≥ 0.625:
 * 1 − 2/(e^{2|x|} + 1) (≥ 0.55 there, so its absolute error is also relative), sign restored
 * from x. Both branches are computed and the lane mask picks; no branch in a vector loop.
 */
// @ts-ignore: decorator
@inline export function tanhv(x: v128): v128 {
  const ax = f32x4.abs(x);
  const big = f32x4.sub(f32x4.splat(1), f32x4.div(f32x4.splat(2), f32x4.add(expv(f32x4.add(ax, ax)), f32x4.splat(1))));
  const signed = v128.or(big, v128.and(x, i32x4.splat(0x80000000)));
  const z = f32x4.mul(x, x);
  let p = f32x4.splat(-5.70498872745e-3);
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(2.06390887954e-2));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(-5.37397155531e-2));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(1.33314422036e-1));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(-3.33332819422e-1));
  const small = f32x4.add(f32x4.mul(f32x4.mul(p, z), x), x);
  return v128.bitselect(small, signed, f32x4.lt(ax, f32x4.splat(0.625)));
}

/** act(x) for one of the six codes. Called with a constant-per-loop code; the switch sits outside the hot loops' bodies after inlining into the per-code loops below. */
// @ts-ignore: decorator
@inline function actv(x: v128, act: i32): v128 {
  const zero = f32x4.splat(0);
  switch (act) {
    case 1: return f32x4.max(x, zero); // relu
    case 2: return tanhv(x);
    case 3: return f32x4.div(f32x4.splat(1), f32x4.add(f32x4.splat(1), expv(f32x4.neg(x)))); // sigmoid
    case 4: { // elu: x > 0 ? x : e^x − 1
      const neg = f32x4.sub(expv(x), f32x4.splat(1));
      return v128.bitselect(x, neg, f32x4.gt(x, zero));
    }
    case 5: { // selu: λ·(x > 0 ? x : α(e^x − 1))
      const neg = f32x4.mul(f32x4.sub(expv(x), f32x4.splat(1)), f32x4.splat(SELU_ALPHA));
      return f32x4.mul(v128.bitselect(x, neg, f32x4.gt(x, zero)), f32x4.splat(SELU_SCALE));
    }
    default: return x; // linear
  }
}

/** act'(·) from the activation's output a. */
// @ts-ignore: decorator
@inline function gradv(a: v128, act: i32): v128 {
  const zero = f32x4.splat(0);
  const one = f32x4.splat(1);
  switch (act) {
    case 1: return v128.and(one, f32x4.gt(a, zero)); // relu: 1 where a > 0, bits of 0 elsewhere
    case 2: return f32x4.sub(one, f32x4.mul(a, a)); // tanh
    case 3: return f32x4.mul(a, f32x4.sub(one, a)); // sigmoid
    case 4: return v128.bitselect(one, f32x4.add(a, one), f32x4.gt(a, zero)); // elu
    case 5: return v128.bitselect(f32x4.splat(SELU_SCALE), f32x4.add(a, f32x4.splat(<f32>(SELU_SCALE * SELU_ALPHA))), f32x4.gt(a, zero)); // selu
    default: return one; // linear
  }
}

/** One row of out = act(z + bias). Inlined into one loop per activation so the switch folds away. */
// @ts-ignore: decorator
@inline function biasActRow(z: usize, bias: usize, out: usize, cols: i32, act: i32): void {
  const c4 = <usize>(cols & ~3) * F;
  const cb = <usize>cols * F;
  let o: usize = 0;
  for (; o < c4; o += 16) v128.store(out + o, actv(f32x4.add(v128.load(z + o), v128.load(bias + o)), act));
  for (; o < cb; o += F) {
    const x = f32x4.add(v128.load32_splat(z + o), v128.load32_splat(bias + o));
    store<f32>(out + o, f32x4.extract_lane(actv(x, act), 0));
  }
}

/** out[i,j] = act(z[i,j] + bias[j]); out may be z (each element is read before it is written). */
export function biasAct(z: usize, bias: usize, out: usize, rows: i32, cols: i32, act: i32): void {
  const ld = <usize>cols * F;
  for (let i = 0; i < rows; i++) {
    const zi = z + <usize>i * ld, oi = out + <usize>i * ld;
    // one specialised loop per code: actv inlines with a constant code, the switch disappears
    switch (act) {
      case 1: biasActRow(zi, bias, oi, cols, 1); break;
      case 2: biasActRow(zi, bias, oi, cols, 2); break;
      case 3: biasActRow(zi, bias, oi, cols, 3); break;
      case 4: biasActRow(zi, bias, oi, cols, 4); break;
      case 5: biasActRow(zi, bias, oi, cols, 5); break;
      default: biasActRow(zi, bias, oi, cols, 0);
    }
  }
}

// @ts-ignore: decorator
@inline function actBackwardLoop(a: usize, da: usize, dz: usize, n: i32, act: i32): void {
  const n4 = <usize>(n & ~3) * F;
  const nb = <usize>n * F;
  let o: usize = 0;
  for (; o < n4; o += 16) v128.store(dz + o, f32x4.mul(v128.load(da + o), gradv(v128.load(a + o), act)));
  for (; o < nb; o += F) store<f32>(dz + o, f32x4.extract_lane(f32x4.mul(v128.load32_splat(da + o), gradv(v128.load32_splat(a + o), act)), 0));
}

/** dz[i] = da[i] · act'(a[i]); dz may be da. */
export function actBackward(a: usize, da: usize, dz: usize, n: i32, act: i32): void {
  switch (act) {
    case 1: actBackwardLoop(a, da, dz, n, 1); break;
    case 2: actBackwardLoop(a, da, dz, n, 2); break;
    case 3: actBackwardLoop(a, da, dz, n, 3); break;
    case 4: actBackwardLoop(a, da, dz, n, 4); break;
    case 5: actBackwardLoop(a, da, dz, n, 5); break;
    default: if (dz != da) memory.copy(dz, da, <usize>n * F); // linear: the gradient passes through
  }
}

/**
 * db[j] = (acc ? db[j] : 0) + Σ_i dz[i,j]. Vectorised along j (rows are contiguous): 16 columns
 * per pass down the rows in four accumulators, then 4, then the last cols % 4 one by one.
 */
export function colSum(dz: usize, db: usize, rows: i32, cols: i32, accumulate: i32): void {
  const acc = accumulate != 0;
  const ld = <usize>cols * F;
  let j = 0;
  for (; j + 16 <= cols; j += 16) {
    let s0 = f32x4.splat(0), s1 = f32x4.splat(0), s2 = f32x4.splat(0), s3 = f32x4.splat(0);
    let p = dz + <usize>j * F;
    for (let i = 0; i < rows; i++) {
      s0 = f32x4.add(s0, v128.load(p));
      s1 = f32x4.add(s1, v128.load(p, 16));
      s2 = f32x4.add(s2, v128.load(p, 32));
      s3 = f32x4.add(s3, v128.load(p, 48));
      p += ld;
    }
    const d = db + <usize>j * F;
    if (acc) {
      s0 = f32x4.add(s0, v128.load(d));
      s1 = f32x4.add(s1, v128.load(d, 16));
      s2 = f32x4.add(s2, v128.load(d, 32));
      s3 = f32x4.add(s3, v128.load(d, 48));
    }
    v128.store(d, s0); v128.store(d, s1, 16); v128.store(d, s2, 32); v128.store(d, s3, 48);
  }
  for (; j + 4 <= cols; j += 4) {
    let s = f32x4.splat(0);
    let p = dz + <usize>j * F;
    for (let i = 0; i < rows; i++) {
      s = f32x4.add(s, v128.load(p));
      p += ld;
    }
    const d = db + <usize>j * F;
    v128.store(d, acc ? f32x4.add(s, v128.load(d)) : s);
  }
  for (; j < cols; j++) {
    let s: f32 = 0;
    let p = dz + <usize>j * F;
    for (let i = 0; i < rows; i++) {
      s += load<f32>(p);
      p += ld;
    }
    const d = db + <usize>j * F;
    store<f32>(d, acc ? load<f32>(d) + s : s);
  }
}

/**
 * One Adam step over n parameters (flat buffers), float32 throughout:
 * m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²; p ← p − lr·(m/c1)/(√(v/c2) + ε).
 * p, m and v are read and written once each per element: one pass, no temporaries.
 */
// @ts-ignore: decorator
@inline function adamStep(p: usize, g: usize, m: usize, v: usize, o: usize, lr: v128, b1: v128, b2: v128, ib1: v128, ib2: v128, eps: v128, c1: v128, c2: v128, lane: bool): void {
  const gv = lane ? v128.load32_splat(g + o) : v128.load(g + o);
  const mv = f32x4.add(f32x4.mul(b1, lane ? v128.load32_splat(m + o) : v128.load(m + o)), f32x4.mul(ib1, gv));
  const vv = f32x4.add(f32x4.mul(b2, lane ? v128.load32_splat(v + o) : v128.load(v + o)), f32x4.mul(ib2, f32x4.mul(gv, gv)));
  const step = f32x4.div(f32x4.mul(lr, f32x4.div(mv, c1)), f32x4.add(f32x4.sqrt(f32x4.div(vv, c2)), eps));
  const pv = f32x4.sub(lane ? v128.load32_splat(p + o) : v128.load(p + o), step);
  if (lane) {
    store<f32>(m + o, f32x4.extract_lane(mv, 0));
    store<f32>(v + o, f32x4.extract_lane(vv, 0));
    store<f32>(p + o, f32x4.extract_lane(pv, 0));
  } else {
    v128.store(m + o, mv);
    v128.store(v + o, vv);
    v128.store(p + o, pv);
  }
}

export function adam(p: usize, g: usize, m: usize, v: usize, n: i32, lr: f32, beta1: f32, beta2: f32, eps: f32, c1: f32, c2: f32): void {
  const vlr = f32x4.splat(lr), vb1 = f32x4.splat(beta1), vb2 = f32x4.splat(beta2);
  const ib1 = f32x4.splat(1 - beta1), ib2 = f32x4.splat(1 - beta2);
  const veps = f32x4.splat(eps), vc1 = f32x4.splat(c1), vc2 = f32x4.splat(c2);
  const n4 = <usize>(n & ~3) * F;
  const nb = <usize>n * F;
  let o: usize = 0;
  for (; o < n4; o += 16) adamStep(p, g, m, v, o, vlr, vb1, vb2, ib1, ib2, veps, vc1, vc2, false);
  for (; o < nb; o += F) adamStep(p, g, m, v, o, vlr, vb1, vb2, ib1, ib2, veps, vc1, vc2, true);
}
