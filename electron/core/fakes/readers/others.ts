import type { CheerioAPI } from 'cheerio';
import { cleanText } from '../../extract/text.js';
import { attr, imageOf, LIMIT, priced, text, url, withPage } from './common.js';
import type { SearchReader, SearchResult } from './types.js';

type Read = Omit<SearchResult, 'position'>;

/** Etsy's listing cards (data-listing-id, with the shop's id and name on the card). */
export const etsySearch: SearchReader = {
  id: 'etsy-search',
  recognise: (u, $) => /(^|\.)etsy\.com$/.test(u.hostname) || $('[data-listing-id][data-shop-id]').length > 0,
  marketplace: () => 'etsy',
  pageUrl: (u, n) => withPage(u, 'page', n),
  read($, base) {
    const out: Read[] = [];
    for (const el of $('[data-listing-id]').toArray().slice(0, LIMIT)) {
      const card = $(el);
      const id = cleanText(card.attr('data-listing-id'));
      if (!id || out.some((r) => r.listingId === id)) continue;
      const symbol = text(card, '.currency-symbol') ?? '';
      const value = text(card, '.currency-value');
      out.push({
        listingId: id,
        url: url(attr(card, 'a', 'href'), base) ?? new URL(`/listing/${id}`, base).href,
        title: text(card, 'h3, h2') ?? attr(card, 'a', 'title'),
        ...priced(value ? `${symbol}${value}` : null, null),
        sellerName: text(card, '.shop-name, [data-shop-name]'),
        sellerId: cleanText(card.attr('data-shop-id')) ?? null,
        thumbnail: imageOf($, card, base),
        sponsored: /\bad\b|sponsored/i.test(text(card, '.ad-label, [data-ad-label]') ?? ''),
      });
    }
    return out;
  },
};

/** AliExpress's product cards (div[data-product-id]); the store shown on the card where it is. */
export const aliexpressSearch: SearchReader = {
  id: 'aliexpress-search',
  recognise: (u, $) => /(^|\.)aliexpress\.[a-z.]+$/.test(u.hostname) || $('div[data-product-id]').length > 0,
  marketplace: () => 'aliexpress',
  pageUrl: (u, n) => withPage(u, 'page', n),
  read($, base) {
    const out: Read[] = [];
    for (const el of $('div[data-product-id]').toArray().slice(0, LIMIT)) {
      const card = $(el);
      const id = cleanText(card.attr('data-product-id'));
      if (!id || out.some((r) => r.listingId === id)) continue;
      const store = card.find('a[href*="/store/"]').first();
      out.push({
        listingId: id,
        url: url(attr(card, 'a[href*="/item/"]', 'href'), base) ?? new URL(`/item/${id}.html`, base).href,
        title: text(card, 'h1, h3, [class*="title"]') ?? attr(card, 'img', 'alt'),
        ...priced(text(card, '[class*="price-sale"], [class*="price--current"], [class*="price"]'), null),
        sellerName: cleanText(store.text()) ?? null,
        sellerId: /\/store\/(\d+)/.exec(store.attr('href') ?? '')?.[1] ?? null,
        thumbnail: imageOf($, card, base),
        sponsored: false,
      });
    }
    return out;
  },
};

/** Walmart's search state in __NEXT_DATA__ (the cards in the DOM are only those scrolled to). */
export const walmartSearch: SearchReader = {
  id: 'walmart-search',
  recognise: (u) => /(^|\.)walmart\.(com|ca)$/.test(u.hostname),
  marketplace: (u) => (u.hostname.endsWith('.ca') ? 'walmart.ca' : 'walmart.com'),
  pageUrl: (u, n) => withPage(u, 'page', n),
  read($: CheerioAPI, base) {
    const raw = $('script#__NEXT_DATA__').first().text();
    if (!raw) return [];
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch {
      return [];
    }
    const stacks = dig(data, ['props', 'pageProps', 'initialData', 'searchResult', 'itemStacks']);
    const out: Read[] = [];
    for (const stack of Array.isArray(stacks) ? stacks : []) {
      for (const item of asArray(dig(stack, ['items']))) {
        const id = str(dig(item, ['usItemId']));
        const name = str(dig(item, ['name']));
        if (!id || !name || out.some((r) => r.listingId === id) || out.length >= LIMIT) continue;
        out.push({
          listingId: id,
          url: url(str(dig(item, ['canonicalUrl'])), base) ?? new URL(`/ip/${id}`, base).href,
          title: name,
          ...priced(str(dig(item, ['priceInfo', 'linePrice'])) ?? str(dig(item, ['priceInfo', 'priceRange'])), 'USD'),
          sellerName: str(dig(item, ['sellerName'])),
          sellerId: str(dig(item, ['sellerId'])),
          thumbnail: str(dig(item, ['imageInfo', 'thumbnailUrl'])) ?? str(dig(item, ['image'])),
          sponsored: dig(item, ['isSponsoredFlag']) === true,
        });
      }
    }
    return out;
  },
};

function dig(v: unknown, path: readonly string[]): unknown {
  let cur = v;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, k)) return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : null);
