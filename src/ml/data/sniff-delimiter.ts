/** The delimiters a `.csv` file may use: spreadsheets in locales with a decimal comma write `;`. */
export type Delimiter = ',' | ';' | '\t' | '|';
const CANDIDATES: readonly Delimiter[] = [',', ';', '\t', '|'];
const SAMPLE_RECORDS = 50;

/** For each of the first non-blank records, how often each candidate occurs outside double quotes. */
function countsPerRecord(text: string): Record<Delimiter, number>[] {
  const records: Record<Delimiter, number>[] = [];
  let row: Record<Delimiter, number> = { ',': 0, ';': 0, '\t': 0, '|': 0 };
  let blank = true;
  let quoted = false;
  const end = () => {
    if (!blank) records.push(row);
    row = { ',': 0, ';': 0, '\t': 0, '|': 0 };
    blank = true;
  };
  let i = 0;
  for (; i < text.length && records.length < SAMPLE_RECORDS; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '\n') {
      end();
      continue;
    } else if (!quoted && (ch === ',' || ch === ';' || ch === '\t' || ch === '|')) row[ch]++;
    if (ch !== '\r' && ch !== ' ') blank = false;
  }
  // the file's last line, when it has no newline (a record cut by the sample is left out)
  if (i === text.length) end();
  return records;
}

/**
 * The delimiter of a delimited text file: a candidate that splits the header and every sampled
 * record into the same number of fields (more than one), as Python's csv.Sniffer judges
 * consistency. The expected delimiter wins whenever it is consistent, so a `;` inside text never
 * turns a comma file around; a `;` file with decimal commas ("76,98") is inconsistent on commas
 * (its header has none) and consistent on `;`. Among other consistent candidates, the one giving
 * the most fields; none consistent: the expected one (the parser then names the bad row).
 */
export function sniffDelimiter(text: string, expected: Delimiter = ','): Delimiter {
  const records = countsPerRecord(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  if (records.length === 0) return expected;
  const consistent = (d: Delimiter) => records[0][d] > 0 && records.every((r) => r[d] === records[0][d]);
  if (consistent(expected)) return expected;
  let best: Delimiter | null = null;
  for (const d of CANDIDATES) if (consistent(d) && (best === null || records[0][d] > records[0][best])) best = d;
  return best ?? expected;
}
