import type { Rng } from '../../data/rng';
import type { DenseNetSpec } from '../dense-net';
import type { AdamSnapshot } from '../engine-checkpoint';
import { FlatKeeper } from '../flat-keeper';
import { Workspace } from '../workspace';
import { GpuDenseNet, type GpuNetOptions, type ReadPart } from './gpu-net';
import { checkedSetup } from './gpu-resources';
import { BiasCorrection, drawMasks } from './step-inputs';

/**
 * The parts of a training loop on a GpuDenseNet that every GPU fit shares (fit-dense-gpu.ts's and
 * the pair-margin fit's): setup inside the device's error scopes and
 * teardown, a keeper on the host, the step (dropout masks drawn in DenseNet.forward's order, Adam's
 * bias corrections, the slot write), the loss reads, the pacer's sync, chunked forwards whose first
 * read brings back the epoch's losses and parameters, and the epoch's mean loss.
 */
export class GpuLoop {
  readonly masks: Float32Array[];
  /** a host-side keeper: it reads the parameters the epoch read brings back */
  readonly keeper: FlatKeeper;

  private constructor(
    readonly net: GpuDenseNet,
    private readonly device: GPUDevice,
    readonly spec: DenseNetSpec,
    stepRows: number,
    restoreBest: boolean,
    private readonly dropRng: Rng | undefined,
    readonly bias: BiasCorrection,
  ) {
    this.masks = dropRng ? spec.hidden.map((w) => new Float32Array(stepRows * w)) : [];
    this.keeper = new FlatKeeper(Workspace.sized(2 * net.layout.size + 256), net.layout.size, restoreBest);
  }

  /**
   * Sets up the net (a device that refuses it throws a plain error), runs `body` on the loop and
   * frees every buffer however it ends. `o.batchRows` is the rows of a step's forward.
   */
  static async run<T>(device: GPUDevice, spec: DenseNetSpec, o: GpuNetOptions, loop: { restoreBest: boolean; dropRng?: Rng; bias?: BiasCorrection }, body: (l: GpuLoop) => Promise<T>): Promise<T> {
    const net = await checkedSetup(device, () => new GpuDenseNet(device, spec, o), (n) => n.destroy());
    try {
      return await body(new GpuLoop(net, device, spec, o.batchRows, loop.restoreBest, loop.dropRng, loop.bias ?? new BiasCorrection()));
    } finally {
      net.destroy();
    }
  }

  get size(): number {
    return this.net.layout.size;
  }

  /** A pause lets the device catch up: submit what is recorded and wait for it. */
  readonly sync = (): Promise<void> => {
    this.net.flush();
    return this.device.queue.onSubmittedWorkDone();
  };

  /** Queues one training step of `rows` forward rows (its masks drawn here); its loss goes to entry `lossAt`. */
  step(x: Float32Array, targets: Float32Array, rows: number, lossAt: number): void {
    if (this.dropRng) drawMasks(this.spec, rows, this.dropRng, this.masks);
    const [c1, c2] = this.bias.next();
    this.net.queueStep(x, targets, this.masks, rows, lossAt, c1, c2);
  }

  /** The loss of the step at entry `at` (a device sync: only at BatchReads' read points). */
  async loss(at: number): Promise<number> {
    const [l] = await this.net.read([{ src: this.net.b.losses, at, floats: 1 }]);
    return l[0];
  }

  /** Adam's state now, its moments read back from the GPU: only when a checkpoint is due. */
  async adam(): Promise<AdamSnapshot> {
    const [m, v] = await this.net.read([
      { src: this.net.b.m, at: 0, floats: this.size },
      { src: this.net.b.v, at: 0, floats: this.size },
    ]);
    return { step: this.bias.step, m, v, accBeta: this.bias.accBeta };
  }

  /** The current parameters (after every recorded step). */
  async params(): Promise<Float32Array> {
    const [p] = await this.net.read([{ src: this.net.b.params, at: 0, floats: this.size }]);
    return p;
  }

  /**
   * The no-dropout forward of `n` rows of x (row-major, inputDim wide), in chunks of `chunk` rows;
   * `each` gets every chunk's outputs. The first chunk's read also brings back the first `steps`
   * losses and the parameters: one map per epoch for them all (n = 0 still reads them).
   */
  async forwardChunks(x: Float32Array, n: number, chunk: number, steps: number, each: (out: Float32Array, start: number, rows: number) => void): Promise<{ losses: Float32Array; params: Float32Array }> {
    const d = this.spec.inputDim;
    let losses: Float32Array = new Float32Array(0);
    let params: Float32Array = new Float32Array(0);
    for (let s = 0; s === 0 || s < n; s += chunk) {
      const rows = Math.min(chunk, n - s);
      const also: ReadPart[] = s === 0 ? [{ src: this.net.b.losses, at: 0, floats: steps }, { src: this.net.b.params, at: 0, floats: this.size }] : [];
      const r = await this.net.forwardRead(x.subarray(s * d, (s + rows) * d), rows, also);
      if (s === 0) [losses, params] = r.parts;
      each(r.logits, s, rows);
    }
    return { losses, params };
  }
}

/** The epoch's training loss: the steps' losses weighted by their pairs or rows; bad when one is not finite. */
export function epochLoss(losses: Float32Array, sizes: number[]): { mean: number; bad: boolean } {
  let sum = 0;
  let seen = 0;
  let bad = false;
  sizes.forEach((n, i) => {
    if (!Number.isFinite(losses[i])) bad = true;
    sum += losses[i] * n;
    seen += n;
  });
  return { mean: sum / Math.max(seen, 1), bad };
}
