import { z } from 'zod';
import type { Db } from '../workspace/db.js';
import { col, parseOptionalRow, parseRows } from './rows.js';

/** Takedown reports, and what a notice cites: the listing's latest evidence and its seller. */

const REPORT_COLUMNS = 'id, listing_id AS listingId, platform, programme, report_ref AS reportRef, reported_on AS reportedOn, note';
const reportRow = z.object({ id: col.text, listingId: col.text, platform: col.text, programme: col.text, reportRef: col.text, reportedOn: col.text, note: col.text });
export type ReportRow = z.infer<typeof reportRow>;

/** Whether the listing exists (a report names one). */
export async function listingExists(db: Db, listingId: string): Promise<boolean> {
  return (await db.get('SELECT id FROM listings WHERE id = ?', [listingId])) !== undefined;
}

export async function insertReport(
  tx: Db,
  r: { id: string; listingId: string; platform: string; programme: string; reportRef: string; reportedOn: string; note: string; createdAt: string },
): Promise<void> {
  await tx.run('INSERT INTO takedown_reports (id, listing_id, platform, programme, report_ref, reported_on, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
    r.id,
    r.listingId,
    r.platform,
    r.programme,
    r.reportRef,
    r.reportedOn,
    r.note,
    r.createdAt,
  ]);
}

export async function reportById(db: Db, id: string): Promise<ReportRow | undefined> {
  return parseOptionalRow(reportRow, await db.get(`SELECT ${REPORT_COLUMNS} FROM takedown_reports WHERE id = ?`, [id]), 'takedown_reports');
}

/** Every report (or one platform's, its name in lower case), by day reported then by when recorded. */
export async function reports(db: Db, o: { platform?: string } = {}): Promise<ReportRow[]> {
  const rows = o.platform
    ? await db.all(`SELECT ${REPORT_COLUMNS} FROM takedown_reports WHERE platform = ? ORDER BY reported_on, created_at`, [o.platform])
    : await db.all(`SELECT ${REPORT_COLUMNS} FROM takedown_reports ORDER BY reported_on, created_at`);
  return parseRows(reportRow, rows, 'takedown_reports');
}

const SHOWN = "('complete', 'partial', 'imported')";
const evidenceRow = z.object({ id: col.text, startedAt: col.text, manifestSha256: col.text });

/** The latest capture that showed the listing, not a re-check that found it removed, blocked or failing; undefined when none. */
export async function latestEvidenceCapture(db: Db, listingId: string): Promise<z.infer<typeof evidenceRow> | undefined> {
  const row = await db.get(
    `SELECT c.id, c.started_at AS startedAt, c.manifest_sha256 AS manifestSha256 FROM captures c WHERE c.listing_id = ? AND c.outcome IN ${SHOWN}
       AND NOT EXISTS (SELECT 1 FROM recaptures r WHERE r.capture_id = c.id AND r.classification IN ('removed', 'blocked', 'error'))
     ORDER BY c.started_at DESC LIMIT 1`,
    [listingId],
  );
  return parseOptionalRow(evidenceRow, row, 'captures');
}

const sellerRow = z.object({ marketplace: col.text, sellerKey: col.text, displayName: col.textOrNull });

/** A seller as a notice names it; undefined when there is no such seller. */
export async function sellerNamed(db: Db, sellerId: string): Promise<z.infer<typeof sellerRow> | undefined> {
  const row = await db.get('SELECT marketplace, seller_key AS sellerKey, display_name AS displayName FROM sellers WHERE id = ?', [sellerId]);
  return parseOptionalRow(sellerRow, row, 'sellers');
}
