import { CAPABILITY_NAMES, type Capabilities, type RegisteredFamily } from './contract';

/** The studio features this family does not offer, each with the family's own words for why: a gap is said, never silently left out. */
export function CapabilityNotes({ family }: { family: RegisteredFamily }) {
  const missing = (Object.keys(CAPABILITY_NAMES) as (keyof Capabilities)[]).flatMap((k) => {
    const c = family.capabilities[k];
    return c === true ? [] : [[k, c] as const];
  });
  if (missing.length === 0) return null;
  return (
    <section className="card capability-notes" aria-label={`Not available for ${family.title}`} data-testid="capability-notes">
      <h3>Not available for this family</h3>
      <ul>
        {missing.map(([k, why]) => (
          <li key={k} data-testid={`capability-${k}`}>
            <strong>{CAPABILITY_NAMES[k]}:</strong> <span className="muted">{why}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
