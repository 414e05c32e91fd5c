import type { CatalogColumn } from '../catalog';

/** Raw rows as Postgres text (null = SQL NULL), in the plan's column order. */
export type TextRow = (string | null)[];

export interface Encoder {
  contentType: string;
  start(): Buffer;
  batch(rows: TextRow[]): Buffer;
  end(): Buffer;
}

export type EncoderFactory = (columns: CatalogColumn[], opts: { int8: 'int64' | 'string' }) => Encoder;
