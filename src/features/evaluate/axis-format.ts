/**
 * Axis tick text that fits a narrow axis: 12000 → "12k", 1.25e6 → "1.3M", 0.000012 → "1.2e-5",
 * so a tick is never cut to its last digits by the axis width.
 */
export function compactTick(v: number): string {
  if (!Number.isFinite(v)) return '';
  const a = Math.abs(v);
  if (a === 0) return '0';
  if (a >= 1e9) return `${trim(v / 1e9)}G`;
  if (a >= 1e6) return `${trim(v / 1e6)}M`;
  if (a >= 1e4) return `${trim(v / 1e3)}k`;
  if (a < 1e-3) return v.toExponential(1);
  return trim(v);
}

function trim(v: number): string {
  return String(Number(v.toPrecision(3)));
}

/** Width in pixels a Y axis needs for its longest tick text (about 7 px a character at the app's tick size). */
export function axisWidth(ticks: string[]): number {
  return Math.max(36, 12 + 7 * Math.max(0, ...ticks.map((t) => t.length)));
}
