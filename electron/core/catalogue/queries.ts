import type { Db } from '../workspace/db.js';
import { findSeller, groupOf, SELLER_COLUMNS, type SellerRow } from './seller-ref.js';

export interface SellerSummary {
  id: string;
  marketplace: string;
  sellerKey: string;
  displayName: string | null;
  status: string;
  tags: string[];
  listings: number;
  captures: number;
  firstSeen: string | null;
  lastSeen: string | null;
  /** how many other sellers were merged into this one */
  merged: number;
}

/** The sellers of a case, with its sellers' listings and captures brought in. */
const IN_CASE = `
  SELECT COALESCE(s.merged_into, s.id) FROM sellers s WHERE s.id IN (
    SELECT member_id FROM case_members WHERE case_id = ? AND kind = 'seller'
    UNION SELECT l.seller_id FROM case_members m JOIN listings l ON l.id = m.member_id WHERE m.case_id = ? AND m.kind = 'listing'
    UNION SELECT x.seller_id FROM captures x WHERE x.case_id = ?
    UNION SELECT x.seller_id FROM case_members m JOIN captures x ON x.id = m.member_id WHERE m.case_id = ? AND m.kind = 'capture')`;

/**
 * Every seller (merged ones counted under the seller they were merged
 * into), most recently seen first. Counts come from columns the database
 * keeps current (see migration 002), so this stays fast at any size.
 */
export async function listSellers(db: Db, filter: { caseId?: string; tag?: string; status?: string; limit?: number; offset?: number } = {}): Promise<SellerSummary[]> {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (filter.caseId !== undefined) {
    where.push(`g.id IN (${IN_CASE})`);
    params.push(filter.caseId, filter.caseId, filter.caseId, filter.caseId);
  }
  if (filter.tag !== undefined) {
    where.push('g.id IN (SELECT seller_id FROM seller_tags WHERE tag = ?)');
    params.push(filter.tag);
  }
  if (filter.status !== undefined) {
    where.push('g.status = ?');
    params.push(filter.status);
  }
  // Most sellers were never merged: their own columns are their totals, and
  // only the few groups with members need adding up.
  const rows = await db.all<Omit<SellerSummary, 'tags'> & { tags: string | null }>(
    `SELECT g.id, g.marketplace, g.seller_key AS sellerKey, g.display_name AS displayName, g.status,
       (SELECT group_concat(tag, char(31)) FROM seller_tags t WHERE t.seller_id = g.id) AS tags,
       g.listing_count + COALESCE(m.listings, 0) AS listings, g.capture_count + COALESCE(m.captures, 0) AS captures,
       CASE WHEN m.firstSeen IS NULL OR g.first_seen < m.firstSeen THEN COALESCE(g.first_seen, m.firstSeen) ELSE m.firstSeen END AS firstSeen,
       CASE WHEN m.lastSeen IS NULL OR g.last_seen > m.lastSeen THEN COALESCE(g.last_seen, m.lastSeen) ELSE m.lastSeen END AS lastSeen,
       COALESCE(m.merged, 0) AS merged
     FROM sellers g
     LEFT JOIN (SELECT merged_into AS id, SUM(listing_count) AS listings, SUM(capture_count) AS captures, MIN(first_seen) AS firstSeen, MAX(last_seen) AS lastSeen, COUNT(*) AS merged
                FROM sellers WHERE merged_into IS NOT NULL GROUP BY merged_into) m ON m.id = g.id
     WHERE g.merged_into IS NULL ${where.length > 0 ? `AND ${where.join(' AND ')}` : ''}
     ORDER BY lastSeen IS NULL, lastSeen DESC, g.id
     LIMIT ? OFFSET ?`,
    [...params, filter.limit ?? -1, filter.offset ?? 0],
  );
  return rows.map((r) => ({ ...r, tags: r.tags ? r.tags.split('\u001f').sort() : [] }));
}

export interface ListingSummary {
  id: string;
  marketplace: string;
  listingKey: string;
  url: string;
  title: string | null;
  price: string | null;
  currency: string | null;
  availability: string | null;
  sellerId: string | null;
  sellerKey: string | null;
  sellerName: string | null;
  captures: number;
  firstSeen: string | null;
  lastSeen: string | null;
}

export const LISTING_COLUMNS = `l.id, l.marketplace, l.listing_key AS listingKey, l.url, l.title, l.price, l.currency, l.availability,
  l.seller_id AS sellerId, s.seller_key AS sellerKey, s.display_name AS sellerName,
  l.capture_count AS captures, l.first_seen AS firstSeen, l.last_seen AS lastSeen`;

export interface CaptureLine {
  id: string;
  listingId: string | null;
  listingKey: string | null;
  sellerId: string | null;
  url: string;
  httpStatus: number | null;
  outcome: string;
  startedAt: string;
  manifestSha256: string;
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
  const merged = await db.all<SellerRow>(`SELECT ${SELLER_COLUMNS} FROM sellers WHERE merged_into = ? ORDER BY created_at`, [seller.id]);
  const group = [seller.id, ...merged.map((m) => m.id)];
  const inGroup = group.map(() => '?').join(', ');
  const names = await db.all<{ name: string; firstSeen: string; sellerId: string }>(
    `SELECT alias AS name, MIN(first_seen) AS firstSeen, seller_id AS sellerId FROM seller_aliases WHERE kind = 'name' AND seller_id IN (${inGroup}) GROUP BY alias ORDER BY firstSeen`,
    group,
  );
  const tags = (await db.all<{ tag: string }>('SELECT tag FROM seller_tags WHERE seller_id = ? ORDER BY tag', [seller.id])).map((r) => r.tag);
  const statusHistory = await db.all<{ at: string; status: string; note: string }>(
    `SELECT at, status, note FROM seller_status_history WHERE seller_id IN (${inGroup}) ORDER BY at`,
    group,
  );
  const listings = await db.all<ListingSummary>(
    `SELECT ${LISTING_COLUMNS} FROM listings l LEFT JOIN sellers s ON s.id = l.seller_id
     WHERE l.seller_id IN (${inGroup})
        OR l.id IN (SELECT listing_id FROM captures WHERE seller_id IN (${inGroup}) AND listing_id IS NOT NULL)
     ORDER BY l.last_seen IS NULL, l.last_seen DESC, l.id`,
    [...group, ...group],
  );
  const captures = await db.all<CaptureLine>(
    `SELECT c.id, c.listing_id AS listingId, l.listing_key AS listingKey, c.seller_id AS sellerId, COALESCE(c.final_url, c.requested_url) AS url,
       c.http_status AS httpStatus, c.outcome, c.started_at AS startedAt, c.manifest_sha256 AS manifestSha256
     FROM captures c LEFT JOIN listings l ON l.id = c.listing_id
     WHERE c.seller_id IN (${inGroup}) ORDER BY c.started_at, c.id`,
    group,
  );
  return { seller, merged, names, tags, statusHistory, listings, captures };
}

/** Listings, most recently seen first; of one seller (and those merged into it) when asked. */
export async function listListings(db: Db, filter: { sellerId?: string; limit?: number } = {}): Promise<ListingSummary[]> {
  const limit = filter.limit ?? -1;
  if (filter.sellerId !== undefined) {
    return db.all<ListingSummary>(
      `SELECT ${LISTING_COLUMNS} FROM listings l LEFT JOIN sellers s ON s.id = l.seller_id
       WHERE l.seller_id IN (SELECT id FROM sellers WHERE id = ? OR merged_into = ?)
       ORDER BY l.last_seen IS NULL, l.last_seen DESC, l.id LIMIT ?`,
      [filter.sellerId, filter.sellerId, limit],
    );
  }
  return db.all<ListingSummary>(
    `SELECT ${LISTING_COLUMNS} FROM listings l LEFT JOIN sellers s ON s.id = l.seller_id
     ORDER BY l.last_seen IS NULL, l.last_seen DESC, l.id LIMIT ?`,
    [limit],
  );
}
