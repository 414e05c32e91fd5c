import type { DatasetRecord } from '../../db/records';
import type { MatcherColumns } from '../../ml/models/matcher/matcher-data';
import type { MatcherTrainConfig } from '../../ml/models/matcher/train-matcher';
import type { MatcherSetup } from '../../state/matcher-setup';
import { useMatcher } from '../../state/matcher-store';
import { NumberField } from '../train/NumberField';
import { SectionsEditor } from './SectionsEditor';

function ColumnSelect(p: { label: string; value: string | null; columns: string[]; onChange: (v: string | null) => void; testId: string; optional?: boolean }) {
  return (
    <label>
      {p.label}
      <select data-testid={p.testId} value={p.value ?? ''} onChange={(e) => p.onChange(e.target.value === '' ? null : e.target.value)}>
        {p.optional && <option value="">(none)</option>}
        {p.columns.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * Which tables to join and how: the selected dataset holds the labeled pairs; candidates and jobs
 * are loaded datasets (or the pairs table itself); sections pair a candidate text column with a
 * job text column; then the weights to compare and the TF-IDF settings.
 */
export function MatcherSetupForm({ pairs, datasets, setup }: { pairs: DatasetRecord; datasets: DatasetRecord[]; setup: MatcherSetup }) {
  const update = useMatcher((s) => s.update);
  const up = (f: (s: MatcherSetup) => MatcherSetup) => update(pairs.id, f);
  const cols = (f: (c: MatcherColumns) => MatcherColumns) => up((s) => ({ ...s, columns: f(s.columns) }));
  const cfg = (p: Partial<MatcherTrainConfig>) => up((s) => ({ ...s, config: { ...s.config, ...p } }));
  const tf = (p: Partial<MatcherTrainConfig['tfidf']>) => up((s) => ({ ...s, config: { ...s.config, tfidf: { ...s.config.tfidf, ...p } } }));
  const names = (id: string) => (datasets.find((d) => d.id === id)?.stats ?? []).map((s) => s.name);
  const candidateCols = names(setup.candidatesId);
  const jobCols = names(setup.jobsId);
  const pairCols = pairs.stats.map((s) => s.name);
  const c = setup.columns;
  const t = setup.config.tfidf;
  const tablePicker = (label: string, value: string, key: 'candidatesId' | 'jobsId', testId: string) => (
    <label>
      {label}
      <select data-testid={testId} value={value} onChange={(e) => up((s) => ({ ...s, [key]: e.target.value }))}>
        {datasets.map((d) => (
          <option key={d.id} value={d.id}>
            {d.name}
            {d.id === pairs.id ? ' (this table)' : ''} · {d.rowCount.toLocaleString()} rows
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <section className="card" aria-label="Matcher setup" data-testid="matcher-setup">
      <h2>Candidate–job matcher</h2>
      <p className="muted">
        Labeled pairs come from <strong>{pairs.name}</strong>. Section texts come from the candidates and jobs tables, joined on their ids (pick this table for both when it carries the texts itself). A candidate&apos;s work-history JSON is
        flattened into experience text.
      </p>
      <div className="form-grid">
        {tablePicker('Candidates table', setup.candidatesId, 'candidatesId', 'matcher-candidates-table')}
        <ColumnSelect label="Candidate id" value={c.candidateId} columns={candidateCols} onChange={(v) => cols((x) => ({ ...x, candidateId: v ?? '' }))} testId="matcher-candidate-id" />
        {tablePicker('Jobs table', setup.jobsId, 'jobsId', 'matcher-jobs-table')}
        <ColumnSelect label="Job id" value={c.jobId} columns={jobCols} onChange={(v) => cols((x) => ({ ...x, jobId: v ?? '' }))} testId="matcher-job-id" />
        <ColumnSelect label="Pair: candidate id" value={c.pairCandidate} columns={pairCols} onChange={(v) => cols((x) => ({ ...x, pairCandidate: v ?? '' }))} testId="matcher-pair-candidate" />
        <ColumnSelect label="Pair: job id" value={c.pairJob} columns={pairCols} onChange={(v) => cols((x) => ({ ...x, pairJob: v ?? '' }))} testId="matcher-pair-job" />
        <ColumnSelect label="Label (0 / 1)" value={c.label} columns={pairCols} optional onChange={(v) => cols((x) => ({ ...x, label: v }))} testId="matcher-label" />
        <ColumnSelect label="Graded score" value={c.score} columns={pairCols} optional onChange={(v) => cols((x) => ({ ...x, score: v }))} testId="matcher-score" />
      </div>
      <SectionsEditor
        sections={c.sections}
        weights={setup.config.fixedWeights}
        candidateColumns={candidateCols}
        jobColumns={jobCols}
        onChange={(sections, fixedWeights) => up((s) => ({ ...s, columns: { ...s.columns, sections }, config: { ...s.config, fixedWeights } }))}
      />
      <div className="form-grid">
        <label>
          Learned weights
          <select data-testid="matcher-learned-mode" value={setup.config.learnedMode} onChange={(e) => cfg({ learnedMode: e.target.value as MatcherTrainConfig['learnedMode'] })}>
            <option value="logistic">logistic regression on the labels</option>
            <option value="least-squares">least squares on the graded scores</option>
          </select>
        </label>
        <NumberField label="Held-out share of candidates" value={setup.config.heldOutFraction} step={0.05} min={0.05} onChange={(v) => cfg({ heldOutFraction: v })} testId="matcher-heldout" />
        <NumberField label="Split seed" value={setup.config.seed} step={1} onChange={(v) => cfg({ seed: Math.round(v) })} />
        <NumberField label="NDCG@k" value={setup.config.ndcgK} step={1} min={1} onChange={(v) => cfg({ ndcgK: Math.max(1, Math.round(v)) })} />
      </div>
      <details>
        <summary>TF-IDF settings (scikit-learn&apos;s TfidfVectorizer semantics)</summary>
        <div className="form-grid">
          <label>
            n-grams
            <select value={t.ngramRange[1]} onChange={(e) => tf({ ngramRange: [1, Number(e.target.value)] })}>
              <option value={1}>unigrams (1, 1)</option>
              <option value={2}>unigrams + bigrams (1, 2)</option>
            </select>
          </label>
          <NumberField label="min_df (documents)" value={t.minDf} step={1} min={1} onChange={(v) => tf({ minDf: Math.max(1, Math.round(v)) })} />
          <NumberField label="max_df (share of documents)" value={t.maxDfShare} step={0.05} min={0.05} onChange={(v) => tf({ maxDfShare: v })} />
          <NumberField label="max_features (0 = all)" value={t.maxFeatures ?? 0} step={1000} min={0} onChange={(v) => tf({ maxFeatures: v >= 1 ? Math.round(v) : null })} />
          <label className="check">
            <input type="checkbox" checked={t.stopWords === 'english'} onChange={(e) => tf({ stopWords: e.target.checked ? 'english' : null })} /> English stop words
          </label>
          <label className="check">
            <input type="checkbox" checked={t.sublinearTf} onChange={(e) => tf({ sublinearTf: e.target.checked })} /> sublinear tf (1 + ln tf)
          </label>
        </div>
      </details>
    </section>
  );
}
