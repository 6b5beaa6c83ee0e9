import type { CheerioAPI } from 'cheerio';
import { textOf, within } from '../dom.js';
import { found } from '../fields.js';
import { absoluteUrl, cleanText, queryParam } from '../text.js';
import type { ListingFields } from '../types.js';

/**
 * Amazon's buy box: who sells the listing's main offer (name, seller id from
 * the seller's link) and who ships it, in the layouts and languages of the
 * national sites.
 */

/** Who sells, in #merchant-info's sentence, in each national site's wording. */
const SOLD_BY: RegExp[] = [
  /\bships from and sold by (.+?)\.?$/i,
  /\bdispatched from and sold by (.+?)\.?$/i,
  /\bsold by (.+?)(?: and (?:fulfilled|dispatched|shipped) by .+)?\.?$/i,
  /\bVerkauf und Versand durch (.+?)\.?$/i,
  /\bVerkauf durch (.+?)(?: und Versand durch .+)?\.?$/i,
  /\bExpédié et vendu par (.+?)\.?$/i,
  /\bVendu par (.+?)(?: et expédié par .+)?\.?$/i,
  /\bVenduto e spedito da (.+?)\.?$/i,
  /\bVenduto da (.+?)(?: e spedito da .+)?\.?$/i,
  /\bVendido y enviado por (.+?)\.?$/i,
  /\bVendido por (.+?)(?: y enviado por .+)?\.?$/i,
  /\bVerkocht en verzonden door (.+?)\.?$/i,
  /\bVerkocht door (.+?)(?: en verzonden door .+)?\.?$/i,
];

const SHIPS_FROM: RegExp[] = [
  /\b(?:ships|dispatched) from and sold by (.+?)\.?$/i,
  /\b(?:fulfilled|dispatched|shipped) by (.+?)\.?$/i,
  /\bVerkauf und Versand durch (.+?)\.?$/i,
  /\bVersand durch (.+?)\.?$/i,
  /\bExpédié et vendu par (.+?)\.?$/i,
  /\bexpédié par (.+?)\.?$/i,
  /\bVenduto e spedito da (.+?)\.?$/i,
  /\bspedito da (.+?)\.?$/i,
  /\bVendido y enviado por (.+?)\.?$/i,
  /\benviado por (.+?)\.?$/i,
  /\bVerkocht en verzonden door (.+?)\.?$/i,
  /\bverzonden door (.+?)\.?$/i,
];

/** Links that name the buy box's seller; their seller id is in `seller=`, `merchantID=` or `me=`. */
const SELLER_LINKS = [
  '#merchant-info #sellerProfileTriggerId',
  '#tabular-buybox #sellerProfileTriggerId',
  '#merchantInfoFeature_feature_div #sellerProfileTriggerId',
  '#sellerProfileTriggerId',
  '#merchant-info a',
  '#merchantInfoFeature_feature_div a',
  '#tabular-buybox a',
  '.offer-display-feature-text a',
  '#buybox a[href*="seller="]',
];
/**
 * A product page also offers used copies and other sellers' offers, each
 * with its own seller: only the main (new) offer's seller is the listing's.
 */
const OTHER_OFFERS = '[id^="usedAccordionRow"], #usedBuySection, #usedbuyBox, #usedOnlyBuybox, #mbc, #moreBuyingChoices_feature_div, #aod-container, #all-offers-display, #olp_feature_div';
const SELLER_PARAMS = ['seller', 'merchantID', 'merchantId', 'me'];

export const mainOffer = ($: CheerioAPI, selector: string) => $(selector).filter((_, el) => $(el).closest(OTHER_OFFERS).length === 0);

export function readSeller($: CheerioAPI, url: URL): ListingFields {
  const fields: ListingFields = {};
  for (const selector of SELLER_LINKS) {
    for (const el of mainOffer($, selector).toArray().slice(0, 20)) {
      const a = $(el);
      const id = queryParam(a.attr('href'), SELLER_PARAMS);
      if (!id || !/^[A-Z0-9]{8,20}$/.test(id.value)) continue;
      fields.sellerId = found(id.value, 'selector', `${selector}[href] ${id.name}=`);
      const name = textOf(a);
      if (name && !/^(details|seller profile|see more|more)$/i.test(name)) fields.sellerName = found(name, 'selector', selector);
      const sellerUrl = absoluteUrl(a.attr('href'), url);
      if (sellerUrl) fields.sellerUrl = found(sellerUrl, 'selector', `${selector}[href]`);
      break;
    }
    if (fields.sellerId) break;
  }

  // The newer buy box: rows labelled "Ships from" / "Sold by" (and translations).
  const rows = readBuyboxRows($);
  if (!fields.sellerName && rows.soldBy) fields.sellerName = rows.soldBy;
  if (rows.shipsFrom) fields.shipsFrom = rows.shipsFrom;

  const info = textOf(mainOffer($, '#merchant-info'))?.slice(0, 500);
  if (info) {
    if (!fields.sellerName) {
      const name = matchFirst(SOLD_BY, info);
      if (name) fields.sellerName = found(name, 'selector', '#merchant-info');
    }
    if (!fields.shipsFrom) {
      const from = matchFirst(SHIPS_FROM, info);
      if (from) fields.shipsFrom = found(from, 'selector', '#merchant-info');
    }
  }
  return fields;
}

function readBuyboxRows($: CheerioAPI): { soldBy?: ListingFields['sellerName']; shipsFrom?: ListingFields['shipsFrom'] } {
  const out: { soldBy?: ListingFields['sellerName']; shipsFrom?: ListingFields['shipsFrom'] } = {};
  // The newer layouts name their rows in English whatever the site's language.
  const features: [string, 'soldBy' | 'shipsFrom'][] = [
    ['#merchantInfoFeature_feature_div .offer-display-feature-text', 'soldBy'],
    ['#fulfillerInfoFeature_feature_div .offer-display-feature-text', 'shipsFrom'],
    ['.tabular-buybox-text[tabular-attribute-name="Sold by"]', 'soldBy'],
    ['.tabular-buybox-text[tabular-attribute-name="Ships from"]', 'shipsFrom'],
  ];
  for (const [selector, key] of features) {
    const value = textOf(mainOffer($, selector));
    if (value) out[key] ??= found(value, 'selector', selector);
  }
  // The 2020-2021 table: a label cell, then a value cell (whose text Amazon prints twice, full and truncated).
  for (const row of mainOffer($, '#tabular-buybox tr').toArray().slice(0, 40)) {
    const label = textOf(within($(row), '.tabular-buybox-label').first()) ?? textOf(within($(row), 'td').first());
    const value = textOf(within($(row), '.tabular-buybox-text').first()) ?? textOf(within($(row), 'td').last());
    if (!label || !value) continue;
    if (!out.shipsFrom && /^(ships from|dispatched from|versand|expédié par|spedizione|enviado desde|verzonden door)/i.test(label)) out.shipsFrom = found(value, 'selector', '#tabular-buybox .tabular-buybox-text (Ships from)');
    if (!out.soldBy && /^(sold by|verkäufer|verkauf durch|vendu par|venditore|venduto da|vendido por|verkocht door)/i.test(label)) out.soldBy = found(value, 'selector', '#tabular-buybox .tabular-buybox-text (Sold by)');
  }
  return out;
}

function matchFirst(patterns: RegExp[], text: string): string | null {
  for (const r of patterns) {
    const m = r.exec(text);
    const v = m ? cleanText(m[1]) : null;
    if (v) return v;
  }
  return null;
}

