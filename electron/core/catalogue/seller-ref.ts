import { sellers } from '../store/index.js';
import type { SellerRow } from '../store/sellers.js';
import type { Db } from '../workspace/db.js';

export type { SellerRow } from '../store/sellers.js';

/**
 * A seller as people name it: MARKETPLACE:ID (ebay:luxury_deals_88,
 * amazon.de:A1B2C3D4E5) or Exhibit's own id. The marketplace ends at the
 * first colon; the seller id may hold more.
 */
export async function findSeller(db: Db, ref: string): Promise<SellerRow | undefined> {
  const colon = ref.indexOf(':');
  if (colon > 0) {
    const found = await sellers.sellerByKey(db, ref.slice(0, colon).toLowerCase(), ref.slice(colon + 1));
    if (found) return found;
  }
  return sellers.sellerById(db, ref);
}

/** The seller a merged one now stands under (itself when unmerged). */
export async function groupOf(db: Db, s: SellerRow): Promise<SellerRow> {
  if (s.mergedInto === null) return s;
  return (await sellers.sellerById(db, s.mergedInto)) ?? s;
}

export function sellerLabel(s: { marketplace: string; sellerKey: string; displayName?: string | null }): string {
  return `${s.marketplace}:${s.sellerKey}${s.displayName ? ` (${s.displayName})` : ''}`;
}
