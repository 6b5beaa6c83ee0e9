import { listings as listingStore, sellers as sellerStore } from '../store/index.js';
import type { ListingLine } from '../store/listings.js';
import type { CaptureLine, SellerFilter, SellerSummary } from '../store/sellers.js';
import type { Db } from '../workspace/db.js';
import { sellersOfListings, type ListingSeller } from './offers.js';
import { findSeller, groupOf, type SellerRow } from './seller-ref.js';

export type { CaptureLine, SellerSummary } from '../store/sellers.js';

/**
 * Every seller (merged ones counted under the seller they were merged
 * into), most recently seen first. Counts come from columns the database
 * keeps current (see migration 002), so this stays fast at any size.
 */
export async function listSellers(db: Db, filter: SellerFilter = {}): Promise<SellerSummary[]> {
  return sellerStore.sellerSummaries(db, filter);
}

export interface ListingSummary extends ListingLine {
  /** every seller it was seen with: each capture's buy-box seller and each seller whose offer its pages showed, first seen first */
  sellers: ListingSeller[];
}

/** The listings with all their sellers, not only the latest. */
export async function withSellers(db: Db, rows: ListingLine[]): Promise<ListingSummary[]> {
  const sellers = await sellersOfListings(db, rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, sellers: sellers.get(r.id) ?? [] }));
}

export interface SellerDetail {
  seller: SellerRow;
  /** the sellers merged into this one */
  merged: SellerRow[];
  /** every display name seen, with when first seen */
  names: { name: string; firstSeen: string; sellerId: string }[];
  tags: string[];
  statusHistory: { at: string; status: string; note: string }[];
  listings: ListingSummary[];
  /** oldest first: the seller's history */
  captures: CaptureLine[];
}

/** One seller's page: its names and ids, status history, listings and captures over time. */
export async function sellerDetail(db: Db, ref: string): Promise<SellerDetail | undefined> {
  const found = await findSeller(db, ref);
  if (!found) return undefined;
  const seller = await groupOf(db, found);
  const merged = await sellerStore.sellersMergedInto(db, seller.id);
  const group = [seller.id, ...merged.map((m) => m.id)];
  const names = await sellerStore.namesOfGroup(db, group);
  const tags = await sellerStore.tagsOf(db, seller.id);
  const statusHistory = await sellerStore.statusHistoryOfGroup(db, group);
  const listings = await withSellers(db, await listingStore.listingsOfGroup(db, group));
  const captures = await sellerStore.capturesOfGroup(db, group);
  return { seller, merged, names, tags, statusHistory, listings, captures };
}

/** Listings, most recently seen first; of one seller (and those merged into it) when asked. */
export async function listListings(db: Db, filter: { sellerId?: string; limit?: number } = {}): Promise<ListingSummary[]> {
  const limit = filter.limit ?? -1;
  // Its listings: those filed under it, and those whose pages showed its offer.
  if (filter.sellerId !== undefined) return withSellers(db, await listingStore.listingsOfSeller(db, filter.sellerId, limit));
  return withSellers(db, await listingStore.latestListings(db, limit));
}
