/**
 * The headers that make the studio cross-origin isolated (SharedArrayBuffer, wasm threads). One
 * list for the Vite dev server, `vite preview` and scripts/serve-dist.mjs. require-corp rather
 * than credentialless: every resource the studio loads is its own, and the one cross-origin party,
 * the export proxy, is fetched with CORS, which require-corp accepts.
 */
export const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};
