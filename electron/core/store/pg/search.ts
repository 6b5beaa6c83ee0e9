import { z } from 'zod';
import { pgCol, rowsOf, type HubQueryable } from './db.js';

/*
 * The team hub's search: captures whose listing title, seller name, seller
 * key, listing key or address holds every word asked for (ILIKE, no index:
 * each search reads the catalogue's captures, listings and sellers), newest
 * capture first.
 */

const hitRow = z.object({
  id: pgCol.text,
  captured_at: pgCol.text,
  outcome: pgCol.text,
  url: pgCol.text,
  listing_id: pgCol.bigintOrNull,
  listing_marketplace: pgCol.textOrNull,
  listing_key: pgCol.textOrNull,
  title: pgCol.textOrNull,
  seller_id: pgCol.bigintOrNull,
  seller_marketplace: pgCol.textOrNull,
  seller_key: pgCol.textOrNull,
  seller_name: pgCol.textOrNull,
});
export type HubSearchRow = z.output<typeof hitRow>;

/** LIKE's own characters taken literally (backslash is PostgreSQL's default escape). */
function literal(word: string): string {
  return `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Captures matching every word, newest first, at most `limit`. */
export async function matches(q: HubQueryable, words: readonly string[], limit: number): Promise<HubSearchRow[]> {
  const where = words.map((_, i) => `(l.title ILIKE $${i + 2} OR s.name ILIKE $${i + 2} OR s.seller_key ILIKE $${i + 2} OR l.listing_key ILIKE $${i + 2} OR c.url ILIKE $${i + 2})`).join(' AND ');
  return rowsOf(
    q,
    hitRow,
    'hub_captures',
    `SELECT c.id, c.captured_at, c.outcome, c.url, l.id AS listing_id, l.marketplace AS listing_marketplace, l.listing_key, l.title,
            s.id AS seller_id, s.marketplace AS seller_marketplace, s.seller_key, s.name AS seller_name
     FROM hub_captures c LEFT JOIN hub_listings l ON l.id = c.listing_id LEFT JOIN hub_sellers s ON s.id = l.seller_id
     WHERE ${where} ORDER BY c.captured_at DESC, c.id LIMIT $1`,
    [limit, ...words.map(literal)],
  );
}
