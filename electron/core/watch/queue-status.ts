import { z } from 'zod';
import type { Db } from '../workspace/db.js';
import { CLASSIFICATIONS, type Classification } from './classify.js';
import type { RunSummary } from './recapture-run.js';

/** A page waiting in the re-capture queue, as a person reads it. */
export interface QueuedJob {
  id: string;
  kind: 'listing' | 'storefront';
  listingId: string | null;
  sellerId: string | null;
  url: string;
  /** MARKETPLACE:ID of the listing, or of the seller whose storefront it is; null when it is gone from the catalogue */
  label: string | null;
  /** not captured before this time: a captcha's later retry, a network failure's backoff */
  notBefore: string;
  attempts: number;
  lastOutcome: string | null;
}

const LABEL = `CASE j.kind WHEN 'listing' THEN (SELECT marketplace || ':' || listing_key FROM listings WHERE id = j.listing_id)
  ELSE (SELECT marketplace || ':' || seller_key FROM sellers WHERE id = j.seller_id) END`;

/** The pending jobs, soonest first (at most `limit`), and how many there are in all. */
export async function listQueue(db: Db, limit = 500): Promise<{ jobs: QueuedJob[]; total: number }> {
  const jobs = await db.all<QueuedJob>(
    `SELECT j.id, j.kind, j.listing_id AS listingId, j.seller_id AS sellerId, j.url, ${LABEL} AS label,
       j.not_before AS notBefore, j.attempts, j.last_outcome AS lastOutcome
     FROM recapture_jobs j WHERE j.status = 'pending' ORDER BY j.not_before, j.created_at, j.id LIMIT ?`,
    [limit],
  );
  const total = (await db.get<{ n: number }>("SELECT COUNT(*) AS n FROM recapture_jobs WHERE status = 'pending'"))!.n;
  return { jobs, total };
}

/**
 * Whether a run for what is due would find anything to do: an active rule
 * whose time has come, or a pending job whose time has come. A background
 * check that finds nothing starts no run (and leaves no empty run on record).
 */
export async function workIsDue(db: Db, now: string): Promise<boolean> {
  const row = await db.get<{ due: number }>(
    `SELECT EXISTS (SELECT 1 FROM watch_rules WHERE active = 1 AND next_due_at <= ?)
         OR EXISTS (SELECT 1 FROM recapture_jobs WHERE status = 'pending' AND not_before <= ?) AS due`,
    [now, now],
  );
  return row?.due === 1;
}

/** MARKETPLACE:ID for each listing and seller named, to label pages in a run's results. */
export async function targetLabels(db: Db, ids: { listingIds: readonly string[]; sellerIds: readonly string[] }): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const listingIds = [...new Set(ids.listingIds)];
  const sellerIds = [...new Set(ids.sellerIds)];
  if (listingIds.length > 0) {
    const rows = await db.all<{ id: string; label: string }>(`SELECT id, marketplace || ':' || listing_key AS label FROM listings WHERE id IN (${listingIds.map(() => '?').join(', ')})`, listingIds);
    for (const r of rows) out.set(r.id, r.label);
  }
  if (sellerIds.length > 0) {
    const rows = await db.all<{ id: string; label: string }>(`SELECT id, marketplace || ':' || seller_key AS label FROM sellers WHERE id IN (${sellerIds.map(() => '?').join(', ')})`, sellerIds);
    for (const r of rows) out.set(r.id, r.label);
  }
  return out;
}

/** What a finished run left on record: its counts, not its pages (those are in the captures it made). */
export interface RecordedRun extends Omit<RunSummary, 'results'> {
  trigger: string;
}

// JSON from the database is parsed, not trusted: a summary written by an older version may lack a count.
const count = z.number().int().min(0).catch(0);
const recordedSummary = z.object({
  rulesDue: count,
  jobs: count,
  counts: z.record(z.string(), z.unknown()).catch({}),
  reappeared: count,
  retryLater: count,
  failed: count,
  cancelled: z.boolean().catch(false),
});

/** The latest run that finished, by whichever process ran it; undefined when none has. */
export async function lastRecordedRun(db: Db): Promise<RecordedRun | undefined> {
  const row = await db.get<{ id: string; trigger: string; started_at: string; finished_at: string; summary: string | null }>(
    'SELECT id, trigger, started_at, finished_at, summary FROM recapture_runs WHERE finished_at IS NOT NULL ORDER BY finished_at DESC, id DESC LIMIT 1',
  );
  if (!row) return undefined;
  let raw: unknown = {};
  try {
    raw = JSON.parse(row.summary ?? '{}');
  } catch {
    // An unreadable summary still says when the run was; its counts read as zero.
  }
  const parsed = recordedSummary.safeParse(raw);
  const s = parsed.success ? parsed.data : recordedSummary.parse({});
  const counts = Object.fromEntries(CLASSIFICATIONS.map((c) => [c, count.parse(s.counts[c])])) as Record<Classification, number>;
  return { runId: row.id, trigger: row.trigger, startedAt: row.started_at, finishedAt: row.finished_at, ...s, counts };
}
