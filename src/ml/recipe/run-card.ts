import type { MetricMap } from '../metrics/evaluate';
import type { DataSource, Recipe } from './recipe';

export interface TrainedSummary {
  modelId: string;
  createdAt: string;
  kilnVersion: string;
  metrics: MetricMap;
  epochsRun: number;
  bestEpoch: number;
  reason: string;
  durationMs: number;
  engine: string;
}

const sourceLine = (role: string, s: DataSource) =>
  `- ${role}: ${s.kind === 'file' ? `file \`${s.file}\`${s.fingerprint ? ` (${s.fingerprint})` : ''}` : s.kind === 'server' ? `server table \`${s.table}\`` : `${s.name} (rows carried in the recipe)`}`;

const fmt = (v: number) => (Number.isFinite(v) ? (Math.abs(v) >= 1000 ? v.toFixed(1) : v.toPrecision(6)) : String(v));

/** The model card of a headless run: what it is, what it read, how it was trained, how it scored, and the recipe that reruns it. */
export function recipeCard(recipe: Recipe, familyTitle: string, s: TrainedSummary): string {
  return [
    `# ${s.modelId}`,
    '',
    `${familyTitle}, trained by \`kiln train\` (Kiln ${s.kilnVersion}) on ${s.createdAt}${recipe.from ? `, from the recipe of the studio run "${recipe.from.runName}" (${recipe.from.runId})` : ''}.`,
    '',
    '## Data',
    ...Object.entries(recipe.data).map(([role, src]) => sourceLine(role, src)),
    '',
    '## Training',
    `- engine: ${s.engine}; seed ${recipe.seed ?? 'in the config'}`,
    `- ${s.epochsRun} steps, best at ${s.bestEpoch}; stopped: ${s.reason}; ${(s.durationMs / 1000).toFixed(1)} s`,
    '',
    '## Validation metrics',
    '| metric | value |',
    '|---|---|',
    ...Object.entries(s.metrics).map(([k, v]) => `| ${k} | ${typeof v === 'number' ? fmt(v) : String(v)} |`),
    '',
    '## Recipe',
    'Rerun with `kiln train --recipe recipe.json` (recipe.json is beside this card).',
    '',
  ].join('\n');
}
