import { overview } from '../store/index.js';
import { ATTENTION_KINDS, type AttentionKind, type AttentionRow, type AttentionScope } from '../store/overview.js';
import type { Db } from '../workspace/db.js';
import { countPendingStamps } from '../workspace/timestamps.js';

export { ATTENTION_KINDS, SELLER_LISTINGS, type AttentionKind, type AttentionRow, type AttentionScope } from '../store/overview.js';

/** A takedown report is overdue when its listing is not seen removed this many whole days after it was sent. */
export const TAKEDOWN_EXPECTED_DAYS = 7;

export interface Dashboard {
  /** the last visit the counts run from (UTC); null: never marked, so everything counts */
  since: string | null;
  /** the time the counts were read at: marking seen marks up to here, never past what was shown */
  asOf: string;
  counts: Record<AttentionKind, number>;
  /** captures (and the key) waiting for a time-stamp, whenever captured */
  stampsPending: number;
}

function overdueBefore(now: string): string {
  return new Date(Date.parse(now) - TAKEDOWN_EXPECTED_DAYS * 86_400_000).toISOString().slice(0, 10);
}

/**
 * One count, between `since` (excluded; null: from the beginning) and
 * `until`: the dashboard's, the Watch screen's last run and the seller
 * timeline all count with this, so the same word gives the same number.
 */
export async function countAttention(db: Db, kind: AttentionKind, since: string | null, until: string, scope: AttentionScope = {}): Promise<number> {
  return overview.countAttention(db, kind, { since: since ?? '', until, overdueBefore: overdueBefore(until) }, scope);
}

/** The counts since the last visit (`since`; null: since the beginning), read at `now`. */
export async function dashboardCounts(db: Db, since: string | null, now: string): Promise<Dashboard> {
  const counts = {} as Record<AttentionKind, number>;
  for (const kind of ATTENTION_KINDS) counts[kind] = await countAttention(db, kind, since, now);
  return { since, asOf: now, counts, stampsPending: await countPendingStamps(db) };
}

/** The rows behind one count, newest first (at most `limit`). */
export async function dashboardRows(db: Db, kind: AttentionKind, since: string | null, now: string, limit = 500, scope: AttentionScope = {}): Promise<AttentionRow[]> {
  const rows = await overview.attentionRows(db, kind, { since: since ?? '', until: now, overdueBefore: overdueBefore(now) }, limit, scope);
  return rows.map((r) => (r.reportId ? { ...r, captureId: null } : r));
}
