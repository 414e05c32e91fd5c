// The LSTM step's elementwise part (kernels.ts: lstmCell, lstmCellBackward), four units at a
// time. One call per step for the whole batch: the recurrence then costs one GEMM and one call
// per step, instead of a JS loop over rows and units.
//
// Rows are [batch × H] for states and [batch × 4H] for gates (i, f, g, o blocks of H). The last
// H % 4 units go through the same vector code one lane at a time (load32_splat, lane 0 stored).

import { expv, tanhv } from './activations';

// @ts-ignore: decorator
@inline const F: usize = 4;

// @ts-ignore: decorator
@inline function sigv(x: v128): v128 {
  return f32x4.div(f32x4.splat(1), f32x4.add(f32x4.splat(1), expv(f32x4.neg(x))));
}

// @ts-ignore: decorator
@inline function ld(p: usize, one: bool): v128 {
  return one ? v128.load32_splat(p) : v128.load(p);
}

// @ts-ignore: decorator
@inline function st(p: usize, v: v128, one: bool): void {
  if (one) store<f32>(p, f32x4.extract_lane(v, 0));
  else v128.store(p, v);
}

/** Units at byte offset o of one real row (H: bytes per state row). */
// @ts-ignore: decorator
@inline function cellAt(g: usize, cPrev: usize, c: usize, h: usize, tc: usize, o: usize, H: usize, one: bool): void {
  const i = sigv(ld(g + o, one));
  const f = sigv(ld(g + H + o, one));
  const cand = tanhv(ld(g + 2 * H + o, one));
  const og = sigv(ld(g + 3 * H + o, one));
  st(g + o, i, one);
  st(g + H + o, f, one);
  st(g + 2 * H + o, cand, one);
  st(g + 3 * H + o, og, one);
  const cell = f32x4.add(f32x4.mul(f, ld(cPrev + o, one)), f32x4.mul(i, cand));
  const th = tanhv(cell);
  st(c + o, cell, one);
  st(tc + o, th, one);
  st(h + o, f32x4.mul(og, th), one);
}

export function lstmCell(g: usize, cPrev: usize, hPrev: usize, c: usize, h: usize, tc: usize, mask: usize, batch: i32, units: i32): void {
  const H = <usize>units * F;
  const h4 = <usize>(units & ~3) * F;
  for (let r = 0; r < batch; r++) {
    const s = <usize>r * H;
    const gr = g + 4 * s;
    if (load<f32>(mask + <usize>r * F) == 0) {
      memory.copy(c + s, cPrev + s, H);
      memory.copy(h + s, hPrev + s, H);
      memory.fill(tc + s, 0, H);
      continue;
    }
    let o: usize = 0;
    for (; o < h4; o += 16) cellAt(gr, cPrev + s, c + s, h + s, tc + s, o, H, false);
    for (; o < H; o += F) cellAt(gr, cPrev + s, c + s, h + s, tc + s, o, H, true);
  }
}

// @ts-ignore: decorator
@inline function cellBackAt(g: usize, cPrev: usize, tc: usize, dOut: usize, dh: usize, dc: usize, dg: usize, o: usize, H: usize, one: bool): void {
  const onev = f32x4.splat(1);
  const dhs = f32x4.add(ld(dh + o, one), ld(dOut + o, one));
  const i = ld(g + o, one);
  const f = ld(g + H + o, one);
  const cand = ld(g + 2 * H + o, one);
  const og = ld(g + 3 * H + o, one);
  const th = ld(tc + o, one);
  const dcs = f32x4.add(ld(dc + o, one), f32x4.mul(f32x4.mul(dhs, og), f32x4.sub(onev, f32x4.mul(th, th))));
  st(dg + o, f32x4.mul(f32x4.mul(f32x4.mul(dcs, cand), i), f32x4.sub(onev, i)), one);
  st(dg + H + o, f32x4.mul(f32x4.mul(f32x4.mul(dcs, ld(cPrev + o, one)), f), f32x4.sub(onev, f)), one);
  st(dg + 2 * H + o, f32x4.mul(f32x4.mul(dcs, i), f32x4.sub(onev, f32x4.mul(cand, cand))), one);
  st(dg + 3 * H + o, f32x4.mul(f32x4.mul(f32x4.mul(dhs, th), og), f32x4.sub(onev, og)), one);
  st(dc + o, f32x4.mul(dcs, f), one);
  st(dh + o, f32x4.splat(0), one);
}

export function lstmCellBackward(g: usize, cPrev: usize, tc: usize, mask: usize, dOut: usize, dh: usize, dc: usize, dg: usize, batch: i32, units: i32): void {
  const H = <usize>units * F;
  const h4 = <usize>(units & ~3) * F;
  for (let r = 0; r < batch; r++) {
    const s = <usize>r * H;
    const gr = g + 4 * s;
    const dgr = dg + 4 * s;
    if (load<f32>(mask + <usize>r * F) == 0) {
      // a carried state passes its gradients through: dh += dOut, dc unchanged, no gate gradient
      let o: usize = 0;
      for (; o < h4; o += 16) v128.store(dh + s + o, f32x4.add(v128.load(dh + s + o), v128.load(dOut + s + o)));
      for (; o < H; o += F) store<f32>(dh + s + o, load<f32>(dh + s + o) + load<f32>(dOut + s + o));
      memory.fill(dgr, 0, 4 * H);
      continue;
    }
    let o: usize = 0;
    for (; o < h4; o += 16) cellBackAt(gr, cPrev + s, tc + s, dOut + s, dh + s, dc + s, dgr, o, H, false);
    for (; o < H; o += F) cellBackAt(gr, cPrev + s, tc + s, dOut + s, dh + s, dc + s, dgr, o, H, true);
  }
}
