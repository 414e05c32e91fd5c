import { cellText, getColumn, type Frame } from '../../data/frame';

/** One labeled section, as an annotation tool exports it. */
export interface SectionExample {
  text: string;
  label: string;
}

/**
 * JSONL with one `{"text": …, "label": …}` object a line (Label Studio, Doccano and Prodigy
 * exports reduce to this). Blank lines are skipped; a line that is not such an object throws,
 * naming the source and the line. Extra fields are ignored; a number label is read as its text.
 */
export function parseSectionsJsonl(text: string, source = 'input'): SectionExample[] {
  const out: SectionExample[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const where = `${source}, line ${i + 1}`;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch (e) {
      throw new Error(`${where}: not JSON (${(e as Error).message})`, { cause: e });
    }
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(`${where}: expected an object {"text": …, "label": …}`);
    const o = v as Record<string, unknown>;
    if (typeof o.text !== 'string') throw new Error(`${where}: "text" must be a string (got ${o.text === undefined ? 'nothing' : JSON.stringify(o.text)})`);
    const label = typeof o.label === 'number' && Number.isFinite(o.label) ? String(o.label) : o.label;
    if (typeof label !== 'string' || !label.trim()) throw new Error(`${where}: "label" must be a non-empty string (got ${o.label === undefined ? 'nothing' : JSON.stringify(o.label)})`);
    out.push({ text: o.text, label: label.trim() });
  });
  if (out.length === 0) throw new Error(`${source}: no labeled sections (one {"text", "label"} object a line)`);
  return out;
}

/** The examples of a table's text and label columns; rows missing either are skipped and counted. */
export function sectionExamplesOf(frame: Frame, columns: { text: string; label: string }, source: string): { examples: SectionExample[]; skipped: number } {
  const has = new Set(frame.columns.map((c) => c.name));
  for (const [field, name] of [['text', columns.text], ['label', columns.label]] as const) {
    if (!has.has(name)) throw new Error(`${source}: no column "${name}" (the recipe's columns.${field}; columns: ${frame.columns.map((c) => c.name).join(', ')})`);
  }
  const t = getColumn(frame, columns.text);
  const l = getColumn(frame, columns.label);
  const examples: SectionExample[] = [];
  let skipped = 0;
  for (let r = 0; r < frame.rowCount; r++) {
    const text = cellText(t, r);
    const label = cellText(l, r);
    if (text === null || label === null || !label.trim()) skipped++;
    else examples.push({ text, label: label.trim() });
  }
  return { examples, skipped };
}
