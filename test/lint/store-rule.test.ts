import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

/*
 * The one home for data access is kept by lint: SQL text written anywhere in
 * the app outside electron/core/store (the migrations and the connection
 * aside) is refused, so a query cannot drift back into a handler or the CLI.
 */

// The project's own rule block, with the TypeScript parser but without type information (a whole program takes a minute to build).
const configFile: string = '../../eslint.config.js';
const config = ((await import(configFile)) as { default: Linter.Config[] }).default;
const storeBlock = config.find((block) => JSON.stringify(block.rules ?? {}).includes('SQL belongs in electron/core/store'));
if (!storeBlock) throw new Error('eslint.config.js has no rule keeping SQL in electron/core/store');
const eslint = new ESLint({ cwd: process.cwd(), overrideConfigFile: true, overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser as Linter.Parser } }, storeBlock] });

async function sqlMessages(filePath: string, text: string): Promise<string[]> {
  const [result] = await eslint.lintText(text, { filePath });
  return (result?.messages ?? []).filter((m) => /SQL belongs in electron\/core\/store/.test(m.message)).map((m) => `${m.line}:${m.column}`);
}

const QUERIES = `import type { Db } from '../workspace/db.js';
export async function count(db: Db): Promise<number> {
  const row = await db.get<{ n: number }>('SELECT count(*) AS n FROM captures', []);
  await db.run(\`UPDATE sellers SET name = ? WHERE id = ?\`, ['a', 'b']);
  const where = \`c.listing_id = ?\`;
  await db.all(\`\${'x'} FROM captures c WHERE \${where}\`, []);
  return row?.n ?? 0;
}
`;

describe('SQL lives in the store', () => {
  it('refuses SQL text in a core module, a handler and the CLI, and says where it belongs', async () => {
    for (const file of ['electron/core/catalogue/cases.ts', 'electron/core/api/handlers.ts', 'electron/cli/commands/show.ts']) {
      expect(await sqlMessages(file, QUERIES), file).toEqual(['3:43', '4:16', '6:22']);
    }
  });

  it('accepts it in the store, the migrations and the connection, and does not mistake words in messages for SQL', async () => {
    expect(await sqlMessages('electron/core/store/rows.ts', QUERIES)).toEqual([]);
    expect(await sqlMessages('electron/core/workspace/db.ts', QUERIES)).toEqual([]);
    const prose = `export const help = 'Select a seller, then Update its notes; delete nothing from the list.';\n`;
    expect(await sqlMessages('electron/core/catalogue/cases.ts', prose)).toEqual([]);
  });
});
