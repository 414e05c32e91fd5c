import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../data/rng';
import { allowedEdits, boundedDamerau } from './distance';

/** The textbook optimal-string-alignment table, unbounded: the reference the banded one must equal. */
function osa(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

describe('boundedDamerau', () => {
  it('counts one edit for each kind of typo', () => {
    expect(boundedDamerau('kubernetes', 'kubernetes', 2)).toBe(0);
    expect(boundedDamerau('kubernetes', 'kubrenetes', 2)).toBe(1); // transposition
    expect(boundedDamerau('kubernetes', 'kubernets', 2)).toBe(1); // deletion
    expect(boundedDamerau('kubernetes', 'kubernetex', 2)).toBe(1); // substitution
    expect(boundedDamerau('kubernetes', 'kubbernetes', 2)).toBe(1); // insertion
    expect(boundedDamerau('scikit learn', 'scikitlearn', 2)).toBe(1);
    // OSA, not full Damerau: "ca" → "abc" is 3 here (2 with unrestricted transpositions)
    expect(boundedDamerau('ca', 'abc', 3)).toBe(3);
  });

  it('answers max + 1 past the bound, also when the lengths alone rule it out', () => {
    expect(boundedDamerau('tableau', 'tabloid', 1)).toBe(2);
    expect(boundedDamerau('react', 'reactjs native', 2)).toBe(3);
    expect(boundedDamerau('', 'abc', 3)).toBe(3);
  });

  it('equals the unbounded table (capped) on random strings', () => {
    const r = mulberry32(7);
    const word = () => Array.from({ length: 1 + Math.floor(r() * 9) }, () => 'abcd'[Math.floor(r() * 4)]).join('');
    for (let k = 0; k < 3000; k++) {
      const a = word();
      const b = r() < 0.5 ? word() : a.slice(0, Math.floor(r() * a.length)) + 'abcd'[Math.floor(r() * 4)] + a.slice(Math.floor(r() * a.length));
      const max = Math.floor(r() * 4);
      expect(boundedDamerau(a, b, max), `${a} ~ ${b} (max ${max})`).toBe(Math.min(osa(a, b), max + 1));
    }
  });

  it('allows no edit under 5 characters, 1 up to 8, 2 beyond', () => {
    expect([1, 4, 5, 8, 9, 30].map(allowedEdits)).toEqual([0, 0, 1, 1, 2, 2]);
  });
});
