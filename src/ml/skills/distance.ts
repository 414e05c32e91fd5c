/**
 * Damerau–Levenshtein distance in its optimal-string-alignment form (insertions, deletions,
 * substitutions and transpositions of two adjacent characters, each costing 1; no substring edited
 * twice), bounded: when the distance exceeds `max` the answer is `max + 1` and the work stops early.
 * The fuzzy strategy only ever asks whether a word is within 1 or 2 edits, so a band of width
 * 2·max+1 around the diagonal is all that is computed.
 */
export function boundedDamerau(a: string, b: string, max: number): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
  if (n === 0 || m === 0) return Math.max(n, m);
  const big = max + 1;
  // three rolling rows: i-2, i-1, i (the transposition looks two rows back)
  let prev2 = new Array<number>(m + 1).fill(big);
  let prev = new Array<number>(m + 1);
  let cur = new Array<number>(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j <= max ? j : big;
  for (let i = 1; i <= n; i++) {
    cur.fill(big);
    if (i <= max) cur[0] = i;
    const lo = Math.max(1, i - max);
    const hi = Math.min(m, i + max);
    let rowMin = cur[0];
    for (let j = lo; j <= hi; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) d = Math.min(d, prev2[j - 2] + 1);
      cur[j] = Math.min(d, big);
      if (cur[j] < rowMin) rowMin = cur[j];
    }
    if (rowMin > max) return big;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return Math.min(prev[m], big);
}

/**
 * How many edits the fuzzy strategy allows for a term of this many characters (its normalized
 * form, spaces included): none under 5 (short words collide with ordinary ones: "react"/"reach"
 * is already at the edge), 1 for 5–8, 2 for 9 and longer.
 */
export function allowedEdits(length: number): number {
  if (length < 5) return 0;
  return length <= 8 ? 1 : 2;
}
