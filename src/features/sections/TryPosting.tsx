import { useMemo, useState } from 'react';
import { classifySections } from '../../ml/models/sections/classify';
import type { SectionsModel } from '../../ml/models/sections/model';

const EXAMPLE = `About us
Northwind builds software for the logistics industry. Founded in 2012, we are a team of 300 people in Lisbon.

What you will do:
- Design and maintain services in TypeScript for our customers
- Mentor junior colleagues and review their work

Requirements
- 4+ years of experience with SQL
- Strong written and verbal communication skills in English

BENEFITS
We offer stock options and a home office stipend.

How to apply: send your CV to jobs@northwind.com before June 15.`;

/**
 * A posting typed or pasted here is split into sections (blank lines and headings) and each is
 * classified: its label and calibrated confidence, or "use the whole text" under the floor (or
 * for every section when the model is under 70% held-out accuracy). The floor can be tried here
 * without retraining.
 */
export function TryPosting({ model }: { model: SectionsModel }) {
  const [text, setText] = useState(EXAMPLE);
  const [floor, setFloor] = useState(model.floor);
  const out = useMemo(() => classifySections(model, text, floor), [model, text, floor]);
  return (
    <div data-testid="sections-try">
      <h3>Try a posting</h3>
      <label>
        Posting text
        <textarea data-testid="sections-try-text" rows={10} value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      <label>
        Confidence floor
        <input type="number" data-testid="sections-try-floor" min={0} max={0.99} step={0.05} value={floor} onChange={(e) => setFloor(Math.min(0.99, Math.max(0, +e.target.value)))} />
      </label>
      {out.useWholeText && (
        <p className="note" data-testid="sections-try-whole">
          No section is trusted: use the whole text.
        </p>
      )}
      <table className="data-table" data-testid="sections-try-table">
        <thead>
          <tr>
            <th scope="col">section</th>
            <th scope="col">label</th>
            <th scope="col">confidence</th>
          </tr>
        </thead>
        <tbody>
          {out.sections.map((s, i) => (
            <tr key={i} data-testid="sections-try-row" data-label={s.label} data-whole={s.useWholeText ? 'yes' : 'no'}>
              <td className="pre-wrap">{s.text.length > 160 ? `${s.text.slice(0, 160)}…` : s.text}</td>
              <td>{s.useWholeText ? <em>use the whole text{s.reason === 'model-accuracy' ? ' (model under 70%)' : ` (best guess ${s.label})`}</em> : s.label}</td>
              <td>{s.confidence.toFixed(3)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
