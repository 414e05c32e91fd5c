import { DataError, type ProgressFn } from './data-error';
import type { Frame } from './frame';
import { inferSpec, toColumn, type ColumnSpec } from './infer-types';
import { keepsText, type RawText } from './schema';
import { parseDelimited, type RawTable } from './parse-delimited';
import { sniffDelimiter } from './sniff-delimiter';
import { parseJsonl } from './parse-jsonl';
import { parseArrow } from './parse-arrow';
import { parseParquet } from './parse-parquet';

export type FileFormat = 'csv' | 'tsv' | 'jsonl' | 'parquet' | 'arrow';

export function formatOf(fileName: string): FileFormat {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  if (ext === 'csv') return 'csv';
  if (ext === 'tsv' || ext === 'tab') return 'tsv';
  if (ext === 'jsonl' || ext === 'ndjson') return 'jsonl';
  if (ext === 'parquet' || ext === 'pq') return 'parquet';
  if (ext === 'arrow' || ext === 'arrows' || ext === 'feather') return 'arrow';
  throw new DataError(fileName, `unsupported file type ".${ext}": Kiln reads .csv, .tsv, .jsonl, .parquet and .arrow`);
}

/** A parsed file: the typed frame, what inference found per column, and the text of columns read in a locale format. */
export interface TypedImport {
  frame: Frame;
  detected: Record<string, ColumnSpec>;
  rawText: RawText;
}

export function rawToImport(raw: RawTable): TypedImport {
  const detected: Record<string, ColumnSpec> = {};
  const rawText: RawText = {};
  const columns = raw.header.map((h, i) => {
    const fixed = raw.dtypes?.[i];
    const spec: ColumnSpec = fixed ? { dtype: fixed } : inferSpec(h, raw.columns[i]);
    detected[h] = spec;
    if (keepsText(spec)) rawText[h] = raw.columns[i].map((c) => (typeof c === 'string' ? c : c === null ? null : String(c)));
    return toColumn(h, spec.dtype, raw.columns[i], spec);
  });
  return { frame: { rowCount: raw.rowCount, columns }, detected, rawText };
}

export function rawToFrame(raw: RawTable): Frame {
  return rawToImport(raw).frame;
}

/** Parses file bytes into a typed Frame. Throws DataError naming file, line and column. */
export async function parseFile(fileName: string, bytes: ArrayBuffer, onProgress?: ProgressFn): Promise<Frame> {
  return (await parseFileTyped(fileName, bytes, onProgress)).frame;
}

/** parseFile with the detected column formats and the text of locale-formatted columns, for import. */
export async function parseFileTyped(fileName: string, bytes: ArrayBuffer, onProgress?: ProgressFn): Promise<TypedImport> {
  const format = formatOf(fileName);
  let raw: RawTable;
  if (format === 'parquet') {
    raw = await parseParquet(fileName, bytes, onProgress);
  } else if (format === 'arrow') {
    raw = await parseArrow(fileName, new Uint8Array(bytes), (rows) => onProgress?.({ fraction: 0.5, rows }));
  } else {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new DataError(fileName, 'the file is not valid UTF-8 text');
    }
    raw = format === 'jsonl' ? parseJsonl(fileName, text, onProgress) : parseDelimited(fileName, text, sniffDelimiter(text, format === 'tsv' ? '\t' : ','), onProgress);
  }
  return rawToImport(raw);
}
