import type { CheerioAPI } from 'cheerio';
import { found } from './fields.js';
import { readSellerProfileFrom } from './seller-profile.js';
import { bareHost } from './text.js';
import type { ListingFields } from './types.js';

/**
 * A shop's own trader page outside the marketplaces Exhibit knows (#20): the
 * "Impressum", "Legal notice", "Mentions légales" or "Business information"
 * page that EU law makes a trader publish, giving the trader's name with an
 * address, a VAT or a registration number. Such a page is that shop's seller
 * profile: the shop is the seller, named by its host (as a Shopify store's
 * listings name it), so the capture is filed under it and its trader details
 * are read for links. Null for any other page.
 */
const HEADING = /\b(impressum|imprint|legal notice|legal information|legal disclosure|mentions l[ée]gales|informations l[ée]gales|business information|trader information|anbieterkennzeichnung)\b/i;

export function traderPage($: CheerioAPI, url: URL): ListingFields | null {
  const host = bareHost(url);
  if (!host) return null;
  const headings = [$('title').first().text(), ...$('h1, h2').toArray().slice(0, 10).map((h) => $(h).text())];
  const heading = headings.find((h) => HEADING.test(h));
  if (heading === undefined) return null;
  const profile = readSellerProfileFrom($, url.href);
  if (!profile) return null;
  const named = profile.businessName ?? null;
  // A name alone is not trader details: with it, an address or a registration the law asks for.
  if (!(profile.address || profile.vat || profile.company)) return null;
  const fields: ListingFields = { sellerId: found(host, 'url', 'host'), sellerUrl: found(url.href, 'url', 'trader page') };
  if (named) fields.sellerName = found(named.value, 'selector', named.source);
  return fields;
}
