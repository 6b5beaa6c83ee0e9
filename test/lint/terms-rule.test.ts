import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

/*
 * Exhibit's own words have one home, electron/core/terms, which the UI
 * bundles: the renderer may import those values and nothing else of the
 * core (types aside), and a terms module needs nothing at run time that
 * would drag Node or the core into the page.
 */

const configFile: string = '../../eslint.config.js';
const config = ((await import(configFile)) as { default: Linter.Config[] }).default;
const blocks = config.filter((block) => /renderer imports only|A terms module needs nothing/.test(JSON.stringify(block.rules ?? {})));
if (blocks.length !== 2) throw new Error('eslint.config.js lacks the renderer-import or the terms rule');
const RULE = '@typescript-eslint/no-restricted-imports';
// Only the import rule of each block, with the TypeScript parser but without type information.
const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfigFile: true,
  overrideConfig: [{ files: ['**/*.ts', '**/*.tsx'], languageOptions: { parser: tseslint.parser as Linter.Parser }, plugins: { '@typescript-eslint': tseslint.plugin as never } }, ...blocks.map((b) => ({ files: b.files, rules: { [RULE]: b.rules![RULE]! } }))],
});

async function refused(filePath: string, text: string): Promise<number[]> {
  const [result] = await eslint.lintText(text, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === RULE).map((m) => m.line);
}

describe('the words Exhibit shares with its UI', () => {
  it('the renderer imports words from electron/core/terms, types from the core, and no other value of it', async () => {
    const text = `import { FIELD_NAMES } from '../../../electron/core/terms/field-names.js';
import type { SellerDetail } from '../../../electron/core/catalogue/queries.js';
import { LISTING_FIELDS } from '../../../electron/core/extract/types.js';
import { thing } from '../../../electron/core/terms/deeper/more.js';
import { ipcRenderer } from 'electron';
export const a: unknown[] = [FIELD_NAMES, LISTING_FIELDS, thing, ipcRenderer];
export type B = SellerDetail;
`;
    expect(await refused('renderer/src/i18n/en.ts', text)).toEqual([3, 4, 5]);
  });

  it('a terms module imports only other terms at run time', async () => {
    const text = `import type { CorrectableField } from '../catalogue/fields.js';
import { OTHER } from './other.js';
import { readFileSync } from 'node:fs';
import { SIGNALS } from '../fakes/terms.js';
export const a: unknown[] = [OTHER, readFileSync, SIGNALS];
export type C = CorrectableField;
`;
    expect(await refused('electron/core/terms/field-names.ts', text)).toEqual([3, 4]);
  });
});
