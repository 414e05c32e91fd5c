/**
 * An input error a person can act on: which file, which line (1-based, as an editor shows it),
 * which column (1-based field number, and its header name when known).
 */
export class DataError extends Error {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly columnName?: string;

  constructor(file: string, message: string, where: { line?: number; column?: number; columnName?: string } = {}) {
    const loc = [
      where.line !== undefined ? `line ${where.line}` : null,
      where.column !== undefined ? `column ${where.column}${where.columnName ? ` ("${where.columnName}")` : ''}` : null,
    ]
      .filter(Boolean)
      .join(', ');
    super(`${file}${loc ? `, ${loc}` : ''}: ${message}`);
    this.name = 'DataError';
    this.file = file;
    this.line = where.line;
    this.column = where.column;
    this.columnName = where.columnName;
  }
}

export interface ParseProgress {
  /** 0..1 of the input read */
  fraction: number;
  rows: number;
}
export type ProgressFn = (p: ParseProgress) => void;
