import { z } from 'zod';
import type { Db } from '../workspace/db.js';
import type { CaptureSummary } from '../workspace/capture-queries.js';
import { col, parseOptionalRow, parseRows } from './rows.js';

/** Capture rows: what was captured, where it is filed, its sealed manifest. */

const SUMMARY_COLUMNS = `c.id AS id, c.listing_id AS listingId, c.requested_url AS requestedUrl, c.final_url AS finalUrl,
  c.http_status AS httpStatus, c.outcome AS outcome, c.started_at AS startedAt, c.finished_at AS finishedAt,
  c.manifest_sha256 AS manifestSha256`;
const summaryRow = z.object({
  id: col.text,
  listingId: col.textOrNull,
  requestedUrl: col.text,
  finalUrl: col.textOrNull,
  httpStatus: col.intOrNull,
  outcome: col.text,
  startedAt: col.text,
  finishedAt: col.text,
  manifestSha256: col.text,
}) satisfies z.ZodType<CaptureSummary>;

/** The captures that show a seller (or a seller merged into it), newest first, across all its listings. */
export async function capturesOfSeller(db: Db, sellerId: string): Promise<CaptureSummary[]> {
  const rows = await db.all(
    `SELECT ${SUMMARY_COLUMNS} FROM captures c
     WHERE c.seller_id IN (SELECT id FROM sellers WHERE id = ? OR merged_into = ?) ORDER BY c.started_at DESC, c.id DESC`,
    [sellerId, sellerId],
  );
  return parseRows(summaryRow, rows, 'captures');
}

export async function captureById(db: Db, id: string): Promise<CaptureSummary | undefined> {
  return parseOptionalRow(summaryRow, await db.get(`SELECT ${SUMMARY_COLUMNS} FROM captures c WHERE c.id = ?`, [id]), 'captures');
}

/** Whether there is a capture by this id. */
export async function captureExists(db: Db, id: string): Promise<boolean> {
  return (await db.get('SELECT 1 FROM captures WHERE id = ?', [id])) !== undefined;
}

export interface CaptureRowInput {
  id: string;
  listingId: string | null;
  sellerId: string | null;
  caseId: string | null;
  requestedUrl: string;
  finalUrl: string | null;
  httpStatus: number | null;
  startedAt: string;
  finishedAt: string;
  outcome: string;
  manifestSha256: string;
  signature: string;
}

/** The capture's row, inside the caller's transaction (its artifacts and custody entry go in the same one). */
export async function insertCapture(tx: Db, c: CaptureRowInput): Promise<void> {
  await tx.run(
    `INSERT INTO captures (id, listing_id, seller_id, case_id, requested_url, final_url, http_status, started_at, finished_at, outcome, manifest_sha256, signature)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [c.id, c.listingId, c.sellerId, c.caseId, c.requestedUrl, c.finalUrl, c.httpStatus, c.startedAt, c.finishedAt, c.outcome, c.manifestSha256, c.signature],
  );
}

const filingRow = z.object({ listingId: col.textOrNull, sellerId: col.textOrNull, caseId: col.textOrNull });
export type CaptureFiling = z.infer<typeof filingRow>;

/** Where a capture is filed now (listing, seller, case); undefined when there is no such capture. */
export async function filingOf(db: Db, id: string): Promise<CaptureFiling | undefined> {
  return parseOptionalRow(filingRow, await db.get('SELECT listing_id AS listingId, seller_id AS sellerId, case_id AS caseId FROM captures WHERE id = ?', [id]), 'captures');
}

const recheckRow = z.object({ kind: z.enum(['listing', 'storefront']), listingId: col.textOrNull, sellerId: col.textOrNull, classification: col.text });
export type RecheckOf = z.infer<typeof recheckRow>;

/** What a re-capture re-checked (its listing or storefront) and how it was classified; null when the capture was no re-capture. */
export async function recheckOf(db: Db, captureId: string): Promise<RecheckOf | null> {
  const row = await db.get('SELECT kind, listing_id AS listingId, seller_id AS sellerId, classification FROM recaptures WHERE capture_id = ?', [captureId]);
  return parseOptionalRow(recheckRow, row, 'recaptures') ?? null;
}

const sealRow = z.object({ manifestSha256: col.text, signature: col.text });

/** The capture's signed manifest (its object's SHA-256) and the signature over it; undefined when there is no such capture. */
export async function sealOf(db: Db, id: string): Promise<{ manifestSha256: string; signature: string } | undefined> {
  const row = await db.get('SELECT manifest_sha256 AS manifestSha256, signature FROM captures WHERE id = ?', [id]);
  return parseOptionalRow(sealRow, row, 'captures');
}

const countRow = z.object({ n: col.int });

/** How many captures are filed under a listing. */
export async function countOfListing(db: Db, listingId: string): Promise<number> {
  return parseOptionalRow(countRow, await db.get('SELECT COUNT(*) AS n FROM captures WHERE listing_id = ?', [listingId]), 'captures')?.n ?? 0;
}

const idRow = z.object({ id: col.text });

/** The latest capture of a listing that showed a page (complete, partial or imported); null when none did. */
export async function latestShownOfListing(db: Db, listingId: string): Promise<string | null> {
  const row = await db.get("SELECT id FROM captures WHERE listing_id = ? AND outcome IN ('complete', 'partial', 'imported') ORDER BY started_at DESC, id DESC LIMIT 1", [listingId]);
  return parseOptionalRow(idRow, row, 'captures')?.id ?? null;
}
