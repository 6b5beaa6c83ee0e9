import type { CaptureLine, SellerSummary } from '../catalogue/queries.js';
import type { hubViews } from '../store/pg/index.js';

/* The hub's rows in the shapes the app's screens take (the workspace's DTOs): the hub keeps no tags or statuses (a listing's, with the prices its captures read: app-listings.ts). */

export function sellerSummary(s: hubViews.HubSellerLine): SellerSummary {
  return { id: String(s.id), marketplace: s.marketplace, sellerKey: s.seller_key, displayName: s.name, status: 'active', tags: [], listings: s.listings, captures: s.captures, firstSeen: s.first, lastSeen: s.last, merged: 0 };
}

/** A capture's line, from any of the hub's capture rows. */
export function captureLine(c: Pick<hubViews.HubCaptureLine, 'id' | 'listing_id' | 'listing_key' | 'seller_id' | 'url' | 'outcome' | 'captured_at' | 'manifest_sha256'>): CaptureLine {
  return {
    id: c.id,
    listingId: c.listing_id === null ? null : String(c.listing_id),
    listingKey: c.listing_key,
    sellerId: c.seller_id === null ? null : String(c.seller_id),
    url: c.url,
    httpStatus: null,
    outcome: c.outcome,
    startedAt: c.captured_at,
    manifestSha256: c.manifest_sha256,
  };
}
