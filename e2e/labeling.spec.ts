import { expect, test } from './fixtures/test';
import { LabelingPage } from './fixtures/labeling-page';
import { StudioPage } from './fixtures/studio-page';

const comparable = (ls: { a: string; b: string; label: number; reasonTags: string[]; labeledAt: number; note?: string }[]) =>
  ls.map((l) => ({ a: l.a, b: l.b, label: l.label, reasonTags: l.reasonTags, labeledAt: l.labeledAt, note: l.note })).sort((x, y) => x.labeledAt - y.labeledAt);

test('labels 12 pairs by keyboard with a tie, an undo and a reason tag; all 11 survive a reload; JSONL export and re-import give the same labels', async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.open('?backend=cpu');
  await page.getByTestId('sample-projects.csv').click();
  await studio.expectDataset('projects.csv', 40);
  const lab = new LabelingPage(page);
  await lab.openPool('projects.csv');
  await expect(page.getByTestId('pool-setup')).toContainText('40 items · 11 features (3 metrics, embedding of 8)');

  const keys = ['ArrowLeft', 'ArrowRight', 'a', 'b', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'ArrowLeft', 'b', 'ArrowLeft', 'ArrowRight', 'ArrowLeft'];
  const shown: { a: string; b: string }[] = [];
  for (const [i, key] of keys.entries()) {
    shown.push(await lab.pair());
    if (i === 2) {
      await page.keyboard.press('2'); // reason tag 2 ("quality") on the third pair
      await expect(page.getByTestId('tag-quality')).toHaveAttribute('data-on', 'true');
    }
    await lab.press(key, 1);
  }
  // the undo takes back the 12th label and shows its pair again
  await lab.press('u', -1);
  expect(await lab.pair()).toEqual(shown[11]);
  const before = await lab.labels();
  expect(before).toHaveLength(11);
  expect(before.map((l) => l.label)).toEqual([1, -1, 1, -1, 0, 1, -1, 1, -1, 1, -1]);
  expect(before.map((l) => ({ a: l.a, b: l.b }))).toEqual(shown.slice(0, 11));
  expect(before[2].reasonTags).toEqual(['quality']);
  expect(before.filter((l) => l.reasonTags.length > 0)).toHaveLength(1);
  expect(new Set(before.map((l) => [l.a, l.b].sort().join('|'))).size).toBe(11);

  await page.reload();
  await page.waitForFunction(() => window.__kilnTest?.ready === true);
  await lab.openPool('projects.csv');
  await expect(page.getByTestId('labeling-view')).toHaveAttribute('data-labels', '11');
  const after = await lab.labels();
  expect(comparable(after)).toEqual(comparable(before));

  const jsonl = await lab.exportJsonl();
  const lines = jsonl.trim().split('\n').map((l) => JSON.parse(l));
  expect(lines).toHaveLength(11);
  expect(lines[0]).toMatchObject({ item_a: { id: before[0].a, item_type: 'item' }, label: 1, reason_tags: [] });
  expect(lines[0].item_a.embedding).toHaveLength(8);
  expect(Object.keys(lines[0].item_a.metrics)).toEqual(['stars', 'contributors', 'test_coverage']);
  expect(lines[2].reason_tags).toEqual(['quality']);

  // deleting asks first; no keeps everything
  page.once('dialog', (d) => void d.dismiss());
  await page.getByTestId('clear-labels').click();
  expect(await lab.count()).toBe(11);
  page.once('dialog', (d) => void d.accept());
  await page.getByTestId('clear-labels').click();
  await expect(page.getByTestId('labeling-view')).toHaveAttribute('data-labels', '0');

  await lab.importJsonl('projects-labels.jsonl', jsonl);
  await expect(page.getByTestId('import-report')).toHaveAttribute('data-imported', '11');
  expect(comparable(await lab.labels())).toEqual(comparable(before));
  // the same file again adds nothing
  await lab.importJsonl('projects-labels.jsonl', jsonl);
  await expect(page.getByTestId('import-report')).toHaveAttribute('data-imported', '0');
  expect(await lab.count()).toBe(11);
});

test('a JSONL file with 3 malformed lines among 50 reports those line numbers and imports the other 47', async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.open('?backend=cpu');
  await page.getByTestId('sample-projects.csv').click();
  await studio.expectDataset('projects.csv', 40);
  const lab = new LabelingPage(page);
  await lab.openPool('projects.csv');
  const id = (i: number) => `P${String((i % 40) + 1).padStart(3, '0')}`;
  const lines = Array.from({ length: 50 }, (_, k) => JSON.stringify({ item_a: { id: id(k) }, item_b: { id: id(k + 1 + (k % 7)) }, label: [1, 0, -1][k % 3], reason_tags: [], labeled_at: new Date(Date.UTC(2026, 3, 1, 0, k)).toISOString() }));
  lines[9] = '{"item_a": {"id": "P001"}, "item_b": ';
  lines[24] = lines[24].replace(/"label":-?\d/, '"label":"yes"');
  lines[44] = JSON.stringify({ item_a: { id: 'P002' }, item_b: { id: 'P003' }, label: 1, reason_tags: [] });
  await lab.importJsonl('mixed.jsonl', lines.join('\n'));
  const report = page.getByTestId('import-report');
  await expect(report).toHaveAttribute('data-imported', '47');
  await expect(report).toHaveAttribute('data-bad-lines', '10,25,45');
  await expect(report).toContainText('line 25: "label" must be 1 (A better), 0 (tie) or -1 (B better), found "yes"');
  await expect(report).toContainText('line 45: "labeled_at" must be an ISO date-time string');
  expect(await lab.count()).toBe(47);
});
