import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readAmazonOffers } from '../../../electron/core/fakes/readers/amazon-offers.js';
import { readSearchPage } from '../../../electron/core/fakes/readers/index.js';

/*
 * Real saved search pages of live marketplaces, read where they are kept
 * (outside the repository: their licences do not allow copying them in),
 * against the ground truth published with them.
 */
const DIR = process.env.EXHIBIT_SEARCH_FIXTURES ?? fileURLToPath(new URL('../../../../shared/fixtures/marketplace-search/', import.meta.url));
const present = existsSync(`${DIR}/ground-truth.json`);
if (!present) console.warn(`real saved search pages skipped: no ${DIR}/ground-truth.json (set EXHIBIT_SEARCH_FIXTURES to the marketplace-search fixtures)`);
if (!present) {
  process.stderr.write(`SKIPPED test/core/fakes/real-search-pages.test.ts: the real saved marketplace search pages are not at ${DIR} (they live beside the repository, in shared/fixtures/marketplace-search, and are never copied into it). Set EXHIBIT_SEARCH_FIXTURES to their folder to run it.\n`);
}

interface Page {
  file: string;
  gzipped: boolean;
  marketplace: string;
  pageKind: string;
  groundTruth: { items?: Record<string, unknown>[] };
}

const pages: Page[] = present ? (JSON.parse(readFileSync(`${DIR}/ground-truth.json`, 'utf8')) as Page[]) : [];
const html = (p: Page) => {
  const bytes = readFileSync(`${DIR}/${p.file}`);
  return (p.gzipped ? gunzipSync(bytes) : bytes).toString('utf8');
};
const origin: Record<string, string> = { 'amazon.de': 'https://www.amazon.de/s?k=x', 'amazon.com': 'https://www.amazon.com/s?k=x', 'ebay.de': 'https://www.ebay.de/sch/i.html?_nkw=x' };

describe.skipIf(!present)('real saved search pages', () => {
  for (const page of pages.filter((p) => p.pageKind === 'amazon-search')) {
    it(`reads every Amazon result of ${page.file.split('/').pop()}: ASIN, title, price, sponsored, thumbnail`, () => {
      const reading = readSearchPage(html(page), origin[page.marketplace]!);
      expect(reading.reader).toBe('amazon-search');
      expect(reading.generic).toBe(false);
      expect(reading.marketplace).toBe(page.marketplace);
      const want = page.groundTruth.items!;
      expect(reading.results.map((r) => r.listingId)).toEqual(want.map((w) => w.asin));
      expect(reading.results.map((r) => r.title)).toEqual(want.map((w) => w.title));
      expect(reading.results.map((r) => r.priceText)).toEqual(want.map((w) => w.price));
      expect(reading.results.map((r) => r.sponsored)).toEqual(want.map((w) => w.sponsored));
      expect(reading.results.map((r) => r.thumbnail)).toEqual(want.map((w) => w.thumbnail));
    });
  }

  for (const page of pages.filter((p) => p.pageKind === 'ebay-search')) {
    it(`reads every eBay result of ${page.file.split('/').pop()}: item id, title, price, thumbnail; carousels left out`, () => {
      const reading = readSearchPage(html(page), origin[page.marketplace]!);
      expect(reading.reader).toBe('ebay-search');
      expect(reading.marketplace).toBe('ebay');
      const want = page.groundTruth.items!;
      // The ground truth leaves out the "TOP ANGEBOT" deal cards; they are results shown to the public, and read too.
      const ids = new Set(want.map((w) => w.itemId));
      const known = reading.results.filter((r) => ids.has(r.listingId));
      expect(known.map((r) => r.listingId)).toEqual(want.map((w) => w.itemId));
      expect(known.map((r) => r.title)).toEqual(want.map((w) => w.title));
      expect(known.map((r) => r.priceText)).toEqual(want.map((w) => w.price));
      expect(known.map((r) => r.thumbnail)).toEqual(want.map((w) => w.thumbnail));
      expect(known.every((r) => r.currency === 'EUR' && r.price !== null)).toBe(true);
      expect(reading.results.length - known.length).toBe(7);
    });
  }
});

describe.skipIf(!present)('real saved all-offers pages', () => {
  for (const page of pages.filter((p) => p.pageKind === 'amazon-offer-listing')) {
    it(`reads every seller's offer on ${page.file.split('/').slice(-2).join('/')}: price, shipping, condition, seller name and id`, () => {
      const offers = readAmazonOffers(html(page), 'https://www.amazon.in/gp/offer-listing/B01NCE2FHK');
      const want = (page.groundTruth as { offers: Record<string, unknown>[] }).offers;
      expect(offers.map((o) => ({ position: o.position, price: o.priceText, shippingPrice: o.shippingPriceText, condition: o.condition, sellerName: o.sellerName, sellerId: o.sellerId, soldByAmazonLogo: o.soldByAmazon }))).toEqual(want);
      expect(offers.every((o) => o.currency === 'INR' && /^\d+\.\d\d$/.test(o.price ?? ''))).toBe(true);
      expect(offers.find((o) => o.sellerName === 'Gadgets_Guru')?.feedbackCount ?? 16_432).toBe(16_432);
    });
  }
});
