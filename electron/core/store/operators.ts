import { z } from 'zod';
import type { Db } from '../workspace/db.js';
import { col, parseRows } from './rows.js';

/**
 * What an operator's page (#20) shows of each of its accounts: the captures
 * filed under it, each with its outcome and what kind of page it was.
 */

const accountCapture = z.object({ id: col.text, startedAt: col.text, outcome: col.text, pageKind: col.textOrNull, listingId: col.textOrNull });
export type AccountCapture = z.output<typeof accountCapture>;

/** The captures filed under one seller account (not those merged into it: each is an account of its own), oldest first. */
export async function capturesOfAccount(db: Db, sellerId: string): Promise<AccountCapture[]> {
  const rows = await db.all(
    `SELECT c.id, c.started_at AS startedAt, c.outcome, x.page_kind AS pageKind, c.listing_id AS listingId
       FROM captures c LEFT JOIN capture_extraction x ON x.capture_id = c.id
      WHERE c.seller_id = ? ORDER BY c.started_at, c.id`,
    [sellerId],
  );
  return parseRows(accountCapture, rows, 'captures of a seller');
}

const merged = z.object({ id: col.text, mergedInto: col.text });

/** Sellers merged into one of `ids` (the investigator's "same seller" merges). */
export async function mergedInto(db: Db, ids: readonly string[]): Promise<{ id: string; mergedInto: string }[]> {
  if (ids.length === 0) return [];
  const rows = await db.all(`SELECT id, merged_into AS mergedInto FROM sellers WHERE merged_into IN (${ids.map(() => '?').join(', ')}) ORDER BY id`, ids);
  return parseRows(merged, rows, 'merged sellers');
}
