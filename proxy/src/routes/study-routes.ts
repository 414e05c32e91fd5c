import type { FastifyInstance } from 'fastify';
import type { ClaimRequest, CreateStudy, TrialFinish, TrialReport } from '../../../src/team/study-api';
import { ApiError } from '../errors';
import { claimTrial, createStudy, finishTrial, getStudy, heartbeat, listStudies, reportValue } from '../store/studies';
import type { TeamStore } from '../store/team-store';
import { principalOf } from './auth';

const NAME = { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$' } as const;
const STUDY_PARAMS = { type: 'object', required: ['name'], properties: { name: NAME } } as const;
const TRIAL_PARAMS = { type: 'object', required: ['name', 'number'], properties: { name: NAME, number: { type: 'string', pattern: '^[0-9]{1,6}$' } } } as const;
const ATTEMPT = { type: 'integer', minimum: 1 } as const;

const CREATE = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'recipe', 'spec'],
  properties: {
    name: NAME,
    recipe: { type: 'object' },
    spec: {
      type: 'object',
      required: ['space', 'trials', 'sampler', 'seed', 'metric', 'direction', 'pruner'],
      properties: {
        space: { type: 'array', maxItems: 64 },
        trials: { type: 'integer', minimum: 1, maximum: 500 },
        sampler: { enum: ['random', 'tpe'] },
        seed: { type: 'integer' },
        metric: { type: 'string', maxLength: 100 },
        direction: { enum: ['maximize', 'minimize'] },
        pruner: { anyOf: [{ type: 'null' }, { type: 'object', required: ['minResource', 'reductionFactor'] }] },
      },
    },
    leaseSeconds: { type: 'integer', minimum: 2, maximum: 86400 },
    maxAttempts: { type: 'integer', minimum: 1, maximum: 100 },
  },
} as const;

/** Distributed studies: any number of workers claim trials, report on their way, and finish them (src/team/study-api.ts). */
export function registerStudyRoutes(app: FastifyInstance, store: TeamStore): void {
  const pool = store.db.pool;
  const num = (s: string) => Number(s);

  app.get('/studies', { config: { need: 'read' } }, async () => ({ studies: await listStudies(pool) }));

  app.post<{ Body: CreateStudy }>('/studies', { config: { need: 'track' }, schema: { body: CREATE } }, async (req, reply) => {
    const r = await createStudy(pool, req.body, principalOf(req).holder);
    return reply.code(r.created ? 201 : 200).send(r);
  });

  app.get<{ Params: { name: string } }>('/studies/:name', { config: { need: 'read' }, schema: { params: STUDY_PARAMS } }, async (req) => {
    const s = await getStudy(pool, req.params.name);
    if (!s) throw new ApiError(404, 'not_found', `no study named ${req.params.name}`);
    return s;
  });

  app.post<{ Params: { name: string }; Body: ClaimRequest }>(
    '/studies/:name/claim',
    { config: { need: 'track' }, schema: { params: STUDY_PARAMS, body: { type: 'object', required: ['worker'], properties: { worker: { type: 'string', minLength: 1, maxLength: 200 } } } } },
    async (req) => claimTrial(pool, req.params.name, `${req.body.worker} (${principalOf(req).holder})`),
  );

  app.post<{ Params: { name: string; number: string }; Body: { attempt: number } }>(
    '/studies/:name/trials/:number/heartbeat',
    { config: { need: 'track' }, schema: { params: TRIAL_PARAMS, body: { type: 'object', required: ['attempt'], properties: { attempt: ATTEMPT } } } },
    async (req) => heartbeat(pool, req.params.name, num(req.params.number), req.body.attempt),
  );

  app.post<{ Params: { name: string; number: string }; Body: TrialReport }>(
    '/studies/:name/trials/:number/report',
    {
      config: { need: 'track' },
      schema: { params: TRIAL_PARAMS, body: { type: 'object', additionalProperties: false, required: ['attempt', 'step', 'value'], properties: { attempt: ATTEMPT, step: { type: 'integer', minimum: 0 }, value: { type: ['number', 'null'] } } } },
    },
    async (req) => reportValue(pool, req.params.name, num(req.params.number), req.body),
  );

  app.post<{ Params: { name: string; number: string }; Body: TrialFinish }>(
    '/studies/:name/trials/:number/finish',
    {
      config: { need: 'track' },
      schema: {
        params: TRIAL_PARAMS,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['attempt', 'state', 'value', 'steps', 'durationMs'],
          properties: {
            attempt: ATTEMPT,
            state: { enum: ['complete', 'pruned', 'failed'] },
            value: { type: ['number', 'null'] },
            steps: { type: 'integer', minimum: 0 },
            durationMs: { type: 'number', minimum: 0 },
            error: { type: 'string', maxLength: 10_000 },
            prunedAt: { type: 'integer', minimum: 0 },
          },
        },
      },
    },
    async (req) => finishTrial(pool, req.params.name, num(req.params.number), req.body),
  );
}
