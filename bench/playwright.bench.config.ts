import { resolve } from 'node:path';
import { defineConfig } from '@playwright/test';
import base from '../playwright.config';

/**
 * Browser benches: the e2e config's servers and Chromium, specs under bench/ named *.pw.ts.
 * Run one with `npx playwright test -c bench/playwright.bench.config.ts large-train`.
 */
export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: '*.pw.ts',
  testIgnore: [],
  // the bench writes its figures itself; no retries, one run
  timeout: 1_200_000,
  // the servers run from the repository root, as under the e2e config
  webServer: (Array.isArray(base.webServer) ? base.webServer : base.webServer ? [base.webServer] : []).map((w) => ({ ...w, cwd: resolve(import.meta.dirname, '..') })),
});
