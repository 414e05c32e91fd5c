/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { resolve } from 'node:path';
import { isolationHeaders } from './scripts/isolation-headers.mjs';

export default defineConfig({
  plugins: [
    react(),
    // The offline copy: src/pwa/sw.ts is built with the list of every file of the build it must
    // precache (app shell, workers, TF.js and onnxruntime-web wasm, samples). It registers only in
    // production builds (src/pwa/register.ts), so the dev server and its e2e suite never meet it.
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/pwa',
      filename: 'sw.ts',
      injectRegister: false,
      manifest: {
        name: 'Kiln: browser ML studio',
        short_name: 'Kiln',
        description: 'Train, compare and export models in the browser; data and runs stay in IndexedDB.',
        start_url: './',
        scope: './',
        display: 'standalone',
        background_color: '#12151c',
        theme_color: '#12151c',
        // drawn by scripts/make-icons.mjs
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: 'icons/icon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      injectManifest: {
        rollupFormat: 'iife',
        // the manifest and its icons are added by the plugin itself
        globPatterns: ['**/*.{html,js,css,wasm,csv}'],
        // the bench page and its workers are a developer tool, online only
        globIgnores: ['bench.html', 'assets/bench-*', 'assets/*-bench.worker-*'],
        // onnxruntime-web's wasm is 28 MB: offline export needs it whole
        maximumFileSizeToCacheInBytes: 64 * 1024 * 1024,
      },
    }),
  ],
  worker: { format: 'es' },
  // onnxruntime-web loads its WASM glue itself; Vite's dependency pre-bundling breaks that load
  optimizeDeps: { exclude: ['onnxruntime-web'] },
  build: {
    target: 'es2022',
    rollupOptions: {
      input: {
        main: resolve(import.meta.dirname, 'index.html'),
        bench: resolve(import.meta.dirname, 'bench.html'),
      },
    },
  },
  // cross-origin isolation (SharedArrayBuffer, wasm threads) in dev and preview as in the built site
  server: { host: '127.0.0.1', port: 5173, strictPort: true, headers: isolationHeaders },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true, headers: isolationHeaders },
  test: {
    include: ['src/**/*.test.ts', 'workers/**/*.test.ts', 'proxy/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
