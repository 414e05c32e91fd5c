import { defineConfig } from '@playwright/test';
import base from './playwright.config';

/**
 * The e2e specs against the BUILT studio (e2e/built-*.spec.ts): `vite build`, then dist/ served by
 * scripts/serve-dist.mjs with the isolation headers, and once more without them (a host that
 * cannot set headers). `npm run test:e2e` runs this after the dev-server suite; the type check
 * that `npm run build` adds has run before it in `npm test`.
 */
export const BUILT_PORT = Number(process.env.KILN_E2E_BUILT_PORT ?? 4175);
export const HEADERLESS_PORT = BUILT_PORT + 1;

export default defineConfig({
  ...base,
  testIgnore: undefined,
  testMatch: 'built-*.spec.ts',
  use: { ...base.use, baseURL: `http://127.0.0.1:${BUILT_PORT}`, serviceWorkers: 'allow' },
  webServer: [
    {
      // always this checkout's build: a server left over from another one would test stale files
      command: `node scripts/build-engine-wasm.mjs && npx vite build --logLevel warn && node scripts/serve-dist.mjs --port ${BUILT_PORT}`,
      url: `http://127.0.0.1:${BUILT_PORT}`,
      reuseExistingServer: false,
      timeout: 300_000,
    },
    {
      command: `node scripts/serve-dist.mjs --port ${HEADERLESS_PORT} --no-isolation`,
      url: `http://127.0.0.1:${HEADERLESS_PORT}`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
});
