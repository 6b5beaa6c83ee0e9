import type { Db } from '../workspace/db.js';

export interface ListingRow {
  id: string;
  marketplace: string;
  listingKey: string;
  url: string;
  title: string | null;
  sellerId: string | null;
}

const LISTING_COLUMNS = 'id, marketplace, listing_key AS listingKey, url, title, seller_id AS sellerId';

/** A listing as people name it: MARKETPLACE:ID (amazon:B0TEST1DE1, ebay:2251…) or Exhibit's own id. */
export async function findListing(db: Db, ref: string): Promise<ListingRow | undefined> {
  const colon = ref.indexOf(':');
  if (colon > 0) {
    const found = await db.get<ListingRow>(`SELECT ${LISTING_COLUMNS} FROM listings WHERE marketplace = ? AND listing_key = ?`, [ref.slice(0, colon).toLowerCase(), ref.slice(colon + 1)]);
    if (found) return found;
  }
  return db.get<ListingRow>(`SELECT ${LISTING_COLUMNS} FROM listings WHERE id = ?`, [ref]);
}

export async function listingById(db: Db, id: string): Promise<ListingRow | undefined> {
  return db.get<ListingRow>(`SELECT ${LISTING_COLUMNS} FROM listings WHERE id = ?`, [id]);
}

export function listingLabel(l: { marketplace: string; listingKey: string }): string {
  return `${l.marketplace}:${l.listingKey}`;
}
