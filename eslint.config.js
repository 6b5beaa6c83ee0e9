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
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Test workers are whole programs: they decide their own exit code.
    files: ['test/fixtures/**/*.mjs'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
