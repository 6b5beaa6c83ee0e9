import type { StorefrontListing } from '../extract/types.js';
import type { Db } from '../workspace/db.js';
import { ensureListing, ensureSeller } from './ensure.js';
import { stringValue, type CorrectableField, type FieldValue } from './fields.js';

/** Outcomes that show a page as it was: only these are filed under a listing. */
export const FILED_OUTCOMES: ReadonlySet<string> = new Set(['complete', 'partial', 'imported']);

export interface PlacementInput {
  /** the values in force (extracted, or as corrected) */
  values: ReadonlyMap<CorrectableField, FieldValue>;
  pageKind: 'listing' | 'storefront' | 'blocked' | 'other';
  outcome: string;
  /** the page's final URL: a listing's address, and its key when the page gives no id */
  url: string;
  seenAt: string;
  storefront?: readonly StorefrontListing[] | null;
}

/**
 * Where a capture belongs, from the values in force: the seller by
 * marketplace + seller id, the listing by marketplace + listing id (or, on
 * a seller's page with no listing id, its address). A blocked page or a
 * failed load shows no listing and is filed under none.
 */
export async function place(tx: Db, p: PlacementInput): Promise<{ listingId: string | null; sellerId: string | null }> {
  if (!FILED_OUTCOMES.has(p.outcome) || p.pageKind === 'blocked') return { listingId: null, sellerId: null };
  const str = (f: CorrectableField) => stringValue(p.values.get(f));
  const marketplace = str('marketplace');
  if (!marketplace) return { listingId: null, sellerId: null };
  const sellerKey = str('sellerId');
  const sellerId = sellerKey
    ? await ensureSeller(tx, { marketplace, sellerKey, displayName: str('sellerName'), profileUrl: str('sellerUrl'), seenAt: p.seenAt })
    : null;

  if (p.pageKind === 'storefront') {
    // The listings a seller's page shows are known to be its own, captured or not yet.
    for (const l of p.storefront ?? []) await ensureListing(tx, { marketplace, listingKey: l.listingId, url: l.url, sellerId });
    return { listingId: null, sellerId };
  }
  const listingKey = str('listingId') ?? (sellerId ? listingKeyFromUrl(p.url) : undefined);
  const listingId = listingKey ? await ensureListing(tx, { marketplace, listingKey, url: p.url, sellerId }) : null;
  return { listingId, sellerId };
}

/** A page's address as its key: without the fragment, which never reaches the server. */
function listingKeyFromUrl(url: string): string {
  try {
    const u = new URL(url);
    u.hash = '';
    return u.href;
  } catch {
    return url;
  }
}
