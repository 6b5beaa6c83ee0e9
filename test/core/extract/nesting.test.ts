import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MAX_NESTING, nestsTooDeep } from '../../../electron/core/extract/nesting.js';

describe('nesting deeper than a browser builds', () => {
  it('passes ordinary pages, whose unclosed p, li and td add no depth', () => {
    const dir = fileURLToPath(new URL('../../fixtures/marketplace-pages/', import.meta.url));
    for (const f of readdirSync(dir)) expect(nestsTooDeep(readFileSync(dir + f, 'utf8')), f).toBe(false);
    expect(nestsTooDeep('<ul>' + '<li>x'.repeat(10_000) + '</ul><table>' + '<tr><td>x'.repeat(10_000))).toBe(false);
  });

  it('stops pages nested deeper than the limit, ignoring tags inside scripts and comments', () => {
    expect(nestsTooDeep('<div>'.repeat(MAX_NESTING + 1))).toBe(true);
    expect(nestsTooDeep('<div>'.repeat(MAX_NESTING))).toBe(false);
    expect(nestsTooDeep(`<script>${'<div>'.repeat(10_000)}</script>`)).toBe(false);
    expect(nestsTooDeep(`<!--${'<div>'.repeat(10_000)}-->`)).toBe(false);
    expect(nestsTooDeep('<div></div>'.repeat(10_000))).toBe(false);
  });
});
