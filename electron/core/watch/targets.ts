import { findCase } from '../catalogue/cases.js';
import { findListing } from '../catalogue/listing-ref.js';
import { findSeller, groupOf } from '../catalogue/seller-ref.js';
import type { Db } from '../workspace/db.js';
import type { WatchTargetKind } from './rules.js';

export interface WatchTarget {
  kind: WatchTargetKind;
  id: string;
  label: string;
}

/**
 * What a person names: a listing (MARKETPLACE:ID or its id), a seller
 * (MARKETPLACE:ID or its id; a merged seller stands for its group) or a
 * case (name or id).
 */
export async function resolveTarget(db: Db, kind: WatchTargetKind, ref: string): Promise<WatchTarget | undefined> {
  if (kind === 'listing') {
    const l = await findListing(db, ref);
    return l && { kind, id: l.id, label: `${l.marketplace}:${l.listingKey}` };
  }
  if (kind === 'seller') {
    const s = await findSeller(db, ref);
    if (!s) return undefined;
    const g = await groupOf(db, s);
    return { kind, id: g.id, label: `${g.marketplace}:${g.sellerKey}` };
  }
  const c = await findCase(db, ref);
  return c && { kind, id: c.id, label: c.name };
}

export const TARGET_HINT: Record<WatchTargetKind, string> = {
  listing: 'exhibit listings lists them; name one as MARKETPLACE:ID, e.g. amazon:B0TEST1DE1',
  seller: 'exhibit sellers lists them; name one as MARKETPLACE:ID, e.g. ebay:luxury_deals_88',
  case: 'exhibit case list lists them',
};
