import type { Db } from './db.js';
import { captures } from '../store/index.js';

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

/** The captures that show a seller (or a seller merged into it), newest first, across all its listings. */
export function capturesOfSeller(db: Db, sellerId: string): Promise<CaptureSummary[]> {
  return captures.capturesOfSeller(db, sellerId);
}

export function getCapture(db: Db, id: string): Promise<CaptureSummary | undefined> {
  return captures.captureById(db, id);
}
