import { useState } from 'react';
import type { ParamKind, ParamSpec, SearchSpace } from '../../ml/tune/space';
import { tunableNames, type SearchFamily } from '../../ml/tune/family';
import { changeKind, defaultParam, formatChoices, nextParam, parseChoices } from '../../state/tune-setup';

const KINDS: { kind: ParamKind; label: string }[] = [
  { kind: 'uniform', label: 'uniform' },
  { kind: 'log-uniform', label: 'log-uniform' },
  { kind: 'int', label: 'int' },
  { kind: 'categorical', label: 'categorical' },
];

/**
 * A number typed as text: "1e-" or "" mid-edit must not snap back, so the field keeps its own
 * text and hands up NaN until it parses (validation then names the param).
 */
function BoundField({ label, value, onChange, testId, invalid }: { label: string; value: number | undefined; onChange: (v: number | undefined) => void; testId: string; invalid: boolean }) {
  const [text, setText] = useState(value === undefined || Number.isNaN(value) ? '' : String(value));
  return (
    <input
      aria-label={label}
      aria-invalid={invalid}
      data-testid={testId}
      inputMode="decimal"
      size={8}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        const t = e.target.value.trim();
        onChange(t === '' ? undefined : Number(t));
      }}
    />
  );
}

function ChoicesField({ p, onChange, invalid, family }: { p: ParamSpec; onChange: (p: ParamSpec) => void; invalid: boolean; family: SearchFamily }) {
  const [text, setText] = useState(formatChoices(p.choices));
  return (
    <input
      aria-label={`${p.name} choices, comma-separated`}
      aria-invalid={invalid}
      data-testid="space-choices"
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onChange({ ...p, choices: parseChoices(p.name, e.target.value, family) });
      }}
    />
  );
}

/** One row per searched setting: which one, how it is drawn, its range or choices; problems shown on the row they concern. */
export function SearchSpaceEditor({ space, onChange, errors, disabled, family }: { space: SearchSpace; onChange: (s: SearchSpace) => void; errors: string[]; disabled?: boolean; family: SearchFamily }) {
  const names = tunableNames(family);
  const setRow = (i: number, p: ParamSpec) => onChange(space.map((q, j) => (j === i ? p : q)));
  const rowErrors = (p: ParamSpec) => errors.filter((e) => p.name !== '' && e.startsWith(`${p.name}:`));
  const general = errors.filter((e) => !space.some((p) => p.name !== '' && e.startsWith(`${p.name}:`)));
  return (
    <fieldset className="space-editor" disabled={disabled} data-testid="space-editor">
      <legend>Search space</legend>
      <table>
        <thead>
          <tr>
            <th scope="col">Parameter</th>
            <th scope="col">Distribution</th>
            <th scope="col">Range or choices</th>
            <th scope="col">
              <span className="sr-only">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {space.map((p, i) => {
            const errs = rowErrors(p);
            const errId = `space-row-${i}-errors`;
            // remounts the text fields when the row becomes another setting or kind
            const key = `${i}:${p.name}:${p.kind}`;
            return (
              <tr key={key} data-testid="space-row" data-param={p.name} data-kind={p.kind} aria-describedby={errs.length ? errId : undefined}>
                <td>
                  <select aria-label={`parameter ${i + 1}`} data-testid="space-name" value={p.name} onChange={(e) => setRow(i, defaultParam(e.target.value, family))}>
                    {!names.includes(p.name) && <option value={p.name}>{p.name}</option>}
                    {names.map((n) => (
                      <option key={n} value={n}>
                        {n}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <select aria-label={`${p.name} distribution`} data-testid="space-kind" value={p.kind} onChange={(e) => setRow(i, changeKind(p, e.target.value as ParamKind, family))}>
                    {KINDS.map((k) => (
                      <option key={k.kind} value={k.kind}>
                        {k.label}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="space-range">
                  {p.kind === 'categorical' ? (
                    <ChoicesField p={p} onChange={(q) => setRow(i, q)} invalid={errs.length > 0} family={family} />
                  ) : (
                    <>
                      <BoundField label={`${p.name} low`} testId="space-low" value={p.low} invalid={errs.length > 0} onChange={(low) => setRow(i, { ...p, low })} />
                      <span aria-hidden="true">to</span>
                      <BoundField label={`${p.name} high`} testId="space-high" value={p.high} invalid={errs.length > 0} onChange={(high) => setRow(i, { ...p, high })} />
                      {p.kind === 'int' && (
                        <>
                          <span aria-hidden="true">step</span>
                          <BoundField label={`${p.name} step`} testId="space-step" value={p.step} invalid={errs.length > 0} onChange={(step) => setRow(i, { ...p, step })} />
                        </>
                      )}
                    </>
                  )}
                  {errs.length > 0 && (
                    <div id={errId} className="error-text" data-testid="space-row-error">
                      {errs.join('; ')}
                    </div>
                  )}
                </td>
                <td>
                  <button type="button" className="icon" aria-label={`remove ${p.name}`} data-testid="space-remove" onClick={() => onChange(space.filter((_, j) => j !== i))}>
                    ×
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="train-actions">
        <button type="button" data-testid="space-add" onClick={() => onChange([...space, nextParam(space, family)])}>
          Add parameter
        </button>
        {general.length > 0 && (
          <span className="error-text" role="alert" data-testid="space-error">
            {general.join('; ')}
          </span>
        )}
      </div>
    </fieldset>
  );
}
