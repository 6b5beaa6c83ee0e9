import { z } from 'zod';
import type { Db } from '../workspace/db.js';
import { col, listingCols, parseOptionalRow, parseRows } from './rows.js';

/* Listings: a marketplace's item pages, as filed from their captures. */

export interface ListingRow {
  id: string;
  marketplace: string;
  listingKey: string;
  url: string;
  title: string | null;
  sellerId: string | null;
}

const listingRow = z.object({
  id: col.text,
  marketplace: col.text,
  listingKey: col.text,
  url: col.text,
  title: col.textOrNull,
  sellerId: col.textOrNull,
}) satisfies z.ZodType<ListingRow>;

const LISTING_REF_COLUMNS = 'id, marketplace, listing_key AS listingKey, url, title, seller_id AS sellerId';

/** A listing by the marketplace and the marketplace's own listing id. */
export async function listingByKey(db: Db, marketplace: string, listingKey: string): Promise<ListingRow | undefined> {
  return parseOptionalRow(listingRow, await db.get(`SELECT ${LISTING_REF_COLUMNS} FROM listings WHERE marketplace = ? AND listing_key = ?`, [marketplace, listingKey]), 'listings');
}

/** A listing by Exhibit's own id. */
export async function listingById(db: Db, id: string): Promise<ListingRow | undefined> {
  return parseOptionalRow(listingRow, await db.get(`SELECT ${LISTING_REF_COLUMNS} FROM listings WHERE id = ?`, [id]), 'listings');
}

/** A listing as a list shows it, with the seller it is filed under (its other sellers are added by the caller). */
export interface ListingLine {
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

export const listingLine = z.object({
  id: col.text,
  ...listingCols,
  availability: col.textOrNull,
  sellerId: col.textOrNull,
  sellerKey: col.textOrNull,
  sellerName: col.textOrNull,
  captures: col.int,
  firstSeen: col.textOrNull,
  lastSeen: col.textOrNull,
}) satisfies z.ZodType<ListingLine>;

/** The columns of a ListingLine, from `listings l LEFT JOIN sellers s ON s.id = l.seller_id`. */
export const LISTING_LINE_COLUMNS = `l.id, l.marketplace, l.listing_key AS listingKey, l.url, l.title, l.price, l.currency, l.availability,
  l.seller_id AS sellerId, s.seller_key AS sellerKey, s.display_name AS sellerName,
  l.capture_count AS captures, l.first_seen AS firstSeen, l.last_seen AS lastSeen`;

function marks(ids: readonly string[]): string {
  return ids.map(() => '?').join(', ');
}

/**
 * The listings of a seller group (a seller and those merged into it): filed
 * under one of them, captured under one, or showing one's offer; most
 * recently seen first.
 */
export async function listingsOfGroup(db: Db, group: readonly string[]): Promise<ListingLine[]> {
  const inGroup = marks(group);
  return parseRows(
    listingLine,
    await db.all(
      `SELECT ${LISTING_LINE_COLUMNS} FROM listings l LEFT JOIN sellers s ON s.id = l.seller_id
       WHERE l.seller_id IN (${inGroup})
          OR l.id IN (SELECT listing_id FROM captures WHERE seller_id IN (${inGroup}) AND listing_id IS NOT NULL)
          OR l.id IN (SELECT listing_id FROM listing_sellers WHERE seller_id IN (${inGroup}))
       ORDER BY l.last_seen IS NULL, l.last_seen DESC, l.id`,
      [...group, ...group, ...group],
    ),
    'listings',
  );
}

/**
 * The listings of a seller and those merged into it: filed under it, or
 * whose pages showed its offer; most recently seen first, at most `limit`
 * (-1: all).
 */
export async function listingsOfSeller(db: Db, sellerId: string, limit: number): Promise<ListingLine[]> {
  return parseRows(
    listingLine,
    await db.all(
      `SELECT ${LISTING_LINE_COLUMNS} FROM listings l LEFT JOIN sellers s ON s.id = l.seller_id
         WHERE l.seller_id IN (SELECT id FROM sellers WHERE id = ? OR merged_into = ?)
            OR l.id IN (SELECT listing_id FROM listing_sellers WHERE seller_id IN (SELECT id FROM sellers WHERE id = ? OR merged_into = ?))
         ORDER BY l.last_seen IS NULL, l.last_seen DESC, l.id LIMIT ?`,
      [sellerId, sellerId, sellerId, sellerId, limit],
    ),
    'listings',
  );
}

/** Every listing, most recently seen first, at most `limit` (-1: all). */
export async function latestListings(db: Db, limit: number): Promise<ListingLine[]> {
  return parseRows(
    listingLine,
    await db.all(
      `SELECT ${LISTING_LINE_COLUMNS} FROM listings l LEFT JOIN sellers s ON s.id = l.seller_id
       ORDER BY l.last_seen IS NULL, l.last_seen DESC, l.id LIMIT ?`,
      [limit],
    ),
    'listings',
  );
}

/** The id of the listing with this marketplace and listing id, if any. */
export async function listingIdByKey(tx: Db, marketplace: string, listingKey: string): Promise<string | undefined> {
  return parseOptionalRow(z.object({ id: col.text }), await tx.get('SELECT id FROM listings WHERE marketplace = ? AND listing_key = ?', [marketplace, listingKey]), 'listings')?.id;
}

export async function insertListing(tx: Db, l: { id: string; marketplace: string; listingKey: string; url: string; sellerId: string | null; createdAt: string }): Promise<void> {
  await tx.run('INSERT INTO listings (id, marketplace, listing_key, url, seller_id, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
    l.id,
    l.marketplace,
    l.listingKey,
    l.url,
    l.sellerId,
    l.createdAt,
  ]);
}

const latestCapture = z.object({ id: col.text, sellerId: col.textOrNull });

/** The latest capture of a listing whose outcome is one of `outcomes` (a page shown as it was). */
export async function latestCaptureShowing(tx: Db, listingId: string, outcomes: ReadonlySet<string>): Promise<{ id: string; sellerId: string | null } | undefined> {
  const shown = [...outcomes].map((o) => `'${o.replace(/'/g, "''")}'`).join(', ');
  return parseOptionalRow(
    latestCapture,
    await tx.get(`SELECT id, seller_id AS sellerId FROM captures WHERE listing_id = ? AND outcome IN (${shown}) ORDER BY started_at DESC, id DESC LIMIT 1`, [listingId]),
    'captures',
  );
}

export interface ListingFacts {
  title: string | null;
  price: string | null;
  currency: string | null;
  availability: string | null;
  sellerId: string | null;
}

/**
 * Sets what a listing shows (a null title or seller keeps the one it has);
 * the row is written only when something differs.
 */
export async function setListingFacts(tx: Db, listingId: string, f: ListingFacts): Promise<void> {
  await tx.run(
    `UPDATE listings SET title = COALESCE(?, title), price = ?, currency = ?, availability = ?, seller_id = COALESCE(?, seller_id)
     WHERE id = ? AND (title IS NOT COALESCE(?, title) OR price IS NOT ? OR currency IS NOT ? OR availability IS NOT ? OR seller_id IS NOT COALESCE(?, seller_id))`,
    [f.title, f.price, f.currency, f.availability, f.sellerId, listingId, f.title, f.price, f.currency, f.availability, f.sellerId],
  );
}

/** Whether a listing with this id exists. */
export async function listingExists(db: Db, id: string): Promise<boolean> {
  return parseOptionalRow(z.object({ id: col.text }), await db.get('SELECT id FROM listings WHERE id = ?', [id]), 'listings') !== undefined;
}
