import { expect, test } from './fixtures/test';
import { SchemaPage } from './fixtures/schema-page';
import { StudioPage } from './fixtures/studio-page';

/**
 * A European export: decimal commas, dots grouping thousands, dd.mm.yyyy dates, a numeric code
 * that is really a category, and a yes/no target. Every row is generated, so the expected values
 * come from the same numbers.
 */
const ROWS = 40;
const pad = (n: number, w: number) => String(n).padStart(w, '0');
function row(i: number) {
  const amountCents = i % 2 === 0 ? 100_000 * (i + 1) + i * 37 : 1250 + i;
  const euros = Math.floor(amountCents / 100);
  const amount = `${euros >= 1000 ? `${Math.floor(euros / 1000)}.${pad(euros % 1000, 3)}` : euros},${pad(amountCents % 100, 2)}`;
  const price = `${10 + i},${pad((i * 7) % 100, 2)}`;
  const day = 1 + (i % 28);
  const signup = `${pad(day, 2)}.${pad(1 + (i % 12), 2)}.${2020 + (i % 4)}`;
  const region = ['north', 'south', 'east', 'west'][i % 4];
  const code = [101, 202, 303][i % 3];
  const churn = i % 3 === 0 ? 'yes' : 'no';
  return { amountCents, amount, price, signup, region, code, churn, day, month: 1 + (i % 12), year: 2020 + (i % 4) };
}
const rows = Array.from({ length: ROWS }, (_, i) => row(i));
const csv = ['amount,price,signup,region,code,churn', ...rows.map((r) => `"${r.amount}","${r.price}",${r.signup},${r.region},${r.code},${r.churn}`)].join('\n');

test('a CSV with decimal commas, thousands separators and dd.mm.yyyy dates is typed right; a type override changes the features and survives a reload', async ({ page }) => {
  const studio = new StudioPage(page);
  const schema = new SchemaPage(page);
  await studio.open('?backend=cpu');
  await studio.dropText('european.csv', csv);
  await studio.expectDataset('european.csv', ROWS);

  // typed right without help, with the format shown
  await expect(schema.typeOf('amount')).toHaveText('numeric');
  await expect(schema.formatOf('amount')).toHaveText('1.234,5');
  await expect(schema.typeOf('price')).toHaveText('numeric');
  await expect(schema.formatOf('price')).toHaveText('1234,5');
  await expect(schema.typeOf('signup')).toHaveText('datetime');
  await expect(schema.formatOf('signup')).toHaveText('dd.mm.yyyy');
  await expect(schema.typeOf('code')).toHaveText('numeric');
  expect(rows[0].amount).toBe('1.000,00');
  expect(await schema.cell(1, 'amount')).toBe('1000');
  expect(await schema.cell(3, 'amount')).toBe(String(rows[2].amountCents / 100));
  expect(await schema.cell(2, 'price')).toBe('11.07');
  expect(await schema.cell(1, 'signup')).toBe(`${rows[0].year}-${pad(rows[0].month, 2)}-${pad(rows[0].day, 2)}T00:00:00.000Z`);

  // the train panel's features before any override: code is one numeric feature
  await expect(page.getByTestId('target-select')).toHaveValue('churn');
  const before = await schema.features();
  expect(before.summary).toBe('Features: 5 of 5 usable columns');
  expect(before.types).toMatchObject({ amount: 'numeric', price: 'numeric', signup: 'datetime', region: 'categorical', code: 'numeric' });

  // code is a category, region is dropped
  await schema.setType('code', 'categorical');
  await expect(schema.typeOf('code')).toHaveText('categorical');
  await schema.setType('region', 'ignore');
  await expect(schema.typeOf('region')).toHaveCount(0);
  await expect.poll(async () => (await schema.features()).summary).toBe('Features: 4 of 4 usable columns');
  expect((await schema.features()).types).toEqual({ amount: 'numeric', price: 'numeric', signup: 'datetime', code: 'categorical' });

  // the model trains on them: the run's features are code's levels, with no region
  await studio.setModel({ architecture: 'linear', epochs: 2 });
  await studio.startTraining();
  await studio.waitForFinalMetrics();
  const run = await page.evaluate(() => window.__kilnTest!.runs()[0]);
  expect(run.featureNames).toEqual(expect.arrayContaining(['code=101', 'code=202', 'code=303', 'amount', 'signup']));
  expect(run.featureNames!.some((f) => f.startsWith('region'))).toBe(false);
  expect(run.schema?.overrides).toEqual({ code: { type: 'categorical' }, region: { type: 'ignore' } });

  // kept after a reload
  await page.reload();
  await page.waitForFunction(() => window.__kilnTest?.ready === true);
  await schema.selectDataset('european.csv');
  await expect(schema.typeOf('code')).toHaveText('categorical');
  await expect(schema.typeSelect('region')).toHaveValue('ignore');
  await expect(schema.typeOf('amount')).toHaveText('numeric');
  await expect.poll(async () => (await schema.features()).summary).toBe('Features: 4 of 4 usable columns');

  // and undone: back to the detected type
  await schema.setType('code', 'numeric');
  await expect(schema.typeOf('code')).toHaveText('numeric');
  const stored = await page.evaluate(() => window.__kilnTest!.datasets().find((d) => d.fileName === 'european.csv')!.schema!.overrides);
  expect(stored).toEqual({ region: { type: 'ignore' } });
});

test('the one-hot cap shows which levels it lumps into __other__, and the cap can be raised', async ({ page }) => {
  const studio = new StudioPage(page);
  const cities = Array.from({ length: 30 }, (_, i) => `city${pad(i, 2)}`);
  // city00 is the most frequent, city29 the rarest: the cap of 20 lumps city20..city29
  const lines = ['city,y'];
  cities.forEach((c, i) => {
    for (let k = 0; k < 30 - i; k++) lines.push(`${c},${(i + k) % 2}`);
  });
  await studio.open('?backend=cpu');
  await studio.dropText('cities.csv', lines.join('\n'));
  const total = lines.length - 1;
  await studio.expectDataset('cities.csv', total);
  const note = page.getByTestId('onehot-lumped-city');
  const lumpedRows = Array.from({ length: 10 }, (_, k) => 10 - k).reduce((a, b) => a + b, 0);
  await expect(note).toContainText(`10 of 30 levels, ${lumpedRows} rows → __other__`);
  await expect(note).toContainText('city20 (10)');
  await expect(note).toContainText('city29 (1)');
  await expect(note).not.toContainText('city19');
  await page.getByTestId('raise-onehot-cap').click();
  await expect(page.getByTestId('onehot-cap')).toHaveCount(0);
  await page.getByRole('region', { name: 'Task setup' }).getByText('Preprocessing').scrollIntoViewIfNeeded();
  await expect(page.getByLabel('One-hot cap (categories per column)')).toHaveValue('30');
});
