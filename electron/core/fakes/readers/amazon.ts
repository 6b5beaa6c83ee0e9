import type { CheerioAPI } from 'cheerio';
import { within } from '../../extract/dom.js';
import { cleanText } from '../../extract/text.js';
import { attr, LIMIT, priced, text, url, withPage } from './common.js';
import type { SearchReader, SearchResult } from './types.js';

const CURRENCY: Record<string, string> = { de: 'EUR', fr: 'EUR', it: 'EUR', es: 'EUR', nl: 'EUR', 'co.uk': 'GBP', com: 'USD', ca: 'CAD', in: 'INR', 'co.jp': 'JPY' };
const MODERN = 'div[data-component-type="s-search-result"]';
const LEGACY = 'li.s-result-item[id^="result_"]';
const SPONSORED_START = /^(sponsored|gesponsert|sponsorisé|sponsorizzato|patrocinado)/i;
const SPONSORED = /^(sponsored|gesponsert|sponsorisé|sponsorizzato|patrocinado)$/i;

function tld(u: URL): string {
  return /amazon\.(.+)$/.exec(u.hostname)?.[1] ?? '';
}

/** Amazon's search results: the current card layout and the 2019 list layout. */
export const amazonSearch: SearchReader = {
  id: 'amazon-search',
  recognise: (u, $) => /(^|\.)amazon\.[a-z.]+$/.test(u.hostname) || $(MODERN).length > 0 || $(LEGACY).length > 0,
  marketplace: (u) => (/(^|\.)amazon\.[a-z.]+$/.test(u.hostname) ? `amazon.${tld(u)}` : 'amazon'),
  pageUrl: (u, n) => withPage(u, 'page', n),
  read($: CheerioAPI, base: URL) {
    const currency = CURRENCY[tld(base)] ?? null;
    const out: Omit<SearchResult, 'position'>[] = [];
    for (const el of $(`${MODERN}, ${LEGACY}`).toArray().slice(0, LIMIT)) {
      const card = $(el);
      const asin = cleanText(card.attr('data-asin'));
      if (!asin) continue;
      const legacy = card.is(LEGACY);
      const title = legacy
        ? (attr(card, 'a.s-access-detail-page', 'title') ?? text(card, 'h2'))
        : (text(card, 'h2 a span, h2 span') ?? text(card, 'h2'));
      const priceText = legacy ? (text(card, 'span.s-price, span.a-color-price') ?? null) : text(card, '.a-price:not(.a-text-price) .a-offscreen');
      const href = legacy ? attr(card, 'a.s-access-detail-page', 'href') : (attr(card, 'h2 a', 'href') ?? attr(card, `a[href*="/dp/${asin}"]`, 'href'));
      const sponsored = legacy
        ? within(card, 'h5').toArray().some((h) => SPONSORED_START.test(cleanText($(h).text()) ?? ''))
        : within(card, '.puis-sponsored-label-text, .s-sponsored-label-text, .puis-label-popover').length > 0 ||
          within(card, 'span.a-color-secondary').toArray().some((s) => SPONSORED.test(cleanText($(s).text()) ?? ''));
      out.push({
        listingId: asin,
        url: url(href, base) ?? new URL(`/dp/${asin}`, base).href,
        title,
        ...priced(priceText, currency),
        sellerName: null,
        sellerId: null,
        thumbnail: url(attr(card, legacy ? 'img.s-access-image, img' : 'img.s-image', 'src'), base),
        sponsored,
      });
    }
    return out;
  },
};
