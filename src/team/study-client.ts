import type { ClaimResult, CreateStudy, RemoteTrial, StudyDetail, StudySummary, TrialFinish, TrialReport } from './study-api';
import type { TeamClient } from './client';

/** The study half of the Kiln server's API, over the team client's fetch and errors. */
export class StudyClient {
  constructor(private readonly team: TeamClient) {}

  private async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    return (await (await this.team.raw(method, path, body)).json()) as T;
  }

  private path(name: string, rest = '') {
    return `/studies/${encodeURIComponent(name)}${rest}`;
  }

  list = () => this.json<{ studies: StudySummary[] }>('GET', '/studies').then((r) => r.studies);
  create = (s: CreateStudy) => this.json<{ created: boolean; study: StudySummary }>('POST', '/studies', s);
  get = (name: string) => this.json<StudyDetail>('GET', this.path(name));
  claim = (name: string, worker: string) => this.json<ClaimResult>('POST', this.path(name, '/claim'), { worker });
  heartbeat = (name: string, n: number, attempt: number) => this.json<{ leaseUntil: number }>('POST', this.path(name, `/trials/${n}/heartbeat`), { attempt });
  report = (name: string, n: number, r: TrialReport) => this.json<{ verdict: 'continue' | 'prune'; leaseUntil: number }>('POST', this.path(name, `/trials/${n}/report`), r);
  finish = (name: string, n: number, f: TrialFinish) => this.json<RemoteTrial>('POST', this.path(name, `/trials/${n}/finish`), f);
}
