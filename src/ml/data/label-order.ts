import type { ColumnStats } from './column-stats';

const GRADE = /^([A-F])([+-]?)$/i;

/** Letter grades in rank order, lowest first (F < E < D− < D < D+ < … < A+); null when the labels are not grades. */
export function gradeOrder(labels: string[]): string[] | null {
  if (labels.length < 2 || !labels.every((l) => GRADE.test(l.trim()))) return null;
  const rank = (l: string) => {
    const m = GRADE.exec(l.trim()) as RegExpExecArray;
    return (70 - m[1].toUpperCase().charCodeAt(0)) * 3 + (m[2] === '+' ? 2 : m[2] === '-' ? 0 : 1);
  };
  return [...labels].sort((a, b) => rank(a) - rank(b));
}

/** Labels of a target column in a sensible order: grades by rank, numbers by value, else as found. */
export function labelOrder(s: ColumnStats): string[] {
  // a flag is [negative, positive] in the file's own words; stats stored before levels existed say false/true, as cellText does for those frames
  if (s.dtype === 'boolean') return s.levels ? [...s.levels] : ['false', 'true'];
  const values = (s.top ?? []).map((t) => t.value);
  const grades = gradeOrder(values);
  if (grades) return grades;
  if (values.every((v) => v.trim() !== '' && Number.isFinite(Number(v)))) return values.sort((a, b) => Number(a) - Number(b));
  return values.sort();
}
