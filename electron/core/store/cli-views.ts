import { z } from 'zod';
import type { Db } from '../workspace/db.js';
import { col, parseOptionalRow } from './rows.js';

/** What the command line prints to name a seller or a listing. */

const sellerRow = z.object({ marketplace: col.text, sellerKey: col.text, displayName: col.textOrNull });
const listingRow = z.object({ marketplace: col.text, listingKey: col.text });

/** A seller's marketplace, id on it and display name; undefined when there is no such seller. */
export async function sellerLabel(db: Db, sellerId: string): Promise<z.infer<typeof sellerRow> | undefined> {
  const row = await db.get('SELECT marketplace, seller_key AS sellerKey, display_name AS displayName FROM sellers WHERE id = ?', [sellerId]);
  return parseOptionalRow(sellerRow, row, 'sellers');
}

/** A listing's marketplace and id on it; undefined when there is no such listing. */
export async function listingLabel(db: Db, listingId: string): Promise<z.infer<typeof listingRow> | undefined> {
  return parseOptionalRow(listingRow, await db.get('SELECT marketplace, listing_key AS listingKey FROM listings WHERE id = ?', [listingId]), 'listings');
}
