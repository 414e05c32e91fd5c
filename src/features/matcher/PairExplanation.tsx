import { useMemo } from 'react';
import type { MatcherModelArtifact } from '../../db/records';
import { explainPair } from '../../ml/models/matcher/evaluate-matcher';

/**
 * Why one pair scores what it does, per section: the cosine, its weight in the learned score,
 * and the terms the two documents share, each with its tf-idf on both sides and its share of the
 * cosine (the products sum to the cosine).
 */
export function PairExplanation({ model, candidate, job, candidateTexts, jobTexts, onClose }: { model: MatcherModelArtifact; candidate: string; job: string; candidateTexts: string[]; jobTexts: string[]; onClose: () => void }) {
  const learned = useMemo(() => ({ sections: model.sections, ...model.learned }), [model]);
  const parts = useMemo(() => explainPair(learned, candidateTexts, jobTexts, 8), [learned, candidateTexts, jobTexts]);
  const score = parts.reduce((a, p) => a + p.weight * p.cosine, model.learned.linear.bias);
  return (
    <div className="card" data-testid="pair-explanation" role="region" aria-label={`Explanation of candidate ${candidate} and job ${job}`}>
      <div className="train-actions">
        <strong>
          Candidate {candidate} × job {job}
        </strong>
        <span className="muted">learned score = {score.toFixed(4)} (bias {model.learned.linear.bias.toFixed(3)} + Σ weight × cosine)</span>
        <button type="button" onClick={onClose} aria-label="Close the explanation">
          ×
        </button>
      </div>
      <div className="explanation">
        {parts.map((p, k) => (
          <div key={p.section} data-testid="explanation-section" data-section={p.section} data-cosine={p.cosine}>
            <h3>
              {p.section}: cosine {p.cosine.toFixed(4)} × weight {p.weight.toFixed(3)} = {(p.cosine * p.weight).toFixed(4)}
            </h3>
            <p className="texts" title="candidate text">
              <strong>candidate</strong> {candidateTexts[k] || '(empty)'}
            </p>
            <p className="texts" title="job text">
              <strong>job</strong> {jobTexts[k] || '(empty)'}
            </p>
            {p.terms.length === 0 ? (
              <p className="muted">No shared terms: this section adds nothing.</p>
            ) : (
              <table className="metrics">
                <thead>
                  <tr>
                    <th>Term</th>
                    <th>tf-idf (candidate)</th>
                    <th>tf-idf (job)</th>
                    <th>Contribution</th>
                  </tr>
                </thead>
                <tbody>
                  {p.terms.map((t) => (
                    <tr key={t.term} data-testid="explanation-term" data-term={t.term}>
                      <td>{t.term}</td>
                      <td>{t.candidate.toFixed(4)}</td>
                      <td>{t.job.toFixed(4)}</td>
                      <td>{t.contribution.toFixed(4)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        ))}
      </div>
    </div>
  );
}
