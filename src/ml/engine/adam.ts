import type { Kernels } from './kernels';
import type { Workspace } from './workspace';

export interface AdamConfig {
  learningRate: number;
  beta1?: number;
  beta2?: number;
  /** TF.js's default is its backend epsilon, 1e-7 in float32 */
  epsilon?: number;
}

/** Adam's state as plain data: what a checkpoint carries so a resumed run updates exactly as an uninterrupted one. */
export interface AdamState {
  step: number;
  m: Float32Array;
  v: Float32Array;
  /** β1^t and β2^t as float32 running products (TF.js keeps them so; see models/tf-checkpoint.ts) */
  accBeta: [number, number];
}

/**
 * Adam over one flat parameter buffer, one kernel call per step, with TF.js's bias correction:
 * the running products β1^t and β2^t start at β1 and β2, are float32 (TF.js's scalars), and are
 * multiplied after each update; the corrections are 1 − those products, rounded to float32 too.
 */
export class Adam {
  readonly m: Float32Array;
  readonly v: Float32Array;
  private t = 0;
  private acc1: number;
  private acc2: number;
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly eps: number;

  constructor(
    private readonly k: Kernels,
    readonly size: number,
    ws: Workspace,
    private readonly c: AdamConfig,
  ) {
    this.m = ws.alloc(size);
    this.v = ws.alloc(size);
    this.beta1 = c.beta1 ?? 0.9;
    this.beta2 = c.beta2 ?? 0.999;
    this.eps = c.epsilon ?? 1e-7;
    this.acc1 = Math.fround(this.beta1);
    this.acc2 = Math.fround(this.beta2);
  }

  step(params: Float32Array, grad: Float32Array): void {
    this.t++;
    const c1 = Math.fround(1 - this.acc1);
    const c2 = Math.fround(1 - this.acc2);
    this.k.adam(params, grad, this.m, this.v, this.size, this.c.learningRate, this.beta1, this.beta2, this.eps, c1, c2);
    this.acc1 = Math.fround(this.acc1 * Math.fround(this.beta1));
    this.acc2 = Math.fround(this.acc2 * Math.fround(this.beta2));
  }

  get steps(): number {
    return this.t;
  }

  exportState(): AdamState {
    return { step: this.t, m: this.m.slice(), v: this.v.slice(), accBeta: [this.acc1, this.acc2] };
  }

  importState(s: AdamState): void {
    this.t = s.step;
    this.m.set(s.m);
    this.v.set(s.v);
    [this.acc1, this.acc2] = s.accBeta;
  }
}
