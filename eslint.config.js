import globals from 'globals';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'release/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { project: './tsconfig.check.json', tsconfigRootDir: import.meta.dirname } },
    rules: {
      // A dropped promise loses its error: evidence work must never fail silently.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.object.name='process'][callee.property.name='exit']", message: 'Only bin/exhibit.js decides the exit code.' }],
    },
  },
  {
    // The core runs under plain Node for the CLI and the tests: no Electron, no DOM.
    files: ['electron/core/**/*.ts', 'electron/cli/**/*.ts', 'electron/serve/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'The core must run without Electron; put this in electron/main/.' }], patterns: [{ group: ['**/main/*', '**/renderer/*'], message: 'The core does not import the shell or the UI.' }] }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator'],
    },
  },
  {
    // Exhibit's own words (electron/core/terms) are bundled into the UI too: nothing of Node, no runtime import but other terms.
    files: ['electron/core/terms/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ regex: '^(?!\\./[^/]+$)', allowTypeImports: true, message: 'A terms module needs nothing at run time but other terms (import type for the rest).' }] }],
    },
  },
  {
    // The UI runs in a sandboxed page: browser globals only, and the core reached through its types alone.
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser }, parserOptions: { project: './renderer/tsconfig.json', tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            // electron/core/terms: Exhibit's own words, environment-free, one home for the CLI, the dossier and the app.
            { regex: '(^|/)electron(/(?!core/terms/[^/]+$).*)?$', allowTypeImports: true, message: 'The renderer imports only the API\'s types from the core (import type), and its words from electron/core/terms.' },
            { group: ['node:*', 'zod', 'sqlite3', 'playwright', 'playwright-core'], message: 'Not in the renderer: it talks to the core through the API.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require', '__dirname'],
    },
  },
  {
    // Vite's config runs under Node, at build time.
    files: ['renderer/vite.config.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // The shell answers IPC in one place only (electron/main/ipc.ts: sender check, parsed arguments, envelope).
    files: ['electron/main/**/*.ts', 'electron/main/**/*.cts'],
    ignores: ['electron/main/ipc.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='process'][callee.property.name='exit']", message: 'Only bin/exhibit.js decides the exit code.' },
        { selector: "MemberExpression[object.name='ipcMain'][property.name=/^(handle|handleOnce|on|once|addListener|prependListener)$/]", message: 'Answer IPC through handleFromApp (electron/main/ipc.ts), the one wrapper that checks the sender and parses the arguments.' },
      ],
    },
  },
  {
    // One home for data access (electron/core/store): SQL text anywhere else is refused.
    // The schema's migrations and the connection itself are the only other places that speak SQL.
    files: ['electron/**/*.ts'],
    ignores: ['electron/core/store/**', 'electron/core/workspace/migrations/**', 'electron/core/workspace/db.ts', 'electron/core/hub/schema/**', 'electron/main/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='process'][callee.property.name='exit']", message: 'Only bin/exhibit.js decides the exit code.' },
        { selector: 'Literal[value=/^\\s*(SELECT|INSERT|UPDATE|DELETE|WITH|REPLACE|CREATE|DROP|ALTER|PRAGMA|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|VACUUM|ANALYZE)\\s|\\b(FROM|JOIN|INTO|WHERE|SET)\\s+[a-z_(]/]', message: 'SQL belongs in electron/core/store (one module per table group, rows parsed there).' },
        { selector: 'TemplateElement[value.raw=/^\\s*(SELECT|INSERT|UPDATE|DELETE|WITH|REPLACE|CREATE|DROP|ALTER|PRAGMA|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|VACUUM|ANALYZE)\\s|\\b(FROM|JOIN|INTO|WHERE|SET)\\s+[a-z_(]/]', message: 'SQL belongs in electron/core/store (one module per table group, rows parsed there).' },
      ],
    },
  },
  {
    // Test workers are whole programs: they decide their own exit code.
    files: ['test/fixtures/**/*.mjs'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
