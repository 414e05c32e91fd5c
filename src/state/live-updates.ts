import type { EpochMetricRecord, StepMetricRecord } from '../db/records';
import { advanceProgress, type BatchLike } from './live-progress';
import type { LiveRunState } from './live-run';

export interface LiveUpdatesOptions {
  /** the shortest time between two flushes */
  minIntervalMs?: number;
  now?: () => number;
  /** false once the store shows another run: what is buffered then is dropped, not applied to it */
  current?: () => boolean;
  /** schedules a callback after `ms` (a timer in the page; tests drive their own clock) */
  schedule?: (f: () => void, ms: number) => void;
}

/**
 * Runs `apply` at most once per `minIntervalMs`, and never sooner after the previous run than that
 * run took to render (measured up to the first task after it). `apply` says whether it changed
 * anything; `request` asks for a run, `flush` runs it now, `close` runs it a last time and ignores
 * later requests and timers. An urgent request (an event a person waits to see, like a search's
 * trial ending) skips the interval but not the render-cost rule, so however many urgent requests
 * come, rendering still takes at most about half of the main thread.
 */
export function coalesced(apply: () => boolean, o: Omit<LiveUpdatesOptions, 'current'> = {}) {
  const minIntervalMs = o.minIntervalMs ?? 200;
  const now = o.now ?? (() => performance.now());
  const schedule = o.schedule ?? ((f: () => void, ms: number) => void setTimeout(f, ms));
  // the pending timer; a later request due sooner supersedes it (a superseded timer does nothing)
  let timer: { at: number; urgent: boolean } | null = null;
  let runs = 0;
  let nextAllowed = -Infinity;
  // the render-cost rule alone, for urgent requests: Infinity until the last run's cost is measured
  let urgentAllowed = -Infinity;
  let urgentWaiting = false;
  let closed = false;

  const flush = () => {
    const at = now();
    if (!apply()) return;
    const run = ++runs;
    nextAllowed = at + minIntervalMs;
    urgentAllowed = Infinity;
    // the render an update causes runs in a microtask right after; the first task after it sees
    // the whole cost, and the next run waits at least as long again
    schedule(() => {
      const t = now();
      nextAllowed = Math.max(nextAllowed, t + (t - at));
      if (run !== runs) return;
      urgentAllowed = t + (t - at);
      if (urgentWaiting) {
        urgentWaiting = false;
        request(true);
      }
    }, 0);
  };

  const request = (urgent = false): void => {
    if (closed) return;
    const until = urgent ? urgentAllowed : nextAllowed;
    // an urgent request right after a run waits for that run's cost to be known
    if (until === Infinity) return void (urgentWaiting = true);
    const wait = until - now();
    if (wait <= 0) return flush();
    // a timer due by then serves this request too (and, for an urgent one, by the urgent rule)
    if (timer && timer.at <= until) return void (timer.urgent ||= urgent);
    const t = { at: until, urgent };
    timer = t;
    schedule(() => {
      if (timer !== t) return;
      timer = null;
      if (closed) return;
      // the cost measured since may have pushed the next run further out
      if ((t.urgent ? urgentAllowed : nextAllowed) - now() > 1) return request(t.urgent);
      flush();
    }, wait);
  };

  return {
    request,
    flush,
    close() {
      flush();
      closed = true;
    },
  };
}

/**
 * Coalesces a live run's batch and epoch reports into one store update at a time.
 *
 * Why: every store update re-renders the train panel and its charts. A worker reports several
 * batches a second; when one render costs more than the gap between reports (six recharts charts
 * in a development build on a loaded machine take 0.2–1 s), the reports queue up in the page,
 * every later message (the run's 'done', a click's response) waits behind them, and the page
 * stops answering — Stop on a long run then never finished. Here a report only joins a
 * buffer, applied through `coalesced`: rendering then takes at most about half of the main
 * thread whatever the report rate.
 */
export function liveUpdates(set: (p: Partial<LiveRunState>) => void, get: () => LiveRunState, o: LiveUpdatesOptions = {}) {
  let steps: StepMetricRecord[] = [];
  let epochs: EpochMetricRecord[] = [];
  let lastBatch: BatchLike | null = null;
  let memoryWarning: string | null = null;
  let sawBatch = false;
  let sawEpoch = false;

  const pending = () => steps.length > 0 || epochs.length > 0 || lastBatch !== null || memoryWarning !== null;

  const apply = (): boolean => {
    if (!pending()) return false;
    if (o.current && !o.current()) {
      steps = [];
      epochs = [];
      lastBatch = null;
      memoryWarning = null;
      return false;
    }
    const cur = get();
    const patch: Partial<LiveRunState> = {};
    if (steps.length) patch.steps = cur.steps.concat(steps);
    if (epochs.length) patch.epochs = cur.epochs.concat(epochs);
    if (lastBatch) patch.progress = advanceProgress(cur.progress, lastBatch);
    if (memoryWarning) patch.memoryWarning = memoryWarning;
    // a batch ends the stages before the first step; an epoch ends them too, except the final
    // evaluation (families without batch reads, cross-validation and trees, report it before their last epoch)
    if (sawBatch || (sawEpoch && cur.runStage?.name !== 'evaluate')) patch.runStage = null;
    steps = [];
    epochs = [];
    lastBatch = null;
    memoryWarning = null;
    sawBatch = false;
    sawEpoch = false;
    set(patch);
    return true;
  };
  const c = coalesced(apply, o);

  return {
    batch(rec: StepMetricRecord, ev: BatchLike) {
      steps.push(rec);
      lastBatch = ev;
      sawBatch = true;
      c.request();
    },
    epoch(rec: EpochMetricRecord, warning?: string) {
      epochs.push(rec);
      if (warning) memoryWarning = warning;
      sawEpoch = true;
      c.request();
    },
    /** applies what is buffered now: before any update that must follow the reports in order */
    flush: c.flush,
    /** the run is over: applies what is buffered and ignores late timers */
    close: c.close,
  };
}
