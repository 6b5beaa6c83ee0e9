import type { Db } from '../workspace/db.js';

export interface SellerRow {
  id: string;
  marketplace: string;
  sellerKey: string;
  displayName: string | null;
  profileUrl: string | null;
  notes: string;
  status: 'active' | 'reported' | 'removed';
  mergedInto: string | null;
  createdAt: string;
}

export const SELLER_COLUMNS = `id, marketplace, seller_key AS sellerKey, display_name AS displayName, profile_url AS profileUrl,
  notes, status, merged_into AS mergedInto, created_at AS createdAt`;

/**
 * A seller as people name it: MARKETPLACE:ID (ebay:luxury_deals_88,
 * amazon.de:A1B2C3D4E5) or Exhibit's own id. The marketplace ends at the
 * first colon; the seller id may hold more.
 */
export async function findSeller(db: Db, ref: string): Promise<SellerRow | undefined> {
  const colon = ref.indexOf(':');
  if (colon > 0) {
    const found = await db.get<SellerRow>(`SELECT ${SELLER_COLUMNS} FROM sellers WHERE marketplace = ? AND seller_key = ?`, [ref.slice(0, colon).toLowerCase(), ref.slice(colon + 1)]);
    if (found) return found;
  }
  return db.get<SellerRow>(`SELECT ${SELLER_COLUMNS} FROM sellers WHERE id = ?`, [ref]);
}

/** The seller a merged one now stands under (itself when unmerged). */
export async function groupOf(db: Db, s: SellerRow): Promise<SellerRow> {
  if (s.mergedInto === null) return s;
  return (await db.get<SellerRow>(`SELECT ${SELLER_COLUMNS} FROM sellers WHERE id = ?`, [s.mergedInto])) ?? s;
}

export function sellerLabel(s: { marketplace: string; sellerKey: string; displayName?: string | null }): string {
  return `${s.marketplace}:${s.sellerKey}${s.displayName ? ` (${s.displayName})` : ''}`;
}
