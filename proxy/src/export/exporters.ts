import type pg from 'pg';
import type { CatalogEntry } from '../catalog';
import { BinaryCopyToArrow, readsAsText } from './binary-copy-arrow';
import { copyExport, settingPlaceholder } from './copy-export';
import { jsonlEncoder } from './encode-jsonl';
import { planExport, type ExportRequest } from './plan';
import type { RunControl } from './run-control';
import { exportStream } from './stream-export';

export interface ExportSettings {
  maxRows: number;
  fetchSize: number;
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

/**
 * One export, by format. CSV is Postgres' own COPY CSV passed through; Arrow is decoded from
 * binary COPY into Arrow buffers; JSONL is built from a cursor over text values. All three run
 * in a READ ONLY transaction on the same pg code path for both database kinds.
 */
export function openExport(pool: pg.Pool, catalog: Map<string, CatalogEntry>, req: ExportRequest, s: ExportSettings, run: RunControl): OpenedExport {
  const int8 = req.int8 ?? 'int64';
  if (req.format === 'jsonl') {
    const plan = planExport(catalog, req, s.maxRows);
    const encoder = jsonlEncoder(plan.columns, { int8 });
    return { contentType: encoder.contentType, fileName: `${req.table}.jsonl`, limit: plan.limit, chunks: exportStream(pool, plan, encoder, { ...run, fetchSize: s.fetchSize }) };
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
