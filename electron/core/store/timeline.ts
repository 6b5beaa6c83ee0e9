import { z } from 'zod';
import type { Db } from '../workspace/db.js';
import type { Classification, FieldChange } from '../watch/classify.js';
import type { ListingTimeline, TakedownReport } from '../watch/timeline.js';
import { col, jsonText, parseOptionalRow, parseRows } from './rows.js';

/**
 * What a listing's or a seller's history is read from: its captures with
 * their re-capture classifications, its takedown reports, its storefront
 * re-captures.
 */

const classification = z.enum(['first', 'unchanged', 'changed', 'removed', 'blocked', 'error']) satisfies z.ZodType<Classification>;
const trackedValue = z.union([z.string(), z.array(z.string()), z.null()]);
const fieldChange = z.object({
  field: z.enum(['price', 'title', 'seller', 'availability', 'images', 'listing', 'text']),
  before: trackedValue,
  after: trackedValue,
}) satisfies z.ZodType<FieldChange>;

/** The columns of a takedown report, as TakedownReport names them. */
export const REPORT_COLUMNS = `id, listing_id AS listingId, platform, programme, report_ref AS reportRef, reported_on AS reportedOn, note`;
const reportRow = z.object({
  id: col.text,
  listingId: col.text,
  platform: col.text,
  programme: col.text,
  reportRef: col.text,
  reportedOn: col.text,
  note: col.text,
}) satisfies z.ZodType<TakedownReport>;

export async function listingHead(db: Db, listingId: string): Promise<ListingTimeline['listing'] | undefined> {
  return parseOptionalRow(
    z.object({ id: col.text, marketplace: col.text, listingKey: col.text, url: col.text, title: col.textOrNull, sellerId: col.textOrNull }),
    await db.get('SELECT id, marketplace, listing_key AS listingKey, url, title, seller_id AS sellerId FROM listings WHERE id = ?', [listingId]),
    'listings',
  );
}

/** Why a re-capture called a listing removed, as its classification's detail says (other details hold none of these). */
const removalDetail = z.object({
  reason: z.enum(['status', 'notice']).optional(),
  httpStatus: z.number().int().nullish(),
  matched: z.string().nullish(),
});

const historyRow = z
  .object({
    id: col.text,
    started_at: col.text,
    outcome: col.text,
    http_status: col.intOrNull,
    listing_id: col.textOrNull,
    classification: classification.nullable(),
    reappeared: col.intOrNull,
    changes: jsonText(z.array(fieldChange)).nullable(),
    screenshot_diff: col.realOrNull,
    compared_with_id: col.textOrNull,
    detail: jsonText(removalDetail).nullable(),
  })
  .transform((r) => ({
    id: r.id,
    startedAt: r.started_at,
    outcome: r.outcome,
    httpStatus: r.http_status,
    listingId: r.listing_id,
    classification: r.classification,
    changes: r.changes ?? [],
    screenshotDiff: r.screenshot_diff,
    comparedWith: r.compared_with_id,
    removal: r.detail,
  }));
export type HistoryRow = z.output<typeof historyRow>;

/**
 * A listing's captures, oldest first (then by id): those filed under it and
 * the re-captures of it, each with its classification when it was a re-capture.
 */
export async function capturesOfListingHistory(db: Db, listingId: string): Promise<HistoryRow[]> {
  return parseRows(
    historyRow,
    await db.all(
      `SELECT c.id, c.started_at, c.outcome, c.http_status, c.listing_id, r.classification, r.reappeared, r.changes, r.screenshot_diff, r.compared_with_id, r.detail
     FROM captures c LEFT JOIN recaptures r ON r.capture_id = c.id
     WHERE c.listing_id = ? OR c.id IN (SELECT capture_id FROM recaptures WHERE listing_id = ?)
     ORDER BY c.started_at, c.id`,
      [listingId, listingId],
    ),
    'recaptures',
  );
}

/** A listing's takedown reports, by the day they say they were sent, then as recorded. */
export async function reportsOfListing(db: Db, listingId: string): Promise<TakedownReport[]> {
  return parseRows(reportRow, await db.all(`SELECT ${REPORT_COLUMNS} FROM takedown_reports WHERE listing_id = ? ORDER BY reported_on, created_at`, [listingId]), 'takedown_reports');
}

/** When each of a listing's takedown reports was recorded, by report id. */
export async function reportRecordedTimes(db: Db, listingId: string): Promise<Map<string, string>> {
  const rows = parseRows(z.object({ id: col.text, created_at: col.text }), await db.all('SELECT id, created_at FROM takedown_reports WHERE listing_id = ?', [listingId]), 'takedown_reports');
  return new Map(rows.map((r) => [r.id, r.created_at]));
}

/**
 * A seller's listings (with the sellers merged into it): filed under it, or
 * re-captured as its. The same set as catalogue/dashboard's SELLER_LISTINGS,
 * which the dashboard's counts use: keep the two alike.
 */
export async function listingIdsOfSeller(db: Db, sellerId: string): Promise<string[]> {
  const rows = parseRows(
    z.object({ id: col.text }),
    await db.all(
      `SELECT id FROM listings WHERE seller_id IN (SELECT id FROM sellers WHERE id = ? OR merged_into = ?)
     UNION SELECT listing_id FROM recaptures WHERE listing_id IS NOT NULL AND seller_id IN (SELECT id FROM sellers WHERE id = ? OR merged_into = ?)`,
      [sellerId, sellerId, sellerId, sellerId],
    ),
    'listings',
  );
  return rows.map((r) => r.id);
}

const storefrontDetail = z.object({ listings: z.array(z.string()).optional(), appeared: z.array(z.string()).optional(), disappeared: z.array(z.string()).optional() });

/** A seller's storefront re-captures (with the sellers merged into it), oldest first, with the listings each showed and how they moved. */
export async function storefrontRecaptures(
  db: Db,
  sellerId: string,
): Promise<{ captureId: string; startedAt: string; classification: Classification; detail: z.output<typeof storefrontDetail> }[]> {
  return parseRows(
    z
      .object({ capture_id: col.text, started_at: col.text, classification, detail: jsonText(storefrontDetail) })
      .transform((r) => ({ captureId: r.capture_id, startedAt: r.started_at, classification: r.classification, detail: r.detail })),
    await db.all(
      `SELECT r.capture_id, c.started_at, r.classification, r.detail FROM recaptures r JOIN captures c ON c.id = r.capture_id
     WHERE r.kind = 'storefront' AND r.seller_id IN (SELECT id FROM sellers WHERE id = ? OR merged_into = ?) ORDER BY c.started_at`,
      [sellerId, sellerId],
    ),
    'recaptures',
  );
}
