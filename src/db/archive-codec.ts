/**
 * A lossless JSON form of what IndexedDB stores (its structured clone): JSON alone would turn
 * NaN into null, drop undefined, -0 and bigint, and spell a Float64Array as an object of
 * indices. Special values become one-key tag objects (`{"$num": "NaN"}`); a plain object that
 * itself has a `$` key is wrapped in `{"$obj": …}` so no stored data can pass for a tag.
 * Typed arrays above INLINE_MAX_BYTES go to separate little-endian binary entries, so a 1M-row
 * column costs 8 MB of bytes rather than ~20 MB of decimal text.
 */
export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

type Typed = Int8Array | Uint8Array | Uint8ClampedArray | Int16Array | Uint16Array | Int32Array | Uint32Array | Float32Array | Float64Array | BigInt64Array | BigUint64Array;
type TypedCtor = { new (b: ArrayBuffer): Typed; readonly BYTES_PER_ELEMENT: number };

const TYPED: Record<string, TypedCtor> = {
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
};

/** Small arrays (a bias vector, a 3-class logit row) stay inline as base64: thousands of tiny entries would bloat the zip's directory. */
export const INLINE_MAX_BYTES = 256;

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Reverses each element's bytes in place; only ever runs on a big-endian host. */
function swapBytes(b: Uint8Array, size: number): void {
  if (size === 1) return;
  for (let i = 0; i < b.length; i += size) b.subarray(i, i + size).reverse();
}

function viewBytesLE(v: ArrayBufferView, size: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(v.byteLength);
  out.set(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
  if (!LITTLE_ENDIAN) swapBytes(out, size);
  return out;
}

const tagOf = (v: object) => Object.prototype.toString.call(v).slice(8, -1);

function toBase64(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += String.fromCharCode(x);
  return btoa(s);
}

/** Encodes `v`; large binary payloads are appended to `blobs` and referenced by index. */
export function encodeValue(v: unknown, blobs: Uint8Array[]): Json {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v === undefined) return { $undefined: true };
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return { $num: 'NaN' };
    if (v === Infinity) return { $num: 'Infinity' };
    if (v === -Infinity) return { $num: '-Infinity' };
    if (Object.is(v, -0)) return { $num: '-0' };
    return v;
  }
  if (typeof v === 'bigint') return { $bigint: v.toString() };
  if (typeof v !== 'object') throw new Error(`a ${typeof v} cannot be stored in an archive`);
  if (Array.isArray(v)) return Array.from(v, (x: unknown) => encodeValue(x, blobs));
  const tag = tagOf(v);
  if (ArrayBuffer.isView(v) || v instanceof ArrayBuffer) {
    const bytes = v instanceof ArrayBuffer ? new Uint8Array(v.slice(0)) : viewBytesLE(v, TYPED[tag]?.BYTES_PER_ELEMENT ?? 1);
    if (tag !== 'ArrayBuffer' && tag !== 'DataView' && !TYPED[tag]) throw new Error(`${tag} cannot be stored in an archive`);
    if (bytes.byteLength <= INLINE_MAX_BYTES) return { $typed: tag, base64: toBase64(bytes) };
    blobs.push(bytes);
    return { $typed: tag, blob: blobs.length - 1 };
  }
  if (v instanceof Date) return { $date: encodeValue(v.getTime(), blobs) };
  if (v instanceof Map) return { $map: Array.from(v, ([k, x]) => [encodeValue(k, blobs), encodeValue(x, blobs)]) };
  if (v instanceof Set) return { $set: Array.from(v, (x) => encodeValue(x, blobs)) };
  const out: { [k: string]: Json } = {};
  let escaped = false;
  for (const [k, x] of Object.entries(v)) {
    if (k.startsWith('$')) escaped = true;
    out[k] = encodeValue(x, blobs);
  }
  return escaped ? { $obj: out } : out;
}

function typedFromLE(name: string, bytes: Uint8Array): Typed | ArrayBuffer | DataView {
  const copy = bytes.slice();
  if (name === 'ArrayBuffer') return copy.buffer;
  if (name === 'DataView') return new DataView(copy.buffer);
  const C = TYPED[name];
  if (!C) throw new Error(`unknown array type ${name}`);
  if (copy.byteLength % C.BYTES_PER_ELEMENT !== 0) throw new Error(`${copy.byteLength} bytes cannot hold a whole number of ${name} elements`);
  if (!LITTLE_ENDIAN) swapBytes(copy, C.BYTES_PER_ELEMENT);
  return new C(copy.buffer);
}

const NUMS: Record<string, number> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity, '-0': -0 };

const isObj = (j: Json): j is { [k: string]: Json } => typeof j === 'object' && j !== null && !Array.isArray(j);

/** Inverse of encodeValue; `blob(n)` returns the bytes of blob n or throws naming the missing entry. */
export function decodeValue(j: Json, blob: (n: number) => Uint8Array): unknown {
  if (!isObj(j)) return Array.isArray(j) ? j.map((x) => decodeValue(x, blob)) : j;
  const keys = Object.keys(j);
  const tagKey = keys.find((k) => k.startsWith('$'));
  if (tagKey === undefined) return decodeEntries(j, blob);
  const t = j[tagKey];
  switch (tagKey) {
    case '$undefined':
      return undefined;
    case '$num':
      if (typeof t === 'string' && t in NUMS) return NUMS[t];
      break;
    case '$bigint':
      if (typeof t === 'string' && /^-?\d+$/.test(t)) return BigInt(t);
      break;
    case '$typed': {
      if (typeof t !== 'string') break;
      if (typeof j.base64 === 'string') return typedFromLE(t, Uint8Array.from(atob(j.base64), (c) => c.charCodeAt(0)));
      if (typeof j.blob === 'number') return typedFromLE(t, blob(j.blob));
      break;
    }
    case '$date':
      return new Date(decodeValue(t, blob) as number);
    case '$map':
      if (Array.isArray(t)) return new Map(t.map((e) => (Array.isArray(e) && e.length === 2 ? [decodeValue(e[0], blob), decodeValue(e[1], blob)] : bad('$map entry'))));
      break;
    case '$set':
      if (Array.isArray(t)) return new Set(t.map((x) => decodeValue(x, blob)));
      break;
    case '$obj':
      if (isObj(t)) return decodeEntries(t, blob);
      break;
  }
  return bad(tagKey);
}

function decodeEntries(j: { [k: string]: Json }, blob: (n: number) => Uint8Array): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(j)) out[k] = decodeValue(x, blob);
  return out;
}

function bad(what: string): never {
  throw new Error(`malformed ${what} value`);
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 (the zip polynomial): fflate's unzip does not check entry CRCs, so the manifest carries its own. */
export function crc32(b: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < b.length; i++) c = CRC_TABLE[(c ^ b[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
