/**
 * Stop requests inside a worker. A stop arrives two ways: as a 'stop' message, which the worker
 * sees only when its loop yields (the loops' StepPacer yields every ~100 ms), and, where the page
 * is cross-origin isolated, as a flag in a SharedArrayBuffer the page flips (see `stopFlag` on the
 * start request), which the loop reads before every step at the cost of one atomic load.
 */
export class StopRequests {
  private readonly requested = new Set<string>();
  private readonly flags = new Map<string, Int32Array>();

  /** A run starts: remember its shared flag, when it came with one. */
  watch(req: { id: string; stopFlag?: Int32Array }): void {
    if (req.stopFlag) this.flags.set(req.id, req.stopFlag);
  }

  request(id: string): void {
    this.requested.add(id);
  }

  has(id: string): boolean {
    if (this.requested.has(id)) return true;
    const flag = this.flags.get(id);
    return flag !== undefined && Atomics.load(flag, 0) !== 0;
  }

  /** `has` bound to one run, for a loop's shouldStop. */
  of(id: string): () => boolean {
    return () => this.has(id);
  }

  done(id: string): void {
    this.requested.delete(id);
    this.flags.delete(id);
  }
}
