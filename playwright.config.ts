import { defineConfig } from '@playwright/test';

// several checkouts (git worktrees) can run their suites side by side on their own ports; a reused
// server on a shared port would test another checkout's code
const PORT = Number(process.env.KILN_E2E_PORT ?? 5174);
export const PROXY_PORT = Number(process.env.KILN_E2E_PROXY_PORT ?? 8789);
export const PROXY_TOKEN = 'e2e-proxy-token';

/** Debian's Chromium, not a downloaded build: this machine reaches no browser CDN. */
export const chromiumArgs = [
  '--enable-unsafe-webgpu',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export default defineConfig({
  testDir: './e2e',
  // the built site has its own config (playwright.built.config.ts): build, then a static server
  testIgnore: 'built-*.spec.ts',
  timeout: 240_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  // two cores and a software GPU: one browser at a time keeps training times sane
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    headless: true,
    launchOptions: { executablePath: process.env.KILN_CHROMIUM ?? '/usr/bin/chromium', args: chromiumArgs },
    trace: 'retain-on-failure',
  },
  webServer: [
    {
      // kernels.wasm first (a no-op when up to date): playwright may be run without npm test
      command: `node scripts/build-engine-wasm.mjs && npx vite --host 127.0.0.1 --port ${PORT} --strictPort`,
      url: `http://127.0.0.1:${PORT}`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      // the export proxy on its embedded demo database, with a fixed token for the tests
      command: 'npx tsx proxy/src/main.ts',
      url: `http://127.0.0.1:${PROXY_PORT}/health`,
      reuseExistingServer: !process.env.CI,
      timeout: 90_000,
      env: { KILN_PROXY_PORT: String(PROXY_PORT), KILN_PROXY_TOKEN: PROXY_TOKEN, KILN_STUDIO_ORIGIN: `http://127.0.0.1:${PORT}`, DATABASE_URL: '', KILN_SERVER_DATA_DIR: 'memory' },
    },
  ],
});
