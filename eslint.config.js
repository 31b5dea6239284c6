// Lint keeps each folder in its own world (STYLE.md): sync/ is plain TypeScript + RxDB and runs
// in the renderer, in Node tests and in the district CLI; only main/ and preload/ touch electron.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'http', 'https', 'crypto', 'net', 'url', 'util', 'stream', 'zlib'];
const restrict = (groups, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: groups, message }] }],
});

// The renderer's own adapter module is platform/electron.ts: ban the `electron` package by exact
// name, since a gitignore-style pattern `electron` would also match the relative `./electron`.
const rendererMessage = 'the renderer reaches the OS only through its platform adapter.';
const rendererRestrictions = (district) => ({
  'no-restricted-imports': ['error', {
    paths: [{ name: 'electron', message: rendererMessage }],
    patterns: [
      { group: ['electron/*', ...nodeBuiltins, '**/main/**'], message: rendererMessage },
      { regex: district, message: rendererMessage },
    ],
  }],
});

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'artifacts/**', 'test-results/**', '.data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['sync/**/*.ts'],
    rules: restrict(['electron', 'electron/*', 'react', 'react-dom', ...nodeBuiltins, '**/main/**', '**/renderer/**', '**/district/**'], 'sync/ runs everywhere: no electron, React, Node built-ins, or app layers.'),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...rendererRestrictions('(^|/)district/'),
    },
  },
  {
    // `?demo=1` seeds the browser from the demo generator (a dynamic import, never in a real station's path).
    files: ['renderer/demo/**/*.ts'],
    rules: rendererRestrictions('(^|/)district/(?!demo/)'),
  },
  {
    files: ['preload/**/*.ts'],
    rules: restrict(['react', 'react-dom', ...nodeBuiltins, '**/renderer/**', '**/district/**'], 'the preload only bridges the IPC contract.'),
  },
  {
    files: ['ipc/**/*.ts'],
    rules: restrict(['electron', 'electron/*', 'react', 'react-dom', ...nodeBuiltins, '**/main/**', '**/preload/**', '**/renderer/**', '**/district/**'], 'ipc/ is the contract main, preload and renderer share: plain TypeScript + zod.'),
  },
  {
    files: ['district/**/*.ts'],
    rules: restrict(['electron', 'electron/*', 'react', 'react-dom', '**/renderer/**', '**/main/**'], 'the district CLI runs in plain Node.'),
  },
);
