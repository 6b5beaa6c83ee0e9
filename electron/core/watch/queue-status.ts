import { z } from 'zod';
import { recaptures, watch } from '../store/index.js';
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

/** The pending jobs, soonest first (at most `limit`), and how many there are in all. */
export async function listQueue(db: Db, limit = 500): Promise<{ jobs: QueuedJob[]; total: number }> {
  const jobs = await watch.queuedJobs(db, limit);
  const total = await watch.pendingJobCount(db);
  return { jobs, total };
}

/**
 * Whether a run for what is due would find anything to do: an active rule
 * whose time has come, or a pending job whose time has come. A background
 * check that finds nothing starts no run (and leaves no empty run on record).
 */
export async function workIsDue(db: Db, now: string): Promise<boolean> {
  return watch.workIsDue(db, now);
}

/** MARKETPLACE:ID for each listing and seller named, to label pages in a run's results. */
export async function targetLabels(db: Db, ids: { listingIds: readonly string[]; sellerIds: readonly string[] }): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const listingIds = [...new Set(ids.listingIds)];
  const sellerIds = [...new Set(ids.sellerIds)];
  if (listingIds.length > 0) {
    const rows = await watch.listingLabels(db, listingIds);
    for (const r of rows) out.set(r.id, r.label);
  }
  if (sellerIds.length > 0) {
    const rows = await watch.sellerLabels(db, sellerIds);
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
  const row = await recaptures.lastFinishedRun(db);
  if (!row) return undefined;
  const parsed = recordedSummary.safeParse(row.summary);
  const s = parsed.success ? parsed.data : recordedSummary.parse({});
  const counts = Object.fromEntries(CLASSIFICATIONS.map((c) => [c, count.parse(s.counts[c])])) as Record<Classification, number>;
  return { runId: row.id, trigger: row.trigger, startedAt: row.startedAt, finishedAt: row.finishedAt, ...s, counts };
}
