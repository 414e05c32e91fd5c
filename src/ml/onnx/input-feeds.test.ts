import { describe, expect, it } from 'vitest';
import { feedRule, feedText, gbdtInputFeeds, parseFeed, tabularInputFeeds } from './input-feeds';

describe('parseFeed', () => {
  it('reads dates as UTC epoch milliseconds, with or without a time or zone', () => {
    expect(parseFeed('d', 'datetime', '2024-03-01')).toEqual({ value: Date.UTC(2024, 2, 1) });
    expect(parseFeed('d', 'datetime', '2024-03-01T12:30:00')).toEqual({ value: Date.UTC(2024, 2, 1, 12, 30) });
    expect(parseFeed('d', 'datetime', '2024-03-01T12:30:00+02:00')).toEqual({ value: Date.UTC(2024, 2, 1, 10, 30) });
    expect(parseFeed('d', 'datetime', '1709251200000')).toEqual({ value: 1709251200000 });
    expect(parseFeed('d', 'datetime', 'soon')).toEqual({ error: expect.stringContaining('d: "soon" is not a date') });
  });

  it('round-trips what feedText shows', () => {
    const ms = Date.UTC(2021, 6, 4, 5, 6, 7);
    expect(parseFeed('d', 'datetime', feedText('datetime', ms))).toEqual({ value: ms });
    expect(parseFeed('b', 'boolean', feedText('boolean', 1))).toEqual({ value: 1 });
    expect(parseFeed('b', 'boolean', feedText('boolean', 0))).toEqual({ value: 0 });
    expect(parseFeed('x', 'numeric', feedText('numeric', 76.98))).toEqual({ value: 76.98 });
  });

  it('treats empty as missing, keeps category strings and names the column of a bad number', () => {
    expect(parseFeed('x', 'numeric', ' ')).toEqual({ value: NaN });
    expect(parseFeed('c', 'categorical', ' Paris ')).toEqual({ value: ' Paris ' });
    expect(parseFeed('c', 'categorical', '')).toEqual({ value: '' });
    expect(parseFeed('age', 'numeric', '76,98')).toEqual({ error: 'age: "76,98" is not a number' });
    expect(parseFeed('b', 'boolean', 'maybe')).toEqual({ error: 'b: "maybe" is not true/false' });
  });

  it('says epoch milliseconds for dates', () => {
    expect(feedRule('datetime')).toMatch(/epoch ms/);
    expect(feedRule('categorical')).toMatch(/string/);
  });
});

describe('tabularInputFeeds and the card table', () => {
  it('puts numeric, boolean and date columns in `numeric` and tells the card dates are epoch ms', async () => {
    const { fitPreprocess, DEFAULT_PREPROCESS } = await import('../data/preprocess');
    const { modelCard } = await import('./model-card');
    const frame = {
      rowCount: 3,
      columns: [
        { name: 'signup', dtype: 'datetime' as const, values: Float64Array.from([Date.UTC(2024, 0, 1), Date.UTC(2024, 1, 1), NaN]) },
        { name: 'city', dtype: 'categorical' as const, values: ['Köln', 'Paris', null] },
        { name: 'active', dtype: 'boolean' as const, values: Float64Array.from([1, 0, 1]) },
      ],
    };
    const pre = fitPreprocess(frame, ['signup', 'city', 'active'], Int32Array.from([0, 1, 2]), DEFAULT_PREPROCESS);
    const types = new Map(frame.columns.map((c) => [c.name, c.dtype]));
    const feeds = tabularInputFeeds(pre, (c) => types.get(c));
    expect(feeds.map((f) => [f.column, f.kind, f.input, f.position])).toEqual([
      ['signup', 'datetime', 'numeric', 0],
      ['active', 'boolean', 'numeric', 1],
      ['city', 'categorical', 'categorical', 0],
    ]);
    const card = modelCard({ modelId: 'm', createdAt: 'now', kilnVersion: '0', task: { kind: 'binary', target: 'y', features: ['signup', 'city', 'active'] } as never, datasetName: 'd', datasetSource: 's', split: { strategy: 'random', seed: 1 } as never, architecture: 'MLP', inputs: feeds });
    expect(card).toContain('| `signup` | `numeric`[0] | datetime | float32 milliseconds since 1970-01-01T00:00:00Z (UTC epoch ms');
    expect(card).toContain('| `city` | `categorical`[0] | categorical | the category as the string written in the data');
    expect(card).toContain('"Köln", "Paris"');
  });

  it('gives each GBDT column its first position in the float input', () => {
    const feeds = gbdtInputFeeds([{ column: 'age', width: 1, kind: 'numeric' }, { column: 'emb', width: 3, kind: 'embedding' }, { column: 'day', width: 1, kind: 'numeric' }], (c) => (c === 'day' ? 'datetime' : undefined));
    expect(feeds.map((f) => [f.column, f.kind, f.position])).toEqual([
      ['age', 'numeric', 0],
      ['emb', 'embedding', 1],
      ['day', 'datetime', 4],
    ]);
    const mixed = gbdtInputFeeds([{ column: 'plan', width: 1, kind: 'categorical' }, { column: 'age', width: 1, kind: 'numeric' }, { column: 'city', width: 1, kind: 'categorical' }], () => undefined, (c) => (c === 'city' ? ['Köln', 'Paris'] : undefined));
    expect(mixed.map((f) => [f.column, f.kind, f.input, f.position])).toEqual([
      ['plan', 'categorical', 'categorical', 0],
      ['age', 'numeric', 'input', 0],
      ['city', 'categorical', 'categorical', 1],
    ]);
    expect(mixed[2].categories).toEqual(['Köln', 'Paris']);
  });
});
