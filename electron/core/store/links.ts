import { z } from 'zod';
import type { Db } from '../workspace/db.js';
import { col, parseRows } from './rows.js';

/**
 * Seller links (#20): the evidence the links are computed from (captured
 * seller pages and listings, their pictures' hashes) and the investigator's
 * decisions on pairs (append-only, each a custody entry made by the caller).
 */

const linkSource = z.object({
  capture_id: col.text,
  seller_id: col.text,
  url: col.text,
  page_kind: z.enum(['storefront', 'listing']),
  sha256: col.text,
  name: col.text,
  kind: col.text,
});
export type LinkSource = z.output<typeof linkSource>;

/**
 * Every filed seller page (its rendered DOM) and listing (its DOM and its
 * visible text), oldest capture first: one row per artifact.
 */
export async function linkSources(db: Db): Promise<LinkSource[]> {
  const rows = await db.all(
    `SELECT c.id AS capture_id, c.seller_id, COALESCE(c.final_url, c.requested_url) AS url, x.page_kind, a.sha256, a.name, a.kind
       FROM captures c JOIN capture_extraction x ON x.capture_id = c.id
       JOIN artifacts a ON a.capture_id = c.id AND (a.kind = 'dom' OR (a.kind = 'text' AND x.page_kind = 'listing'))
      WHERE c.seller_id IS NOT NULL AND x.page_kind IN ('storefront', 'listing') ORDER BY c.started_at, c.id, a.kind`,
  );
  return parseRows(linkSource, rows, 'link sources');
}

const sellerPage = z
  .object({ capture_id: col.text, seller_id: col.text, started_at: col.text, url: col.text, sha256: col.text, name: col.text })
  .transform((r) => ({ captureId: r.capture_id, sellerId: r.seller_id, startedAt: r.started_at, url: r.url, sha256: r.sha256, artifact: r.name }));
export type SellerPageSource = z.output<typeof sellerPage>;

/**
 * One seller's captured seller pages (with the sellers merged into it) that
 * showed a page, each by its rendered DOM, oldest first: what its trader
 * details over time are read from.
 */
export async function sellerPageSources(db: Db, sellerId: string): Promise<SellerPageSource[]> {
  const rows = await db.all(
    `SELECT c.id AS capture_id, c.seller_id, c.started_at, COALESCE(c.final_url, c.requested_url) AS url, a.sha256, a.name
       FROM captures c JOIN capture_extraction x ON x.capture_id = c.id
       JOIN artifacts a ON a.capture_id = c.id AND a.kind = 'dom'
      WHERE x.page_kind = 'storefront' AND c.outcome IN ('complete', 'partial', 'imported')
        AND c.seller_id IN (SELECT id FROM sellers WHERE id = ? OR merged_into = ?)
      ORDER BY c.started_at, c.id`,
    [sellerId, sellerId],
  );
  return parseRows(sellerPage, rows, 'seller pages');
}

const sellerName = z.object({ id: col.text, marketplace: col.text, sellerKey: col.text, displayName: col.textOrNull });
export type SellerName = z.output<typeof sellerName>;

/** Every seller, by id, with what its label is made of. */
export async function sellerNames(db: Db): Promise<SellerName[]> {
  const rows = await db.all('SELECT id, marketplace, seller_key AS sellerKey, display_name AS displayName FROM sellers ORDER BY id');
  return parseRows(sellerName, rows, 'sellers');
}

const decisionRow = z.object({ seller_a: col.text, seller_b: col.text, decision: z.enum(['confirmed', 'rejected']), reason: col.text, decided_at: col.text, seq: col.int });
export type DecisionRow = z.output<typeof decisionRow>;

/** Every decision on a pair, in the order they were made (the last one on a pair is in force). */
export async function decisions(db: Db): Promise<DecisionRow[]> {
  const rows = await db.all('SELECT seq, seller_a, seller_b, decision, reason, decided_at FROM seller_link_decisions ORDER BY seq');
  return parseRows(decisionRow, rows, 'seller_link_decisions');
}

/** Records a decision; `a` < `b` (the table checks it). Returns its seq. */
export async function insertDecision(db: Db, d: { a: string; b: string; decision: 'confirmed' | 'rejected'; reason: string; at: string }): Promise<number> {
  const r = await db.run('INSERT INTO seller_link_decisions (seller_a, seller_b, decision, reason, decided_at) VALUES (?, ?, ?, ?, ?)', [d.a, d.b, d.decision, d.reason, d.at]);
  return Number(r.lastID);
}

const listingCapture = z.object({ capture_id: col.text, seller_id: col.text, images: col.text, warc_sha256: col.textOrNull, warc_name: col.textOrNull });
export type ListingCapture = z.output<typeof listingCapture>;

/** Filed listing captures that extracted pictures, with their WARC (if any), oldest first. */
export async function listingCapturesWithImages(db: Db): Promise<ListingCapture[]> {
  const rows = await db.all(
    `SELECT c.id AS capture_id, c.seller_id, f.value AS images, a.sha256 AS warc_sha256, a.name AS warc_name
       FROM captures c JOIN capture_extraction x ON x.capture_id = c.id AND x.page_kind = 'listing'
       JOIN capture_fields f ON f.capture_id = c.id AND f.field = 'images'
       LEFT JOIN artifacts a ON a.capture_id = c.id AND a.kind = 'warc'
      WHERE c.seller_id IS NOT NULL ORDER BY c.started_at, c.id`,
  );
  return parseRows(listingCapture, rows, 'listing captures');
}

const imageHash = z.object({ capture_id: col.text, url: col.text, image_sha256: col.textOrNull, dhash: col.textOrNull, dhash_mirrored: col.textOrNull });
export type ImageHashRow = z.output<typeof imageHash>;

/** The cached perceptual hashes of listing pictures, by capture then address. */
export async function imageHashes(db: Db): Promise<ImageHashRow[]> {
  const rows = await db.all('SELECT capture_id, url, image_sha256, dhash, dhash_mirrored FROM listing_image_hashes ORDER BY capture_id, url');
  return parseRows(imageHash, rows, 'listing_image_hashes');
}

/** Caches one picture's hash (or why there is none); a picture already cached is left as it is. */
export async function insertImageHash(
  db: Db,
  h: { captureId: string; url: string; sha256: string | null; dhash: string | null; mirrored: string | null; problem: string | null },
): Promise<void> {
  await db.run('INSERT OR IGNORE INTO listing_image_hashes (capture_id, url, image_sha256, dhash, dhash_mirrored, problem) VALUES (?, ?, ?, ?, ?, ?)', [h.captureId, h.url, h.sha256, h.dhash, h.mirrored, h.problem]);
}
