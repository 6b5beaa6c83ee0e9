import type { CheerioAPI } from 'cheerio';
import { within } from '../../extract/dom.js';
import { attr, LIMIT, plain, priced, text, url, withPage } from './common.js';
import type { SearchReader, SearchResult } from './types.js';

const NEW_LABEL = /^(new listing|neues angebot|nouvelle annonce|nuova inserzione|nuevo anuncio)\s*/i;

/** eBay's result list (ul.srp-results li.s-item); the "Shop on eBay" placeholders are skipped. */
export const ebaySearch: SearchReader = {
  id: 'ebay-search',
  recognise: (u, $) => /(^|\.)ebay\.[a-z.]+$/.test(u.hostname) || $('ul.srp-results li.s-item').length > 0,
  marketplace: () => 'ebay',
  pageUrl: (u, n) => withPage(u, '_pgn', n),
  read($: CheerioAPI, base: URL) {
    const out: Omit<SearchResult, 'position'>[] = [];
    const seen = new Set<string>();
    const currency = /ebay\.(de|fr|it|es|at|nl|ie)$/.test(base.hostname) ? 'EUR' : /ebay\.co\.uk$/.test(base.hostname) ? 'GBP' : null;
    for (const el of $('ul.srp-results > li.s-item').toArray().slice(0, LIMIT)) {
      const card = $(el);
      const href = attr(card, 'a.s-item__link', 'href');
      const id = /\/itm\/(?:[^/?#]+\/)?(\d{6,})/.exec(href ?? '')?.[1];
      if (!id || seen.has(id)) continue;
      const titleEl = within(card, '.s-item__title').first().clone();
      within(titleEl, '.LIGHT_HIGHLIGHT, .clipped').remove();
      const title = plain(titleEl)?.replace(NEW_LABEL, '') ?? null;
      if (!title || /^shop on ebay$/i.test(title)) continue;
      seen.add(id);
      const seller = text(card, '.s-item__seller-info-text');
      out.push({
        listingId: id,
        url: url(href, base)!,
        title,
        ...priced(text(card, '.s-item__price'), currency),
        sellerName: seller ? seller.replace(/\s*\(.*$/, '') : null,
        sellerId: seller ? seller.replace(/\s*\(.*$/, '') : null,
        feedbackCount: feedbackOf(seller),
        thumbnail: url(attr(card, 'img.s-item__image-img', 'src') ?? attr(card, 'img', 'data-src'), base),
        sponsored: false,
      });
    }
    return out;
  },
};

/** "bestbottles_cn (12) 98,1%" → 12; "(1.234)" and "(1,234)" → 1234. */
function feedbackOf(sellerInfo: string | null): number | null {
  const m = /\(([\d.,\s]+)\)/.exec(sellerInfo ?? '');
  return m ? Number(m[1]!.replace(/[^\d]/g, '')) : null;
}
