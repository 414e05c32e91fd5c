/**
 * Query strings stay strings (the server coerces no types: see buildServer), so numbers in them are
 * patterns here and parsed in the route.
 */
/** JSON schemas of the team API's bodies and queries (shapes in src/team/api.ts): a malformed request is a 400 before any handler runs. */
const id = { type: 'string', minLength: 1, maxLength: 200 } as const;
const text = (max: number) => ({ type: 'string', maxLength: max }) as const;
const time = { type: ['integer', 'null'], minimum: 0 } as const;
const version = { type: 'string', minLength: 3, maxLength: 200, pattern: '^[a-z][a-z0-9_]*_v[0-9]+\\.[0-9]+(-[a-z0-9_-]+)?$' } as const;
const nullableVersion = { anyOf: [version, { type: 'null' }] } as const;

export const RUN_PUSH = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name', 'family', 'status', 'config', 'metrics', 'tags', 'notes', 'series', 'artifacts'],
  properties: {
    id,
    project: id,
    experiment: id,
    name: text(500),
    family: { type: 'string', pattern: '^[a-z][a-z0-9_-]{0,63}$' },
    status: { type: 'string', pattern: '^[a-z][a-z0-9_-]{0,63}$' },
    engine: { type: ['string', 'null'], maxLength: 200 },
    datasetName: { type: ['string', 'null'], maxLength: 500 },
    datasetFingerprint: { type: ['string', 'null'], maxLength: 200 },
    config: { type: 'object' },
    metrics: { type: 'object', additionalProperties: { type: ['number', 'null'] } },
    tags: { type: 'array', maxItems: 100, items: { type: 'string', minLength: 1, maxLength: 100 } },
    notes: text(100_000),
    startedAt: time,
    finishedAt: time,
    series: {
      type: 'array',
      maxItems: 1_000_000,
      items: { type: 'object', additionalProperties: false, required: ['kind', 'seq', 'data'], properties: { kind: { type: 'string', minLength: 1, maxLength: 64 }, seq: { type: 'integer', minimum: 0, maximum: 2147483647 }, data: { type: 'object' } } },
    },
    artifacts: {
      type: 'array',
      maxItems: 64,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'mediaType', 'size', 'sha256', 'base64'],
        properties: {
          name: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9][A-Za-z0-9._/-]*$' },
          mediaType: { type: 'string', minLength: 1, maxLength: 200 },
          size: { type: 'integer', minimum: 0 },
          sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
          base64: { type: 'string' },
        },
      },
    },
  },
} as const;

export const RUN_QUERY = {
  type: 'object',
  additionalProperties: false,
  properties: {
    family: text(64),
    author: text(200),
    tag: text(100),
    status: text(64),
    project: text(200),
    experiment: text(200),
    q: text(200),
    limit: { type: 'string', pattern: '^(1000|[1-9][0-9]{0,2})$' },
    before: { type: 'string', pattern: '^[0-9]{1,15}$' },
  },
} as const;

export const MODEL_TYPE_PARAM = { type: 'string', minLength: 1, maxLength: 100, pattern: '^[a-z][a-z0-9]*(_[a-z0-9]+)*$' } as const;
export const ALIAS_PARAM = { type: 'string', pattern: '^[a-z][a-z0-9_-]{0,62}$' } as const;

export const REGISTER = {
  type: 'object',
  additionalProperties: false,
  required: ['runId'],
  properties: { runId: id, version, bump: { type: 'string', enum: ['minor', 'major'] }, suffix: { type: ['string', 'null'], maxLength: 64 }, note: text(2000) },
} as const;

export const MOVE = {
  type: 'object',
  additionalProperties: false,
  required: ['to', 'expected'],
  properties: { to: nullableVersion, expected: nullableVersion, note: text(2000) },
} as const;

export const ROLLBACK = {
  type: 'object',
  additionalProperties: false,
  required: ['expected'],
  properties: { expected: nullableVersion, note: text(2000) },
} as const;

export const TOKEN_CREATE = {
  type: 'object',
  additionalProperties: false,
  required: ['holder', 'scopes'],
  properties: { holder: { type: 'string', minLength: 1, maxLength: 200 }, scopes: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', enum: ['export', 'track', 'promote', 'admin'] } } },
} as const;

export const AT_QUERY = { type: 'object', additionalProperties: false, properties: { at: { type: 'string', pattern: '^[0-9]{1,15}$' } } } as const;
