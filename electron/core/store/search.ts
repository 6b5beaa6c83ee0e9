import { z } from 'zod';
import type { Db } from '../workspace/db.js';
import { col, parseOptionalRow, parseRows } from './rows.js';

/** The full-text index (FTS5, one row per capture, keyed by the capture's rowid). */

const rowidRow = z.object({ rowid: col.int });

/** The capture's rowid, the key of its index row; undefined when there is no such capture. */
export async function captureRowid(db: Db, captureId: string): Promise<number | undefined> {
  return parseOptionalRow(rowidRow, await db.get('SELECT rowid FROM captures WHERE id = ?', [captureId]), 'captures')?.rowid;
}

export interface IndexedFields {
  title: string;
  seller: string;
  brand: string;
  ids: string;
}

/** Re-indexes a capture's fields, keeping its page text. */
export async function updateFields(tx: Db, rowid: number, f: IndexedFields): Promise<void> {
  await tx.run('UPDATE search_index SET title = ?, seller = ?, brand = ?, ids = ? WHERE rowid = ?', [f.title, f.seller, f.brand, f.ids, rowid]);
}

/** Indexes a capture anew, its page text with it (whatever was indexed for it before is replaced). */
export async function replaceDocument(tx: Db, rowid: number, f: IndexedFields & { text: string }): Promise<void> {
  await tx.run('DELETE FROM search_index WHERE rowid = ?', [rowid]);
  await tx.run('INSERT INTO search_index (rowid, title, seller, brand, ids, text) VALUES (?, ?, ?, ?, ?, ?)', [rowid, f.title, f.seller, f.brand, f.ids, f.text]);
}

const hitRow = z.object({
  captureId: col.text,
  startedAt: col.text,
  outcome: col.text,
  url: col.text,
  listingId: col.textOrNull,
  listingMarketplace: col.textOrNull,
  listingKey: col.textOrNull,
  title: col.textOrNull,
  sellerId: col.textOrNull,
  sellerMarketplace: col.textOrNull,
  sellerKey: col.textOrNull,
  displayName: col.textOrNull,
  snippet: col.text,
});
export type HitRow = z.infer<typeof hitRow>;

/** Captures matching an FTS5 query, newest first (by rowid), at most `limit`, each with its listing, seller and a snippet (matches in [brackets]). */
export async function matches(db: Db, ftsQuery: string, limit: number): Promise<HitRow[]> {
  const rows = await db.all(
    `SELECT c.id AS captureId, c.started_at AS startedAt, c.outcome AS outcome, COALESCE(c.final_url, c.requested_url) AS url,
            l.id AS listingId, l.marketplace AS listingMarketplace, l.listing_key AS listingKey, l.title AS title,
            s.id AS sellerId, s.marketplace AS sellerMarketplace, s.seller_key AS sellerKey, s.display_name AS displayName,
            snippet(search_index, -1, '[', ']', '…', 16) AS snippet
     FROM search_index
     JOIN captures c ON c.rowid = search_index.rowid
     LEFT JOIN listings l ON l.id = c.listing_id
     LEFT JOIN sellers s ON s.id = c.seller_id
     WHERE search_index MATCH ?
     ORDER BY search_index.rowid DESC
     LIMIT ?`,
    [ftsQuery, limit],
  );
  return parseRows(hitRow, rows, 'search_index');
}
