import { z } from 'zod';
import { pgCol, rowsOf, type HubClient, type HubQueryable } from './db.js';

/*
 * The team hub's search: captures where every word asked for is in the
 * capture's own title (as its signed extracted.json gives it), its address,
 * its listing's title (the one the hub first catalogued) or key, or its
 * seller's name or key, newest capture first. A listing renamed between
 * captures is found by each title: the capture that had the word is the hit.
 *
 * Each column is matched with ILIKE '%word%' through its trigram index
 * (hub schema 006, pg_trgm): one branch per table, so each branch's ORs are
 * on one table and PostgreSQL combines their indexes (a BitmapOr); an OR
 * across the joined tables would read every capture. A word's captures are
 * the UNION of the branches, the words' sets are INTERSECTed: each capture
 * once. A word under three characters has no trigram: the index then scans
 * whole, still right but slower.
 */

const hitRow = z.object({
  id: pgCol.text,
  captured_at: pgCol.text,
  outcome: pgCol.text,
  url: pgCol.text,
  capture_title: pgCol.textOrNull,
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

/** The ids of the captures one word (parameter $n) matches. */
function capturesMatching(n: number): string {
  const w = `$${n}`;
  return `(SELECT c.id FROM hub_captures c WHERE c.title ILIKE ${w} OR c.url ILIKE ${w}
     UNION SELECT c.id FROM hub_listings l JOIN hub_captures c ON c.listing_id = l.id WHERE l.title ILIKE ${w} OR l.listing_key ILIKE ${w}
     UNION SELECT c.id FROM hub_sellers s JOIN hub_listings l ON l.seller_id = s.id JOIN hub_captures c ON c.listing_id = l.id WHERE s.name ILIKE ${w} OR s.seller_key ILIKE ${w})`;
}

/** The search's SQL for this many words ($1 the limit, then each word as a LIKE pattern). */
export function matchesSql(words: number): string {
  const hits = Array.from({ length: words }, (_, i) => capturesMatching(i + 2)).join('\n     INTERSECT ');
  return `WITH hit AS (${hits})
     SELECT c.id, c.captured_at, c.outcome, c.url, c.title AS capture_title, l.id AS listing_id, l.marketplace AS listing_marketplace, l.listing_key, l.title,
            s.id AS seller_id, s.marketplace AS seller_marketplace, s.seller_key, s.name AS seller_name
     FROM hit JOIN hub_captures c ON c.id = hit.id LEFT JOIN hub_listings l ON l.id = c.listing_id LEFT JOIN hub_sellers s ON s.id = l.seller_id
     ORDER BY c.captured_at DESC, c.id LIMIT $1`;
}

/** Captures matching every word, newest first, at most `limit`. */
export async function matches(q: HubQueryable, words: readonly string[], limit: number): Promise<HubSearchRow[]> {
  if (words.length === 0) return [];
  return rowsOf(q, hitRow, 'hub_captures', matchesSql(words.length), [limit, ...words.map(literal)]);
}

const pendingRow = z.object({ capture_id: pgCol.text, extracted_sha256: pgCol.textOrNull });

/**
 * Captures pushed before hub schema 006 whose title is not read yet, after
 * `after` in id order, at most `limit`; each with its extracted.json's hash
 * (null when it has none).
 */
export async function titlesPending(q: HubQueryable, after: string, limit: number, extractedName: string): Promise<z.output<typeof pendingRow>[]> {
  return rowsOf(
    q,
    pendingRow,
    'hub_capture_titles_pending',
    `SELECT p.capture_id, a.sha256 AS extracted_sha256 FROM hub_capture_titles_pending p
     LEFT JOIN hub_capture_artifacts a ON a.capture_id = p.capture_id AND a.name = $3
     WHERE p.capture_id > $1 ORDER BY p.capture_id LIMIT $2`,
    [after, limit, extractedName],
  );
}

/** These captures' titles, read: each written once, by whoever takes it off the pending list. Returns how many were written. */
export async function setReadTitles(client: HubClient, read: readonly { captureId: string; title: string | null }[]): Promise<number> {
  if (read.length === 0) return 0;
  const rows = await rowsOf(
    client,
    z.object({ id: pgCol.text }),
    'hub_captures',
    `WITH taken AS (DELETE FROM hub_capture_titles_pending WHERE capture_id = ANY($1::text[]) RETURNING capture_id)
     UPDATE hub_captures c SET title = v.title FROM unnest($1::text[], $2::text[]) AS v(id, title)
     WHERE c.id = v.id AND v.id IN (SELECT capture_id FROM taken) RETURNING c.id`,
    [read.map((r) => r.captureId), read.map((r) => r.title)],
  );
  return rows.length;
}
