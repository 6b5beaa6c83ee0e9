import type { PageExtraction } from '../extract/types.js';
import { readOffers } from '../extract/offers/index.js';
import type { Offer } from '../fakes/readers/amazon-offers.js';
import { offers } from '../store/index.js';
import { appendCustody } from '../workspace/custody.js';
import type { Db } from '../workspace/db.js';
import { ensureSeller } from './ensure.js';

/*
 * Every offer on a listing page. Amazon shows one offer per seller on the
 * detail page's offers panel and on the all-offers page (eMAG its "Alte
 * oferte" list, extract/offers/): counterfeits hide
 * there, on a genuine product's page, beside the buy-box seller the capture
 * is filed under. Each offer's seller is filed as a seller of the listing
 * (made, and logged, the first time it is met, as any seller), once per
 * listing, with what its offer said on the capture it was first seen on.
 */

/** The offers a listing page shows, one per seller; none on other pages or marketplaces without an offers reader. */
export function offersOnPage(html: string, url: string, extraction: PageExtraction | null): Offer[] {
  if (!extraction || extraction.kind !== 'listing') return [];
  return readOffers(html, url, extraction);
}

export interface FiledOffer {
  sellerId: string;
  sellerKey: string;
}

/**
 * Files the offers' sellers under the listing, in the capture's own
 * transaction: a seller not yet met is made (seller.created), a seller not
 * yet known to sell this listing is added (listing.offer-filed). Offers
 * without a seller id (Amazon itself, shown by its logo) name no account to
 * file.
 */
export async function fileOffers(
  tx: Db,
  o: { listingId: string; marketplace: string; captureId: string; seenAt: string; offers: readonly Offer[] },
): Promise<FiledOffer[]> {
  const filed: FiledOffer[] = [];
  const done = new Set<string>();
  for (const offer of o.offers) {
    if (!offer.sellerId || done.has(offer.sellerId)) continue;
    done.add(offer.sellerId);
    const sellerId = await ensureSeller(tx, { marketplace: o.marketplace, sellerKey: offer.sellerId, displayName: offer.sellerName ?? undefined, seenAt: o.seenAt });
    const values = { price: offer.price, currency: offer.currency, condition: offer.condition, shipsFrom: offer.shipsFrom, feedbackCount: offer.feedbackCount };
    const added = await offers.insertOffer(tx, { listingId: o.listingId, sellerId, captureId: o.captureId, firstSeen: o.seenAt, ...values });
    if (!added) continue;
    await appendCustody(tx, {
      action: 'listing.offer-filed',
      subject: o.listingId,
      details: { sellerId, marketplace: o.marketplace, sellerKey: offer.sellerId, captureId: o.captureId, seenAt: o.seenAt, ...values },
    });
    filed.push({ sellerId, sellerKey: offer.sellerId });
  }
  return filed;
}

export interface ListingSeller {
  sellerId: string;
  marketplace: string;
  sellerKey: string;
  name: string | null;
  /** 'buy-box': a capture of the listing was filed under it; 'offer': its offer was shown on the listing's page */
  via: ('buy-box' | 'offer')[];
  firstSeen: string;
  /** what its offer said when first seen (offers only) */
  offer: { price: string | null; currency: string | null; condition: string | null; shipsFrom: string | null; feedbackCount: number | null; captureId: string } | null;
}

/**
 * Every seller a listing was seen with: the buy-box seller of each of its
 * captures and each seller whose offer its pages showed, first seen first.
 */
export async function sellersOfListings(db: Db, listingIds: readonly string[]): Promise<Map<string, ListingSeller[]>> {
  const out = new Map<string, ListingSeller[]>();
  for (let i = 0; i < listingIds.length; i += 400) {
    const rows = await offers.sellerSightings(db, listingIds.slice(i, i + 400));
    for (const r of rows) {
      const list = out.get(r.listingId) ?? [];
      out.set(r.listingId, list);
      let s = list.find((x) => x.sellerId === r.sellerId);
      if (!s) {
        s = { sellerId: r.sellerId, marketplace: r.marketplace, sellerKey: r.sellerKey, name: r.name, via: [], firstSeen: r.firstSeen, offer: null };
        list.push(s);
      }
      if (!s.via.includes(r.via)) s.via.push(r.via);
      if (r.firstSeen < s.firstSeen) s.firstSeen = r.firstSeen;
      if (r.via === 'offer') s.offer = { price: r.price, currency: r.currency, condition: r.condition, shipsFrom: r.shipsFrom, feedbackCount: r.feedbackCount, captureId: r.captureId };
    }
  }
  return out;
}
