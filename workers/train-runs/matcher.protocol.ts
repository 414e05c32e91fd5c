import type { Frame } from '../../src/ml/data/frame';
import type { MatcherColumns } from '../../src/ml/models/matcher/matcher-data';
import type { CommonEvent, TrainStart } from '../train.protocol';
import type { MatcherRunResult, MatcherStage, MatcherTrainConfig } from '../../src/ml/models/matcher/train-matcher';

/**
 * A candidate–job matcher run (TF-IDF and small linear fits in plain JavaScript: no TF.js).
 * The same frame may be sent as candidates, jobs and pairs (one scores table holding both sides'
 * texts); structured clone keeps one copy.
 */
export interface MatcherTrainRequest extends TrainStart {
  run: 'matcher';
  tables: { candidates: { name: string; frame: Frame }; jobs: { name: string; frame: Frame }; pairs: { name: string; frame: Frame } };
  columns: MatcherColumns;
  config: MatcherTrainConfig;
}

/** 'init' reports what was joined; 'batch' is one stage starting (stage index of `stages`). */
export type MatcherEvent =
  | { status: 'init'; id: string; pairs: number; candidates: number; jobs: number; skipped: number; skippedExamples: string[] }
  | { status: 'batch'; id: string; stage: MatcherStage; index: number; stages: number; elapsedMs: number }
  | { status: 'done'; id: string; result: MatcherRunResult }
  | CommonEvent;

export const MATCHER_STAGES: readonly MatcherStage[] = ['tfidf', 'similarities', 'weights', 'evaluate'];
