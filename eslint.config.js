// Lint keeps each folder in its own world (STYLE.md): the table below says, per world, which
// worlds and packages its files may import and which globals they may read; the rules live in
// scripts/lint/worlds.js and a test proves each refusal fires. Types are checked per world too
// (each world's tsconfig.json: DOM types only where a DOM runs, Node types only where Node runs).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { ANY_GLOBALS, BROWSER_GLOBALS, NODE_GLOBALS, UNIVERSAL_GLOBALS, worldsPlugin } from './scripts/lint/worlds.js';

const SOURCE = '{ts,tsx,js,mjs,cjs}';
const DAYJS = ['dayjs', 'dayjs/plugin/*', 'dayjs/locale/*'];

/**
 * - worlds: the top folders a world may import from (`tests/support` is the shared test
 *   infrastructure); deny: paths inside those it still may not reach.
 * - packages: what it may import, `x/*` for subpaths; builtins: Node's modules.
 *   (What the installer packs is checked by tests/unit/electron-builder.test.ts, not here.)
 * - computed: may `import(x)` / `require(x)` a specifier lint cannot read (tools only).
 */
const WORLDS = {
  // The domain: runs in the renderer, in Node (tests, the district CLI) and in CouchDB's rules.
  core: {
    worlds: ['core'],
    // ajv's runtime and z-schema: the schemas' validators (generated code, and the interpreter fallback).
    packages: ['rxdb', 'rxdb/plugins/validate-z-schema', 'rxjs', 'i18next', ...DAYJS, '@turf/turf', 'geojson', 'zod', 'exceljs', 'ajv/dist/runtime/*', 'ajv-formats/dist/*'],
    globals: UNIVERSAL_GLOBALS,
  },
  // The replication engine: knows no document type, so no work-order or mediation module.
  sync: {
    worlds: ['core', 'sync'],
    deny: ['core/workorders', 'core/mediation'],
    packages: ['rxdb', 'rxdb/plugins/*', 'rxjs'],
    globals: UNIVERSAL_GLOBALS,
  },
  // The IPC contract main, preload and the renderer share.
  ipc: { worlds: ['ipc', 'core'], packages: ['zod'], globals: UNIVERSAL_GLOBALS },
  // The React app: reaches the OS only through its platform adapter (the preload bridge).
  renderer: {
    worlds: ['renderer', 'core', 'sync', 'ipc'],
    packages: ['react', 'react-dom/client', 'react-i18next', 'i18next', 'maplibre-gl', 'maplibre-gl/dist/*', 'pmtiles', 'echarts/*', 'exceljs', 'pinyin-pro', 'rxdb', 'rxjs', 'zod', 'geojson', ...DAYJS],
    globals: BROWSER_GLOBALS,
    jsx: true,
  },
  // The bridge: one CJS file built from the contract, in a sandboxed renderer.
  preload: { worlds: ['preload', 'ipc'], packages: ['electron'], globals: BROWSER_GLOBALS },
  // Electron's main process: window, protocol, IPC handlers, updates, logs.
  main: {
    worlds: ['main', 'ipc', 'core', 'sync'],
    packages: ['electron', 'fflate', 'electron-log', 'electron-log/main', 'electron-updater', 'mime-types', 'zod', 'yaml', 'semver'],
    builtins: true,
    globals: NODE_GLOBALS,
  },
  // The district CLI, the demo generator and the embedded server: plain Node, never in the app.
  district: {
    worlds: ['district', 'core', 'sync', 'ipc'],
    packages: ['nano', 'commander', 'read', ...DAYJS, 'exceljs', 'iconv-lite', 'chardet', 'yaml', 'semver', 'zod', 'mime-types', '@turf/turf', 'geojson', 'typescript', '@faker-js/faker', 'pouchdb-server/*', 'express-pouchdb/*', 'tsx/esm/api'],
    builtins: true,
    computed: true,
    globals: NODE_GLOBALS,
  },
  scripts: { worlds: ['scripts', 'core', 'sync', 'district'], packages: ['*'], builtins: true, computed: true, globals: NODE_GLOBALS },
  bin: { worlds: ['district'], packages: ['tsx/esm/api'], builtins: true, globals: NODE_GLOBALS },
  // Tests drive everything; the benchmarks use the shared test infrastructure, not the suites.
  tests: { worlds: ['core', 'sync', 'ipc', 'renderer', 'preload', 'main', 'district', 'scripts', 'tests', 'tests/support', 'tooling'], packages: ['*'], builtins: true, computed: true, globals: ANY_GLOBALS, jsx: true },
  'tests/support': { worlds: ['core', 'sync', 'renderer', 'district', 'tests/support'], packages: ['*'], builtins: true, computed: true, globals: ANY_GLOBALS, jsx: true },
  bench: { worlds: ['bench', 'core', 'sync', 'renderer', 'district', 'tests/support'], packages: ['*'], builtins: true, computed: true, globals: ANY_GLOBALS, jsx: true },
};

const filesOf = (world) => (world === 'tests' ? [`tests/**/*.${SOURCE}`] : [`${world}/**/*.${SOURCE}`]);

function worldConfig(world, options) {
  const { worlds, deny, packages, builtins = false, jsx = false, computed = false, globals: allowed } = options;
  return {
    files: filesOf(world),
    ...(world === 'tests' ? { ignores: [`tests/support/**/*.${SOURCE}`] } : {}),
    plugins: { worlds: worldsPlugin },
    rules: {
      'worlds/imports': ['error', { world, worlds, ...(deny ? { deny } : {}), packages, builtins, jsx, computed }],
      'worlds/globals': ['error', { world, allowed }],
    },
  };
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'artifacts/**', 'test-results/**', '.data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // The worlds' globals rule decides which globals exist; no-undef knows no TypeScript types.
      'no-undef': 'off',
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  ...Object.entries(WORLDS).map(([world, options]) => worldConfig(world, options)),
  {
    // CommonJS files get the module wrapper's names.
    files: ['**/*.cjs'],
    rules: { 'worlds/globals': ['error', { world: 'district', allowed: [...NODE_GLOBALS, 'require', 'module', 'exports', '__dirname', '__filename'] }] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
);
