/**
 * A JSON parser that keeps every number as its source text ({ num: '12345678901234567890' }),
 * so tests can see whether an export kept digits JSON.parse would round away.
 */
export type LosslessJson = null | boolean | string | { num: string } | LosslessJson[] | { obj: [string, LosslessJson][] };

export function parseLossless(text: string): LosslessJson {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const value = (): LosslessJson => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const obj: [string, LosslessJson][] = [];
      ws();
      if (text[i] === '}') {
        i++;
        return { obj };
      }
      for (;;) {
        ws();
        const k = value();
        if (typeof k !== 'string') throw new SyntaxError(`object key expected at ${i}`);
        ws();
        if (text[i++] !== ':') throw new SyntaxError(`':' expected at ${i - 1}`);
        obj.push([k, value()]);
        ws();
        const d = text[i++];
        if (d === '}') return { obj };
        if (d !== ',') throw new SyntaxError(`',' or '}' expected at ${i - 1}`);
      }
    }
    if (c === '[') {
      i++;
      const arr: LosslessJson[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(value());
        ws();
        const d = text[i++];
        if (d === ']') return arr;
        if (d !== ',') throw new SyntaxError(`',' or ']' expected at ${i - 1}`);
      }
    }
    if (c === '"') {
      // JSON.parse checks escapes and rejects raw control characters
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (j >= text.length) throw new SyntaxError(`unterminated string at ${i}`);
      const s = JSON.parse(text.slice(i, j + 1)) as string;
      i = j + 1;
      return s;
    }
    const m = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 100_000));
    if (!m) throw new SyntaxError(`bad JSON value at ${i}: ${text.slice(i, i + 20)}`);
    i += m[0].length;
    if (m[0] === 'true' || m[0] === 'false') return m[0] === 'true';
    if (m[0] === 'null') return null;
    return { num: m[0] };
  };
  const v = value();
  ws();
  if (i !== text.length) throw new SyntaxError(`trailing text at ${i}`);
  return v;
}
