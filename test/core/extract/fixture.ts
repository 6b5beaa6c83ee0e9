import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { extractPage } from '../../../electron/core/extract/extract-page.js';
import type { ListingFields, PageExtraction } from '../../../electron/core/extract/types.js';

/** A page from test/fixtures/marketplace-pages (written for these tests), read as it would be at `url`. */
export function extractFixture(name: string, url: string): PageExtraction {
  const html = readFileSync(fileURLToPath(new URL(`../../fixtures/marketplace-pages/${name}.html`, import.meta.url)), 'utf8');
  return extractPage(html, url);
}

/** The values alone, for comparing a whole listing at a glance. */
export function valuesOf(fields: ListingFields): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v?.value]));
}

/** Every value must say where it came from: a kind and a non-empty detail. */
export function expectSourced(fields: ListingFields): void {
  for (const [name, v] of Object.entries(fields)) {
    if (!v) continue;
    if (!['json-ld', 'microdata', 'meta', 'canonical', 'selector', 'url', 'script'].includes(v.source.kind) || !v.source.detail.trim()) {
      throw new Error(`${name} has no usable source: ${JSON.stringify(v.source)}`);
    }
  }
}
