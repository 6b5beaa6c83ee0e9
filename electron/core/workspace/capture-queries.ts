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

/** A seller's captures, newest first, across all its listings. */
export function capturesOfSeller(db: Db, sellerId: string): Promise<CaptureSummary[]> {
  return db.all<CaptureSummary>(
    `SELECT ${COLUMNS} FROM listings l JOIN captures c ON c.listing_id = l.id
     WHERE l.seller_id = ? ORDER BY c.started_at DESC, c.id DESC`,
    [sellerId],
  );
}

export function getCapture(db: Db, id: string): Promise<CaptureSummary | undefined> {
  return db.get<CaptureSummary>(`SELECT ${COLUMNS} FROM captures c WHERE c.id = ?`, [id]);
}
