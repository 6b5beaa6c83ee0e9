import type { CheerioAPI } from 'cheerio';
import { within, type Nodes } from '../../extract/dom.js';
import { parsePrice } from '../../extract/price.js';
import { absoluteUrl, normaliseSpace } from '../../extract/text.js';
import type { SearchResult } from './types.js';

export const LIMIT = 500;

export function text(nodes: Nodes, selector: string): string | null {
  const found = within(nodes, selector).first();
  return found.length ? plain(found) : null;
}

/** The text as the page shows it: the parser has decoded its entities once, and once only. */
export function plain(nodes: Nodes): string | null {
  return normaliseSpace(nodes.text()) || null;
}

export function attr(nodes: Nodes, selector: string, name: string): string | null {
  const found = within(nodes, selector).first();
  return found.length ? normaliseSpace(found.attr(name) ?? '') || null : null;
}

export function url(href: string | null | undefined, base: URL): string | null {
  return absoluteUrl(href, base);
}

/** Price fields from the page's printed price; a range keeps its text and takes its lower bound. */
export function priced(priceText: string | null, defaultCurrency: string | null): Pick<SearchResult, 'priceText' | 'price' | 'currency'> {
  if (!priceText) return { priceText: null, price: null, currency: null };
  const p = parsePrice(priceText, defaultCurrency);
  return { priceText, price: p?.amount ?? null, currency: p?.currency ?? null };
}

export function withPage(url: URL, param: string, n: number): string {
  const u = new URL(url.href);
  if (n <= 1) u.searchParams.delete(param);
  else u.searchParams.set(param, String(n));
  return u.href;
}

export function imageOf($: CheerioAPI, card: Nodes, base: URL): string | null {
  const img = within(card, 'img').first();
  if (!img.length) return null;
  return url(img.attr('src') ?? img.attr('data-src') ?? null, base);
}
