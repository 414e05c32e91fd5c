import { db } from '../../db/db';
import { loadFrame } from '../../db/datasets-repo';
import { parseFileTyped } from '../../ml/data/parse-file';
import { applySchema, EMPTY_SCHEMA } from '../../ml/data/schema';
import type { NamedFrame } from '../../ml/models/family';
import { familyById } from '../../ml/models/families';
import { inlineFrame } from '../../ml/recipe/inline-frame';
import type { DataSource, Recipe } from '../../ml/recipe/recipe';
import { datasetFingerprint } from './run-push';

/**
 * A study's tables, read in this tab: a file source is the stored dataset with the recipe's
 * fingerprint (or, without one, its file name), a server table is exported from the server the
 * studio is connected to, inline rows are read as they are. What is missing is said, by name.
 */
export async function studyTables(recipe: Recipe, server: { url: string; token: string }): Promise<Record<string, NamedFrame>> {
  const family = familyById(recipe.family);
  if (!family) throw new Error(`this studio has no ${recipe.family} family`);
  const out: Record<string, NamedFrame> = {};
  for (const { name: role } of family.tables.roles) out[role] = await tableOf(recipe.data[role], recipe, role, server);
  return out;
}

async function tableOf(s: DataSource, recipe: Recipe, role: string, server: { url: string; token: string }): Promise<NamedFrame> {
  if (s.kind === 'inline') return { name: s.name, frame: inlineFrame(s.columns) };
  if (s.kind === 'file') {
    const all = await db.datasets.toArray();
    const base = s.file.split(/[\\/]/).pop()!;
    const d = s.fingerprint ? all.find((x) => datasetFingerprint(x) === s.fingerprint) : all.find((x) => x.fileName === base);
    if (!d) throw new Error(`this study reads the file ${base}${s.fingerprint ? ` (${s.fingerprint})` : ''}; import that file in this tab first`);
    return { name: d.name, frame: await loadFrame(d.id, db, recipe.schemas?.[role]) };
  }
  const res = await fetch(`${server.url.replace(/\/+$/, '')}/export`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` }, body: JSON.stringify({ ...s.request, table: s.table, format: 'arrow' }) });
  if (!res.ok) throw new Error(`the server refused the export of ${s.table} (HTTP ${res.status})`);
  const typed = await parseFileTyped(`${s.table}.arrow`, await res.arrayBuffer());
  return { name: s.table, frame: applySchema(typed.frame, recipe.schemas?.[role] ?? EMPTY_SCHEMA, typed.rawText).frame };
}
