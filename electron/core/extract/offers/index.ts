import type { PageExtraction } from '../types.js';
import { readAmazonOffers, type Offer } from '../../fakes/readers/amazon-offers.js';
import { isEmag, readEmagOffers } from './emag.js';

/**
 * The marketplaces whose product pages show several sellers' offers for one
 * product, each with the reader of its offers list. Adding one is a reader
 * in this folder and one line here.
 */
const READERS: readonly { id: string; applies: (x: PageExtraction, url: URL) => boolean; read: (html: string, url: string) => Offer[] }[] = [
  { id: 'amazon', applies: (x) => x.extractor === 'amazon', read: readAmazonOffers },
  { id: 'emag', applies: (_x, url) => isEmag(url), read: readEmagOffers },
];

/** The offers a listing page shows, one per seller; none on other pages or marketplaces without an offers reader. */
export function readOffers(html: string, url: string, extraction: PageExtraction): Offer[] {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return [];
  }
  const reader = READERS.find((r) => r.applies(extraction, u));
  return reader ? reader.read(html, url) : [];
}
