/**
 * A streaming decoder of PostgreSQL's text COPY format (tab-separated fields, one row per line,
 * `\N` for NULL, backslash escapes): https://www.postgresql.org/docs/current/sql-copy.html
 *
 * Linear in the bytes it is given, whatever the chunking: a field split across chunks is kept
 * as a list of pieces and joined once when it ends (or, for a long field whose column takes
 * parts, handed over piece by piece and never joined).
 */

export interface CopyTextSink {
  /**
   * One field's unescaped bytes, bytes[start, end) (a range, not a slice: a Buffer per field
   * costs more than decoding it), or null for SQL NULL; after any parts, the rest of the field.
   */
  field(col: number, bytes: Buffer | null, start: number, end: number): void;
  /** the end of a row, after its last field */
  rowEnd(): void;
  /** whether a long field in this column may come in parts (part() calls, then field() with the rest) */
  takesParts(col: number): boolean;
  /** leading bytes of a long field in a column that takes parts */
  part(col: number, bytes: Buffer): void;
}

const TAB = 0x09;
const NL = 0x0a;
const BACKSLASH = 0x5c;
/** what a backslash followed by this byte stands for (any byte not listed stands for itself) */
const SIMPLE_ESCAPES: Record<number, number> = { 0x62: 0x08, 0x66: 0x0c, 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09, 0x76: 0x0b };
const N = 0x4e;
const X = 0x78;

const isOctal = (b: number) => b >= 0x30 && b <= 0x37;
const hexValue = (b: number) => (b >= 0x30 && b <= 0x39 ? b - 0x30 : b >= 0x61 && b <= 0x66 ? b - 0x57 : b >= 0x41 && b <= 0x46 ? b - 0x37 : -1);

const enum State {
  Plain,
  /** after a backslash */
  Escape,
  /** inside \ooo (up to 3 octal digits) */
  Octal,
  /** inside \xhh (up to 2 hex digits) */
  Hex,
}

/** Fields longer than this in a column that takes parts are handed over before they end. */
export const PART_BYTES = 1 << 20;

export class CopyTextDecoder {
  private state = State.Plain;
  /** the value of the \ooo or \xhh escape being read, and how many digits it has so far */
  private code = 0;
  private digits = 0;
  /** the current field's bytes from earlier chunks, and their total length */
  private pieces: Buffer[] = [];
  private size = 0;
  /** the current field is the NULL marker \N */
  private isNull = false;
  private col = 0;
  /** whether the current field has begun (a zero-column row is an empty line with no field) */
  private started = false;
  rows = 0;

  constructor(
    private readonly columns: number,
    private readonly sink: CopyTextSink,
  ) {}

  /**
   * Decodes one chunk. Unescaping happens in place (an escape is never shorter than what it
   * stands for), so the chunk is the decoder's to overwrite and a field stays one slice of it.
   */
  push(chunk: Buffer): void {
    let start = 0; // where the current field's bytes begin in this chunk
    let w = 0; // where its next unescaped byte goes
    const n = chunk.length;
    for (let r = 0; r < n; r++) {
      if (this.state === State.Plain) {
        // the common case, a run of ordinary bytes: scanned in a tight loop, and moved only
        // once an escape has made the field shorter than its text
        let p = r;
        for (let c = chunk[p]; p < n && c !== TAB && c !== NL && c !== BACKSLASH; c = chunk[++p]);
        if (p > r) {
          if (w !== r) chunk.copyWithin(w, r, p);
          w += p - r;
          this.started = true;
          r = p;
          if (r === n) break;
        }
      }
      const b = chunk[r];
      if (this.state === State.Octal || this.state === State.Hex) {
        const read = this.addDigit(b);
        if (read === 'last') chunk[w++] = this.code;
        if (read !== 'not a digit') continue;
        // b ends a short escape (\1, \x4) and is read below as an ordinary byte
        const byte = this.state === State.Hex && this.digits === 0 ? X : this.code;
        this.state = State.Plain;
        if (w < r) chunk[w++] = byte;
        else {
          // the escape began in an earlier chunk: no room before b for its byte
          this.keep(Buffer.of(byte));
          start = w = r;
        }
      } else if (this.state === State.Escape) {
        this.state = State.Plain;
        if (isOctal(b)) {
          this.state = State.Octal;
          this.code = b - 0x30;
          this.digits = 1;
        } else if (b === X) {
          this.state = State.Hex;
          this.code = 0;
          this.digits = 0;
        } else if (b === N) {
          this.isNull = true;
        } else {
          chunk[w++] = SIMPLE_ESCAPES[b] ?? b;
        }
        this.started = true;
        continue;
      }
      if (b === TAB || b === NL) {
        if (this.columns > 0 || b === TAB || this.started) this.endField(chunk, start, w);
        if (b === NL) this.endRow();
        start = w = r + 1;
        continue;
      }
      this.started = true;
      if (b === BACKSLASH) this.state = State.Escape;
      else chunk[w++] = b;
    }
    if (w > start) this.keep(chunk.subarray(start, w));
  }

  /** Checks that the stream ended after a whole row. */
  end(): void {
    if (this.started || this.col > 0 || this.state !== State.Plain) throw new Error(`the COPY stream ended inside row ${this.rows + 1}`);
  }

  /** Reads b as the next digit of a \ooo or \xhh escape, if it is one; the escape ends at its last digit. */
  private addDigit(b: number): 'not a digit' | 'more' | 'last' {
    const octal = this.state === State.Octal;
    const v = octal ? (isOctal(b) ? b - 0x30 : -1) : hexValue(b);
    if (v < 0) return 'not a digit';
    // an octal value past 255 keeps its low byte, as PostgreSQL does
    this.code = (this.code * (octal ? 8 : 16) + v) & 0xff;
    if (++this.digits < (octal ? 3 : 2)) return 'more';
    this.state = State.Plain;
    return 'last';
  }

  private keep(piece: Buffer): void {
    this.pieces.push(piece);
    this.size += piece.length;
    if (this.size >= PART_BYTES && this.sink.takesParts(this.col) && !this.isNull) {
      this.sink.part(this.col, this.take());
    }
  }

  private take(): Buffer {
    const out = this.pieces.length === 1 ? this.pieces[0] : Buffer.concat(this.pieces, this.size);
    this.pieces = [];
    this.size = 0;
    return out;
  }

  private endField(chunk: Buffer, start: number, end: number): void {
    if (this.col >= this.columns) throw new Error(`COPY row ${this.rows + 1} has more than the ${this.columns} fields expected`);
    const col = this.col++;
    this.started = false;
    if (this.isNull) {
      this.isNull = false;
      this.pieces = [];
      this.size = 0;
      this.sink.field(col, null, 0, 0);
    } else if (this.pieces.length) {
      this.pieces.push(chunk.subarray(start, end));
      this.size += end - start;
      const bytes = this.take();
      this.sink.field(col, bytes, 0, bytes.length);
    } else this.sink.field(col, chunk, start, end);
  }

  private endRow(): void {
    if (this.col !== this.columns) throw new Error(`COPY row ${this.rows + 1} has ${this.col} fields, not the ${this.columns} expected`);
    this.col = 0;
    this.rows++;
    this.sink.rowEnd();
  }
}
