import { z } from 'zod';
import type { Db } from '../workspace/db.js';
import { col, parseRows } from './rows.js';

/* The sellers of a listing: the buy-box seller of each capture, and each seller whose offer its pages showed (listing_sellers). */

export interface OfferValues {
  price: string | null;
  currency: string | null;
  condition: string | null;
  shipsFrom: string | null;
  feedbackCount: number | null;
}

/** Files a seller's offer under a listing, once per listing and seller; false when it was already filed. */
export async function insertOffer(tx: Db, o: { listingId: string; sellerId: string; captureId: string; firstSeen: string } & OfferValues): Promise<boolean> {
  const added = await tx.run(
    'INSERT OR IGNORE INTO listing_sellers (listing_id, seller_id, capture_id, first_seen, price, currency, condition, ships_from, feedback_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [o.listingId, o.sellerId, o.captureId, o.firstSeen, o.price, o.currency, o.condition, o.shipsFrom, o.feedbackCount],
  );
  return added.changes > 0;
}

interface Sighting extends OfferValues {
  listingId: string;
  sellerId: string;
  firstSeen: string;
  marketplace: string;
  sellerKey: string;
  name: string | null;
}

/** A capture of the listing was filed under the seller (its buy box). */
export interface BuyBoxSighting extends Sighting {
  via: 'buy-box';
  captureId: null;
}

/** The seller's offer was shown on the listing's page, first on `captureId`. */
export interface OfferSighting extends Sighting {
  via: 'offer';
  captureId: string;
}

export type SellerSighting = BuyBoxSighting | OfferSighting;

const common = {
  listingId: col.text,
  sellerId: col.text,
  firstSeen: col.text,
  price: col.textOrNull,
  currency: col.textOrNull,
  condition: col.textOrNull,
  shipsFrom: col.textOrNull,
  feedbackCount: col.intOrNull,
  marketplace: col.text,
  sellerKey: col.text,
  name: col.textOrNull,
};

const sighting = z.discriminatedUnion('via', [
  z.object({ ...common, via: z.literal('buy-box'), captureId: z.null() }),
  z.object({ ...common, via: z.literal('offer'), captureId: col.text }),
]) satisfies z.ZodType<SellerSighting>;

/**
 * Each time a listing was seen with a seller, by listing, then first seen
 * first (buy-box before offer on a tie). At most 400 listings a call: SQLite
 * caps the parameters of one statement.
 */
export async function sellerSightings(db: Db, listingIds: readonly string[]): Promise<SellerSighting[]> {
  const marks = listingIds.map(() => '?').join(', ');
  const rows = await db.all(
    `WITH seen AS (
         SELECT listing_id AS listingId, seller_id AS sellerId, 'buy-box' AS via, MIN(started_at) AS firstSeen, NULL AS price, NULL AS currency, NULL AS condition, NULL AS shipsFrom, NULL AS feedbackCount, NULL AS captureId
           FROM captures WHERE listing_id IN (${marks}) AND seller_id IS NOT NULL GROUP BY listing_id, seller_id
         UNION ALL
         SELECT listing_id, seller_id, 'offer', first_seen, price, currency, condition, ships_from, feedback_count, capture_id FROM listing_sellers WHERE listing_id IN (${marks}))
       SELECT seen.*, s.marketplace, s.seller_key AS sellerKey, s.display_name AS name FROM seen JOIN sellers s ON s.id = seen.sellerId
       ORDER BY seen.listingId, seen.firstSeen, seen.via`,
    [...listingIds, ...listingIds],
  );
  return parseRows(sighting, rows, 'listing_sellers');
}
