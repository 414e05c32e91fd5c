import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// The pure core (src/ml) runs in workers, Node tests and the CLI: no React, DOM-bound UI libraries or Dexie.
const coreRestrictions = {
  paths: [
    { name: 'react', message: 'src/ml is the pure core: no React.' },
    { name: 'react-dom', message: 'src/ml is the pure core: no React.' },
    { name: 'dexie', message: 'src/ml is the pure core: persistence lives in src/db.' },
    { name: 'zustand', message: 'src/ml is the pure core: state lives in src/state.' },
    { name: 'recharts', message: 'src/ml is the pure core: charts live in src/features.' },
  ],
  patterns: [
    { group: ['**/db/*', '**/state/*', '**/features/*', '**/app/*'], message: 'src/ml must not import the app layers.' },
  ],
};

export default tseslint.config(
  // src/ml/engine/wasm/assembly is AssemblyScript (v128, @inline, its own tsconfig), compiled by asc, not tsc
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', 'bench/results', 'src/ml/engine/wasm/assembly'] },
  {
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    files: ['**/*.{ts,tsx}'],
    languageOptions: { ecmaVersion: 2022, globals: { ...globals.browser, ...globals.worker } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/ml/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', coreRestrictions] },
  },
  {
    // a worker imports only its protocol and the core
    files: ['workers/*.worker.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: coreRestrictions.paths, patterns: [{ group: ['**/src/db/*', '**/src/state/*', '**/src/features/*', '**/src/app/*'], message: 'workers import only their protocol and src/ml.' }] },
      ],
    },
  },
  {
    files: ['**/*.{js,mjs}', 'e2e/**/*.ts', '*.config.ts', 'bench/**'],
    languageOptions: { globals: { ...globals.node } },
  },
);
