import { afterEach } from 'vitest';
import { KilnDB } from '../db/db';

/**
 * For repository tests: a factory of fresh, uniquely named databases (fake-indexeddb), each
 * deleted after the test that opened it.
 */
export function freshDatabases(prefix: string): (name?: string) => KilnDB {
  let n = 0;
  const opened: KilnDB[] = [];
  afterEach(async () => {
    for (const d of opened.splice(0)) await d.delete();
  });
  return (name = `${prefix}-${++n}`) => {
    const d = new KilnDB(name);
    opened.push(d);
    return d;
  };
}
