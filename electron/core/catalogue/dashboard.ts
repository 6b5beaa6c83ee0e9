import type { Db } from '../workspace/db.js';
import { countPendingStamps } from '../workspace/timestamps.js';

/** What the dashboard counts; each opens the rows behind it. */
export const ATTENTION_KINDS = ['changed', 'removed', 'reappeared', 'blocked', 'takedowns-overdue', 'unfiled'] as const;
export type AttentionKind = (typeof ATTENTION_KINDS)[number];

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

/** One row behind a count: the capture (or takedown report) and what it is about. */
export interface AttentionRow {
  at: string;
  captureId: string | null;
  reportId: string | null;
  outcome: string | null;
  listingId: string | null;
  /** MARKETPLACE:ID of the listing */
  listing: string | null;
  title: string | null;
  sellerId: string | null;
  /** MARKETPLACE:ID of the seller */
  seller: string | null;
  url: string | null;
}

/*
 * One predicate per kind, used both to count and to list, so a count and the
 * rows it opens cannot disagree. Listing events are the re-captures'
 * classifications, read as the listing timeline reads them: "removed" is the
 * re-check that found the listing gone after it was last seen up (a re-check
 * that finds it still gone is not a new removal), "reappeared" the one that
 * found it back after it was seen removed.
 */
interface Source {
  from: string;
  where: string;
  at: string;
  /** the parameters `where` takes: since, or the overdue cut-off day */
  params: (since: string, overdueBefore: string) => string[];
  /** the listing a row is about, for counts and rows kept to one seller's */
  listing: string;
}

const RECHECK_FROM = 'recaptures r JOIN captures c ON c.id = r.capture_id';

/** a removal that is not a re-check of a listing already seen removed since it was last seen up */
export const NEW_REMOVAL = `r.classification = 'removed' AND NOT EXISTS (
  SELECT 1 FROM recaptures p WHERE p.listing_id = r.listing_id AND p.classification = 'removed' AND p.at < r.at
    AND p.at > COALESCE((SELECT s.started_at FROM captures s WHERE s.id = r.compared_with_id), ''))`;

const SOURCES: Record<AttentionKind, Source> = {
  changed: { from: RECHECK_FROM, where: "r.kind = 'listing' AND r.at > ? AND r.classification = 'changed'", at: 'r.at', params: (s) => [s], listing: 'r.listing_id' },
  removed: { from: RECHECK_FROM, where: `r.kind = 'listing' AND r.at > ? AND ${NEW_REMOVAL}`, at: 'r.at', params: (s) => [s], listing: 'r.listing_id' },
  reappeared: { from: RECHECK_FROM, where: "r.kind = 'listing' AND r.at > ? AND r.reappeared = 1", at: 'r.at', params: (s) => [s], listing: 'r.listing_id' },
  blocked: {
    from: 'captures c LEFT JOIN recaptures r ON r.capture_id = c.id',
    where: "c.started_at > ? AND (c.outcome = 'blocked' OR r.classification = 'blocked')",
    at: 'c.started_at',
    params: (s) => [s],
    listing: 'COALESCE(c.listing_id, r.listing_id)',
  },
  'takedowns-overdue': {
    from: 'takedown_reports t',
    where: `t.reported_on <= ? AND NOT EXISTS (SELECT 1 FROM recaptures x WHERE x.listing_id = t.listing_id AND x.classification = 'removed' AND x.at >= t.reported_on)`,
    at: 't.reported_on',
    params: (_s, overdue) => [overdue],
    listing: 't.listing_id',
  },
  // A capture with no seller, that is not a re-check of something already filed.
  unfiled: {
    from: 'captures c LEFT JOIN recaptures r ON r.capture_id = c.id',
    where: 'c.seller_id IS NULL AND r.capture_id IS NULL AND c.started_at > ?',
    at: 'c.started_at',
    params: () => [''],
    listing: 'c.listing_id',
  },
};

const ROW_COLUMNS: Record<AttentionKind, string> = {
  changed: 'c.id AS captureId, NULL AS reportId, c.outcome, r.listing_id AS listingId',
  removed: 'c.id AS captureId, NULL AS reportId, c.outcome, r.listing_id AS listingId',
  reappeared: 'c.id AS captureId, NULL AS reportId, c.outcome, r.listing_id AS listingId',
  blocked: 'c.id AS captureId, NULL AS reportId, c.outcome, COALESCE(c.listing_id, r.listing_id) AS listingId',
  'takedowns-overdue': 't.id AS captureId, t.id AS reportId, NULL AS outcome, t.listing_id AS listingId',
  unfiled: 'c.id AS captureId, NULL AS reportId, c.outcome, c.listing_id AS listingId',
};

function overdueBefore(now: string): string {
  return new Date(Date.parse(now) - TAKEDOWN_EXPECTED_DAYS * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The listings of a seller and of the sellers merged into it, as its
 * timeline gathers them: filed under it, or re-checked for it.
 */
export const SELLER_LISTINGS = `SELECT id FROM listings WHERE seller_id IN (SELECT id FROM sellers WHERE id = ? OR merged_into = ?)
     UNION SELECT listing_id FROM recaptures WHERE listing_id IS NOT NULL AND seller_id IN (SELECT id FROM sellers WHERE id = ? OR merged_into = ?)`;

/** What a count or its rows are kept to: a seller's listings (the seller timeline's count, the Watch card's run is a since/until window). */
export interface AttentionScope {
  sellerId?: string;
}

function scoped(s: Source, scope: AttentionScope): { where: string; params: string[] } {
  if (!scope.sellerId) return { where: '', params: [] };
  const id = scope.sellerId;
  return { where: ` AND ${s.listing} IN (${SELLER_LISTINGS})`, params: [id, id, id, id] };
}

/**
 * One count, between `since` (excluded; null: from the beginning) and
 * `until`: the dashboard's, the Watch screen's last run and the seller
 * timeline all count with this, so the same word gives the same number.
 */
export async function countAttention(db: Db, kind: AttentionKind, since: string | null, until: string, scope: AttentionScope = {}): Promise<number> {
  const s = SOURCES[kind];
  const cut = overdueBefore(until);
  const sc = scoped(s, scope);
  return (await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${s.from} WHERE ${s.where} AND ${s.at} <= ?${sc.where}`, [...s.params(since ?? '', cut), kind === 'takedowns-overdue' ? cut : until, ...sc.params]))!.n;
}

/** The counts since the last visit (`since`; null: since the beginning), read at `now`. */
export async function dashboardCounts(db: Db, since: string | null, now: string): Promise<Dashboard> {
  const counts = {} as Record<AttentionKind, number>;
  for (const kind of ATTENTION_KINDS) counts[kind] = await countAttention(db, kind, since, now);
  return { since, asOf: now, counts, stampsPending: await countPendingStamps(db) };
}

/** The rows behind one count, newest first (at most `limit`). */
export async function dashboardRows(db: Db, kind: AttentionKind, since: string | null, now: string, limit = 500, scope: AttentionScope = {}): Promise<AttentionRow[]> {
  const s = SOURCES[kind];
  const cut = overdueBefore(now);
  const sc = scoped(s, scope);
  const rows = await db.all<AttentionRow>(
    `SELECT q.at, q.captureId, q.reportId, q.outcome, q.listingId,
       l.marketplace || ':' || l.listing_key AS listing, l.title, COALESCE(l.seller_id, c2.seller_id) AS sellerId,
       se.marketplace || ':' || se.seller_key AS seller, COALESCE(c2.final_url, c2.requested_url, l.url) AS url
     FROM (SELECT ${s.at} AS at, ${ROW_COLUMNS[kind]} FROM ${s.from} WHERE ${s.where} AND ${s.at} <= ?${sc.where} ORDER BY ${s.at} DESC LIMIT ?) q
     LEFT JOIN listings l ON l.id = q.listingId
     LEFT JOIN captures c2 ON c2.id = q.captureId AND q.reportId IS NULL
     LEFT JOIN sellers se ON se.id = COALESCE(l.seller_id, c2.seller_id)
     ORDER BY q.at DESC`,
    [...s.params(since ?? '', cut), kind === 'takedowns-overdue' ? cut : now, ...sc.params, limit],
  );
  return rows.map((r) => (r.reportId ? { ...r, captureId: null } : r));
}
