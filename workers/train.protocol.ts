import type { RunStage } from '../src/ml/models/loop-utils';

/**
 * The train worker's protocol, whatever it trains. A start request names its `run` kind: the file
 * workers/train-runs/<run>.ts that trains it (a family, or one of a family's modes such as its
 * cross-validation). That file's protocol declares the rest of its request and the events it posts;
 * the worker, its entry and the page's session know only what is here.
 */
export interface TrainStart {
  type: 'train';
  /** the runner: a file name under workers/train-runs/ */
  run: string;
  id: string;
}

/** Messages to the train worker. Every request carries an id that its events echo. */
export type TrainRequest = TrainStart | { type: 'stop'; id: string };

/**
 * A stage of a run beginning, in every family: starting the backend, splitting and preprocessing,
 * uploading the arrays to the device, the first step, evaluating after the last epoch. The page
 * shows it until the first step is read back, so setup time is never shown as "step 0".
 */
export interface StageEvent {
  status: 'stage';
  id: string;
  stage: RunStage;
  /** what the stage works on ("400,000 rows", "wasm"), for the line the page shows */
  detail?: string;
}

/** A run that failed; the worker also posts it for a runner that could not load or threw. */
export interface ErrorEvent {
  status: 'error';
  id: string;
  message: string;
}

/** What any run may post besides its own events. */
export type CommonEvent = StageEvent | ErrorEvent;

/** Sends one of a run's events, moving `transfer`'s buffers to the page. */
export type PostEvent<E> = (ev: E | CommonEvent, transfer?: Transferable[]) => void;

/** What a file of workers/train-runs/ exports as `run`: one run inside the worker; `stopped` reads stop requests. */
export type TrainRunner<R extends TrainStart, E> = (req: R, post: PostEvent<E>, stopped: () => boolean) => Promise<void>;
