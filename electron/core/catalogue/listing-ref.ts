import { listings } from '../store/index.js';
import type { ListingRow } from '../store/listings.js';
import type { Db } from '../workspace/db.js';

export type { ListingRow } from '../store/listings.js';

/** A listing as people name it: MARKETPLACE:ID (amazon:B0TEST1DE1, ebay:2251…) or Exhibit's own id. */
export async function findListing(db: Db, ref: string): Promise<ListingRow | undefined> {
  const colon = ref.indexOf(':');
  if (colon > 0) {
    const found = await listings.listingByKey(db, ref.slice(0, colon).toLowerCase(), ref.slice(colon + 1));
    if (found) return found;
  }
  return listings.listingById(db, ref);
}

export async function listingById(db: Db, id: string): Promise<ListingRow | undefined> {
  return listings.listingById(db, id);
}

export function listingLabel(l: { marketplace: string; listingKey: string }): string {
  return `${l.marketplace}:${l.listingKey}`;
}
