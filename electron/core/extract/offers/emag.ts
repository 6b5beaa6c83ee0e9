import { load } from 'cheerio/slim';
import { within } from '../dom.js';
import { normaliseSpace } from '../text.js';
import type { Offer } from '../../fakes/readers/amazon-offers.js';

const HOST = /(?:^|\.)emag\.(ro|bg|hu)$/;
const CURRENCY: Record<string, string> = { ro: 'RON', bg: 'BGN', hu: 'HUF' };
const LIMIT = 500;

export const isEmag = (url: URL): boolean => HOST.test(url.hostname.toLowerCase());

/**
 * Every other seller's offer an eMAG product page shows ("Alte oferte",
 * #other-offers-list): one row per vendor, with its vendor id, the name
 * under "Vândut de" / "Vândut și livrat de", the price and the state shown
 * (new or "Resigilat", resealed). The price is read from the row's machine
 * value (data-new-price), the printed one kept as shown. Pure.
 */
export function readEmagOffers(html: string, pageUrl: string): Offer[] {
  let url: URL;
  try {
    url = new URL(pageUrl);
  } catch {
    return [];
  }
  if (!isEmag(url)) return [];
  const currency = CURRENCY[HOST.exec(url.hostname.toLowerCase())![1]!] ?? null;
  const $ = load(typeof html === 'string' ? html : '');
  const out: Offer[] = [];
  for (const el of $('#other-offers-list .js-po-offer[data-vendor-id]').toArray().slice(0, LIMIT)) {
    const o = $(el);
    const sellerId = normaliseSpace(o.attr('data-vendor-id') ?? '') || null;
    const vendor = within(o, 'a[href*="/v"] strong, a[href*="/v"]').first();
    const printed = within(o, '.product-new-price').first().clone();
    printed.find('sup').each((_, sup) => {
      $(sup).replaceWith(`,${$(sup).text()}`);
    });
    const priceText = normaliseSpace(printed.text()) || null;
    const machine = within(o, '[data-new-price]').first().attr('data-new-price');
    const price = machine && /^\d+(\.\d+)?$/.test(machine) ? machine : null;
    const resealed = /resigilat|разпечатан|bontott/i.test(o.text()) || within(o, '[data-product-type="resealed"]').length > 0;
    out.push({
      position: out.length,
      priceText,
      price,
      currency: price ? currency : null,
      shippingPriceText: normaliseSpace(within(o, '.js-po-shipping-cost-value').text()) || null,
      condition: resealed ? 'resealed' : 'new',
      sellerName: vendor.length ? normaliseSpace(vendor.text()) || null : null,
      sellerId,
      soldByAmazon: false,
      shipsFrom: null,
      feedbackCount: null,
    });
  }
  return out;
}
