import { EarlyStoppingBook, type KeeperState, type StopReason } from '../models/loop-utils';
import type { Workspace } from './workspace';

/**
 * models/loop-utils.ts's WeightKeeper for a flat parameter buffer: the best epoch's parameters
 * (when early stopping restores them) and the last epoch that ended with a finite loss, copied
 * within the engine's memory instead of cloned as tensors.
 */
export class FlatKeeper extends EarlyStoppingBook {
  private readonly best: Float32Array;
  private readonly lastGood: Float32Array;
  private hasBest = false;
  private lastGoodEpoch = 0;

  constructor(
    ws: Workspace,
    size: number,
    private readonly restoreBest: boolean,
  ) {
    super();
    this.best = restoreBest ? ws.alloc(size) : new Float32Array(0);
    this.lastGood = ws.alloc(size);
  }

  /** The weights before training are the first good ones. */
  start(params: Float32Array): void {
    this.lastGood.set(params);
  }

  record(epoch: number, valLoss: number, params: Float32Array): boolean {
    const isBest = this.note(epoch, valLoss);
    if (isBest && this.restoreBest) {
      this.best.set(params);
      this.hasBest = true;
    }
    this.lastGood.set(params);
    this.lastGoodEpoch = epoch;
    return isBest;
  }

  /** As WeightKeeper.restore: puts back the best (or after a non-finite loss the last good) parameters; the epoch restored, or null. */
  restore(reason: StopReason, params: Float32Array): number | null {
    if (this.restoreBest && this.hasBest) {
      params.set(this.best);
      return this.bestEpoch;
    }
    if (reason === 'non-finite-loss') {
      params.set(this.lastGood);
      return this.lastGoodEpoch;
    }
    return null;
  }

  /** The state a checkpoint carries, with the best weights cut as the model's weights are. */
  exportState(like: Float32Array[]): KeeperState {
    let at = 0;
    const best = this.restoreBest && this.hasBest ? like.map((w) => this.best.slice(at, (at += w.length))) : null;
    return { bestValLoss: this.bestValLoss, bestEpoch: this.bestEpoch, sinceBest: this.sinceBest, best };
  }

  /** Takes over a checkpoint's state; `params` already hold the checkpoint's weights, which become the last good ones. */
  importState(s: KeeperState, params: Float32Array, epoch: number): void {
    this.takeBook(s);
    if (this.restoreBest && s.best) {
      let at = 0;
      for (const w of s.best) {
        this.best.set(w, at);
        at += w.length;
      }
      this.hasBest = true;
    }
    this.lastGood.set(params);
    this.lastGoodEpoch = epoch;
  }
}
