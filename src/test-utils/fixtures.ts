import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');

export function readSample(name: string): string {
  return readFileSync(resolve(root, 'public/samples', name), 'utf8');
}

export function sampleBytes(name: string): ArrayBuffer {
  const b = readFileSync(resolve(root, 'public/samples', name));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

export function textBytes(s: string): ArrayBuffer {
  return new TextEncoder().encode(s).buffer as ArrayBuffer;
}

/** The scikit-learn reference values copied from shared/fixtures/reference (never edited). */
export function reference(seed: 11 | 12): Record<string, Record<string, unknown>> {
  return JSON.parse(readFileSync(resolve(root, `test/fixtures/reference/reference-${seed}.json`), 'utf8'));
}
