import { load } from 'cheerio/slim';
import { within } from '../../extract/dom.js';
import { queryParam } from '../../extract/text.js';
import { attr, plain, priced, text } from './common.js';

/** One seller's offer on a product page: Amazon's "Other sellers" / all-offers panel, or the older offer-listing page. */
export interface Offer {
  position: number;
  priceText: string | null;
  price: string | null;
  currency: string | null;
  shippingPriceText: string | null;
  condition: string | null;
  sellerName: string | null;
  sellerId: string | null;
  /** Amazon itself, shown by its logo instead of a name */
  soldByAmazon: boolean;
  shipsFrom: string | null;
  /** "(16,432 total ratings)" on the offer, where shown */
  feedbackCount: number | null;
}

const LIMIT = 500;

/**
 * Every offer an Amazon all-offers page shows, one per seller: the AOD panel
 * (#aod-offer, today's layout) and the offer-listing page (div.olpOffer,
 * /gp/offer-listing/, still served by older marketplaces and saved pages).
 * Pure; a page with neither gives no offers.
 */
export function readAmazonOffers(html: string, pageUrl: string): Offer[] {
  const $ = load(typeof html === 'string' ? html : '');
  let base: URL;
  try {
    base = new URL(pageUrl);
  } catch {
    base = new URL('https://www.amazon.com/');
  }
  const currency = /amazon\.in$/.test(base.hostname) ? 'INR' : null;
  const out: Offer[] = [];
  for (const el of $('div.olpOffer, #aod-pinned-offer, div#aod-offer').toArray().slice(0, LIMIT)) {
    const o = $(el);
    const aod = !o.hasClass('olpOffer');
    const sellerLink = aod ? within(o, '#aod-offer-soldBy a[href*="seller="]').first() : within(o, '.olpSellerName a[href*="seller="]').first();
    const sellerId = queryParam(sellerLink.attr('href'), ['seller'])?.value ?? null;
    const logo = aod ? null : attr(o, '.olpSellerName img', 'alt');
    const priceText = aod ? text(o, '.a-price .a-offscreen') : text(o, '.olpOfferPrice');
    const ratings = /\(([\d,.\s]+)\s+total ratings\)/i.exec(plain(within(o, aod ? '#aod-offer-seller-rating' : '.olpSellerColumn')) ?? '')?.[1];
    out.push({
      position: out.length,
      ...rename(priced(priceText, currency)),
      shippingPriceText: aod ? null : text(o, '.olpShippingPrice'),
      condition: aod ? text(o, '#aod-offer-heading h5, #aod-offer-heading') : text(o, '.olpCondition'),
      sellerName: sellerLink.length ? plain(sellerLink) : (logo ?? (aod ? text(o, '#aod-offer-soldBy .a-color-base') : null)),
      sellerId,
      soldByAmazon: logo !== null ? /amazon/i.test(logo) : false,
      shipsFrom: aod ? text(o, '#aod-offer-shipsFrom .a-color-base') : null,
      feedbackCount: ratings ? Number(ratings.replace(/[^\d]/g, '')) : null,
    });
  }
  return out;
}

function rename(p: { priceText: string | null; price: string | null; currency: string | null }) {
  return { priceText: p.priceText, price: p.price, currency: p.currency };
}
