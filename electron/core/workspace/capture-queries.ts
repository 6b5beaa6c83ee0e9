import type { Db } from './db.js';

export interface CaptureSummary {
  id: string;
  listingId: string | null;
  requestedUrl: string;
  finalUrl: string | null;
  httpStatus: number | null;
  outcome: string;
  startedAt: string;
  finishedAt: string;
  manifestSha256: string;
}

const COLUMNS = `c.id AS id, c.listing_id AS listingId, c.requested_url AS requestedUrl, c.final_url AS finalUrl,
  c.http_status AS httpStatus, c.outcome AS outcome, c.started_at AS startedAt, c.finished_at AS finishedAt,
  c.manifest_sha256 AS manifestSha256`;

/** The captures that show a seller (or a seller merged into it), newest first, across all its listings. */
export function capturesOfSeller(db: Db, sellerId: string): Promise<CaptureSummary[]> {
  return db.all<CaptureSummary>(
    `SELECT ${COLUMNS} FROM captures c
     WHERE c.seller_id IN (SELECT id FROM sellers WHERE id = ? OR merged_into = ?) ORDER BY c.started_at DESC, c.id DESC`,
    [sellerId, sellerId],
  );
}

export function getCapture(db: Db, id: string): Promise<CaptureSummary | undefined> {
  return db.get<CaptureSummary>(`SELECT ${COLUMNS} FROM captures c WHERE c.id = ?`, [id]);
}
