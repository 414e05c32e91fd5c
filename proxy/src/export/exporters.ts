import type pg from 'pg';
import type { CatalogEntry } from '../catalog';
import { BinaryCopyToArrow, readsAsText } from './binary-copy-arrow';
import { copyExport, settingPlaceholder } from './copy-export';
import { JsonlFromCopyText } from './encode-jsonl';
import { planExport, type ExportRequest } from './plan';
import type { RunControl } from './run-control';

export interface ExportSettings {
  maxRows: number;
}

export interface OpenedExport {
  contentType: string;
  /** the file name a person's download gets (Content-Disposition) */
  fileName: string;
  limit: number;
  chunks: AsyncGenerator<Buffer>;
}

async function* arrowFromBinaryCopy(source: AsyncGenerator<Buffer>, encoder: BinaryCopyToArrow): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of source) {
      const out = encoder.push(chunk);
      if (out.byteLength) yield out;
    }
    yield encoder.end();
  } finally {
    await source.return(undefined);
  }
}

async function* jsonlFromTextCopy(source: AsyncGenerator<Buffer>, encoder: JsonlFromCopyText, stats: RunControl['stats']): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of source) yield* encoder.push(chunk);
    const tail = encoder.end();
    // the row count PostgreSQL reported for the COPY, which the decoder must have seen
    if (encoder.rows !== stats.rows) throw new Error(`COPY reported ${stats.rows} rows; ${encoder.rows} were decoded`);
    yield* tail;
  } finally {
    await source.return(undefined);
  }
}

/**
 * One export, by format. CSV is Postgres' own COPY CSV passed through; Arrow is decoded from
 * binary COPY into Arrow buffers; JSONL is decoded from text COPY (PostgreSQL's text output of
 * each value) and converted column by column. All three run in a READ ONLY transaction on the
 * same pg code path for both database kinds.
 */
export function openExport(pool: pg.Pool, catalog: Map<string, CatalogEntry>, req: ExportRequest, s: ExportSettings, run: RunControl): OpenedExport {
  const int8 = req.int8 ?? 'int64';
  if (req.format === 'jsonl') {
    const plan = planExport(catalog, req, s.maxRows, { placeholder: settingPlaceholder });
    const encoder = new JsonlFromCopyText(plan.columns, int8);
    const copy = copyExport(pool, plan, { ...run, format: 'text' });
    return { contentType: encoder.contentType, fileName: `${req.table}.jsonl`, limit: plan.limit, chunks: jsonlFromTextCopy(copy, encoder, run.stats) };
  }
  if (req.format === 'csv') {
    const plan = planExport(catalog, req, s.maxRows, { placeholder: settingPlaceholder });
    return { contentType: 'text/csv; charset=utf-8', fileName: `${req.table}.csv`, limit: plan.limit, chunks: copyExport(pool, plan, { ...run, format: 'csv' }) };
  }
  const plan = planExport(catalog, req, s.maxRows, { placeholder: settingPlaceholder, asText: readsAsText });
  const copy = copyExport(pool, plan, { ...run, format: 'binary' });
  return {
    contentType: 'application/vnd.apache.arrow.stream',
    fileName: `${req.table}.arrow`,
    limit: plan.limit,
    chunks: arrowFromBinaryCopy(copy, new BinaryCopyToArrow(plan.columns, int8)),
  };
}
