import type {
  ConflictBody,
  CreatedToken,
  ModelDetail,
  ModelSummary,
  ModelVersion,
  MoveRequest,
  MoveResult,
  PushResult,
  RegisterRequest,
  RemoteRun,
  RemoteRunDetail,
  RollbackRequest,
  RunFilter,
  RunPush,
  Scope,
  TokenInfo,
  WhoAmI,
} from './api';

/** A refusal from the Kiln server: its HTTP status, its error code, and on a 409 move where the alias is now. */
export class TeamApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly current?: string | null,
  ) {
    super(message);
    this.name = 'TeamApiError';
  }

  get conflict(): boolean {
    return this.status === 409;
  }
}

/** The Kiln server's team API over fetch: the studio and the CLI share it. */
export class TeamClient {
  readonly base: string;
  constructor(
    base: string,
    private readonly token: string,
    private readonly fetchImpl: typeof fetch = (...a) => fetch(...a),
  ) {
    this.base = base.replace(/\/+$/, '');
  }

  async raw(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    let res: Response;
    try {
      res = await this.fetchImpl(`${this.base}${path}`, {
        method,
        headers: { authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (e) {
      throw new TeamApiError(0, 'unreachable', `cannot reach the Kiln server at ${this.base} (${e instanceof Error ? e.message : String(e)}): is it running, and does it allow this origin?`);
    }
    if (!res.ok && res.status !== 304) {
      const b = (await res.json().catch(() => null)) as (Partial<ConflictBody> & { error?: { code: string; message: string } }) | null;
      throw new TeamApiError(res.status, b?.error?.code ?? 'http', b?.error?.message ?? `HTTP ${res.status} from ${method} ${path}`, b && 'current' in b ? b.current : undefined);
    }
    return res;
  }

  private async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    return (await (await this.raw(method, path, body)).json()) as T;
  }

  whoami = () => this.json<WhoAmI>('GET', '/whoami');
  push = (run: RunPush) => this.json<PushResult>('POST', '/runs', run);
  runs = (filter: RunFilter = {}) => {
    const q = new URLSearchParams(Object.entries(filter).flatMap(([k, v]) => (v === undefined || v === '' ? [] : [[k, String(v)]])));
    return this.json<{ runs: RemoteRun[] }>('GET', `/runs${q.size ? `?${q}` : ''}`).then((r) => r.runs);
  };
  run = (id: string) => this.json<RemoteRunDetail>('GET', `/runs/${encodeURIComponent(id)}`);
  artifact = async (runId: string, name: string) => new Uint8Array(await (await this.raw('GET', `/runs/${encodeURIComponent(runId)}/artifacts/${name.split('/').map(encodeURIComponent).join('/')}`)).arrayBuffer());
  models = () => this.json<{ models: ModelSummary[] }>('GET', '/models').then((r) => r.models);
  model = (type: string) => this.json<ModelDetail>('GET', `/models/${encodeURIComponent(type)}`);
  register = (type: string, req: RegisterRequest) => this.json<ModelVersion>('POST', `/models/${encodeURIComponent(type)}/versions`, req);
  move = (type: string, alias: string, req: MoveRequest) => this.json<MoveResult>('POST', `/models/${encodeURIComponent(type)}/aliases/${encodeURIComponent(alias)}`, req);
  rollback = (type: string, alias: string, req: RollbackRequest) => this.json<MoveResult>('POST', `/models/${encodeURIComponent(type)}/aliases/${encodeURIComponent(alias)}/rollback`, req);
  aliasAt = (type: string, alias: string, at?: number) =>
    this.json<{ version: string | null }>('GET', `/models/${encodeURIComponent(type)}/aliases/${encodeURIComponent(alias)}${at === undefined ? '' : `?at=${Math.floor(at)}`}`).then((r) => r.version);
  createToken = (holder: string, scopes: Scope[]) => this.json<CreatedToken>('POST', '/tokens', { holder, scopes });
  tokens = () => this.json<{ tokens: TokenInfo[] }>('GET', '/tokens').then((r) => r.tokens);
  revokeToken = (id: string) => this.json<TokenInfo>('POST', `/tokens/${encodeURIComponent(id)}/revoke`, {});
}
