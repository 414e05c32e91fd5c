import type { Frame } from '../src/ml/data/frame';
import type { MatcherColumns } from '../src/ml/models/matcher/matcher-data';
import type { MatcherRunResult, MatcherStage, MatcherTrainConfig } from '../src/ml/models/matcher/train-matcher';

/**
 * Messages to the matcher worker (TF-IDF and small linear fits in plain JavaScript: no TF.js).
 * The same frame may be sent as candidates, jobs and pairs (one scores table holding both sides'
 * texts); structured clone keeps one copy.
 */
export type MatcherRequest =
  | {
      type: 'train-matcher';
      id: string;
      tables: { candidates: { name: string; frame: Frame }; jobs: { name: string; frame: Frame }; pairs: { name: string; frame: Frame } };
      columns: MatcherColumns;
      config: MatcherTrainConfig;
    }
  | { type: 'stop'; id: string };

/** 'init' reports what was joined; 'batch' is one stage starting (stage index of `stages`). */
export type MatcherEvent =
  | { status: 'init'; id: string; pairs: number; candidates: number; jobs: number; skipped: number; skippedExamples: string[] }
  | { status: 'batch'; id: string; stage: MatcherStage; index: number; stages: number; elapsedMs: number }
  | { status: 'done'; id: string; result: MatcherRunResult }
  | { status: 'error'; id: string; message: string };

export const MATCHER_STAGES: readonly MatcherStage[] = ['tfidf', 'similarities', 'weights', 'evaluate'];
