import type { MetricMap } from '../ml/metrics/evaluate';
import type { FamilyEpoch } from '../ml/models/family';

type Out = (s: string) => void;

export interface Progress {
  stage(stage: string, detail?: string): void;
  epoch(e: FamilyEpoch): void;
  note(text: string): void;
  done(metrics: MetricMap): void;
}

const num = (v: number) => (Number.isFinite(v) ? v.toPrecision(4) : String(v));

/**
 * Training progress: JSON lines on stdout with --json (what a pipeline parses), a bar redrawn in
 * place on a terminal, one line per step otherwise (a CI log).
 */
export function progressReporter(o: { json: boolean; out: Out; err: Out; total: number | null; tty?: boolean }): Progress {
  const tty = o.tty ?? !!process.stderr.isTTY;
  const line = (obj: Record<string, unknown>) => o.out(`${JSON.stringify(obj, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v))}\n`);
  let drew = false;
  return {
    stage(stage, detail) {
      if (o.json) line({ event: 'stage', stage, detail });
      else o.err(`${drew ? '\n' : ''}kiln: ${stage}${detail ? `: ${detail}` : ''}\n`);
      drew = false;
    },
    epoch(e) {
      if (o.json) return line({ event: 'epoch', epoch: e.epoch, total: o.total, trainLoss: e.trainLoss, valLoss: e.valLoss, metrics: e.metrics, elapsedMs: e.elapsedMs });
      const of = o.total ? `${e.epoch}/${o.total}` : String(e.epoch);
      const text = `${of}  train ${num(e.trainLoss)}  val ${num(e.valLoss)}${e.isBest ? '  *' : ''}`;
      if (tty && o.total) {
        const w = 30;
        const filled = Math.min(w, Math.round((w * e.epoch) / o.total));
        o.err(`\r[${'#'.repeat(filled)}${' '.repeat(w - filled)}] ${text}   `);
        drew = true;
      } else o.err(`kiln: ${text}\n`);
    },
    note(text) {
      if (o.json) line({ event: 'note', text });
      else o.err(`${drew ? '\n' : ''}kiln: ${text}\n`);
      drew = false;
    },
    done(metrics) {
      if (o.json) line({ event: 'done', metrics });
      else if (drew) o.err('\n');
      drew = false;
    },
  };
}
