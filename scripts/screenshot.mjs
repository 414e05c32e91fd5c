// Regenerates docs/screenshot.png: loads a sample, trains a small MLP, captures the studio mid-way.
// Usage: npm start (in another shell), then node scripts/screenshot.mjs [url]
import { chromium } from '@playwright/test';

const url = process.argv[2] ?? 'http://127.0.0.1:5173/';
const browser = await chromium.launch({
  executablePath: process.env.KILN_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--enable-unsafe-webgpu', '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 1300 } });
await page.goto(url);
await page.waitForFunction(() => window.__kilnTest?.ready === true);
await page.getByTestId('sample-breast_cancer.csv').click();
await page.getByTestId('dataset-preview').waitFor();
await page.getByTestId('epochs').fill('40');
await page.getByTestId('train-button').click();
await page.getByTestId('final-metrics').waitFor({ timeout: 300_000 });
await page.screenshot({ path: 'docs/screenshot.png', fullPage: true });
await browser.close();
console.log('wrote docs/screenshot.png');
