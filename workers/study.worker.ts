/// <reference lib="webworker" />
import { selectBackend } from '../src/ml/backends/tf-backend';
import { familyById } from '../src/ml/models/families';
import { TeamClient } from '../src/team/client';
import { StudyClient } from '../src/team/study-client';
import { workStudy } from '../src/team/study-worker';
import { configureWorkerWasm } from './wasm-binaries';
import { engineSetup } from './engine-setup';
import { StopRequests } from './stop-requests';
import type { StudyJoin, StudyRequest, StudyWorkerEventMsg } from './study.protocol';

declare const self: DedicatedWorkerGlobalScope;

configureWorkerWasm();
const stops = new StopRequests();
const post = (ev: StudyWorkerEventMsg) => self.postMessage(ev);

/** The same loop as `kiln tune --worker` (src/team/study-worker.ts), the family's search training each trial on the recipe's engine. */
async function join(req: StudyJoin): Promise<void> {
  const stopped = stops.of(req.id);
  const family = familyById(req.recipe.family);
  if (!family) throw new Error(`this studio has no ${req.recipe.family} family`);
  const input = family.tables.input(req.tables, req.recipe.config, req.recipe.options);
  const base = family.studyOf.base(req.recipe.config);
  let engine: unknown;
  if (family.search.engine) {
    // the CPU path the recipe names, as kiln train and the CLI workers train it
    const choice = await selectBackend('wasm');
    engine = (await engineSetup(req.recipe.engine === 'tfjs' ? 'tfjs' : 'kiln', 'wasm', choice.backend, family.search.engine.what(base, []), { gpuPath: false })).engine;
  }
  post({ status: 'stage', id: req.id, detail: family.search.describeInput(family.studyOf.input(input, req.recipe.config)) });
  const prepared = await family.search.prepare({ input: family.studyOf.input(input, req.recipe.config), base, metric: req.metric, engine });
  const summary = await workStudy({
    studies: new StudyClient(new TeamClient(req.server, req.token)),
    study: req.study,
    worker: req.worker,
    leaseSeconds: req.leaseSeconds,
    direction: req.direction,
    shouldStop: stopped,
    runTrial: (params, report, shouldStop) => prepared.runTrial(family.search.applyParams(base, params), report, { shouldStop }),
    onEvent: (event) => post({ status: 'event', id: req.id, event }),
  });
  post({ status: 'done', id: req.id, summary });
}

self.onmessage = (e: MessageEvent<StudyRequest>) => {
  const req = e.data;
  if (req.type === 'stop') return stops.request(req.id);
  join(req).catch((err: unknown) => post({ status: 'error', id: req.id, message: err instanceof Error ? err.message : String(err) }));
};
