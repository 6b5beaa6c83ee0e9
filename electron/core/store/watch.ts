import { z } from 'zod';
import type { Db } from '../workspace/db.js';
import type { Job, JobTarget } from '../watch/queue.js';
import type { QueuedJob } from '../watch/queue-status.js';
import type { WatchRule, WatchTargetKind } from '../watch/rules.js';
import { col, parseOptionalRow, parseRow, parseRows } from './rows.js';

/**
 * Watch rules (watch_rules) and the re-capture queue (recapture_jobs): what
 * is watched, when it is due, and the pages waiting to be captured again.
 */

const targetKind = z.enum(['listing', 'seller', 'case']) satisfies z.ZodType<WatchTargetKind>;
const jobKind = z.enum(['listing', 'storefront']);

const RULE_QUERY = `
SELECT w.id, w.target_kind AS targetKind, w.target_id AS targetId, w.interval_seconds AS intervalSeconds, w.active,
       w.created_at AS createdAt, w.last_run_at AS lastRunAt, w.next_due_at AS nextDueAt,
       CASE w.target_kind
         WHEN 'listing' THEN (SELECT marketplace || ':' || listing_key FROM listings WHERE id = w.target_id)
         WHEN 'seller' THEN (SELECT marketplace || ':' || seller_key FROM sellers WHERE id = w.target_id)
         ELSE (SELECT name FROM cases WHERE id = w.target_id) END AS targetLabel
FROM watch_rules w`;

const ruleRow = z
  .object({
    id: col.text,
    targetKind,
    targetId: col.text,
    intervalSeconds: col.int,
    active: col.flag,
    createdAt: col.text,
    lastRunAt: col.textOrNull,
    nextDueAt: col.text,
    targetLabel: col.textOrNull,
  })
  .transform((r): WatchRule => ({ ...r, targetLabel: r.targetLabel ?? r.targetId }));

/** Every rule, soonest due first; a target gone from the catalogue is labelled by its id. */
export async function rules(db: Db): Promise<WatchRule[]> {
  return parseRows(ruleRow, await db.all(`${RULE_QUERY} ORDER BY w.next_due_at`), 'watch_rules');
}

export async function ruleById(db: Db, id: string): Promise<WatchRule | undefined> {
  return parseOptionalRow(ruleRow, await db.get(`${RULE_QUERY} WHERE w.id = ?`, [id]), 'watch_rules');
}

/** The one rule of a target (a target is watched at most once). */
export async function ruleOf(db: Db, kind: WatchTargetKind, targetId: string): Promise<WatchRule | undefined> {
  return parseOptionalRow(ruleRow, await db.get(`${RULE_QUERY} WHERE w.target_kind = ? AND w.target_id = ?`, [kind, targetId]), 'watch_rules');
}

const ruleStateRow = z.object({ id: col.text, interval_seconds: col.int, active: col.flag }).transform((r) => ({ id: r.id, intervalSeconds: r.interval_seconds, active: r.active }));

/** A target's rule as stored, without its label: for deciding, in a transaction, whether watching it changes anything. */
export async function ruleStateOf(db: Db, kind: WatchTargetKind, targetId: string): Promise<{ id: string; intervalSeconds: number; active: boolean } | undefined> {
  return parseOptionalRow(ruleStateRow, await db.get('SELECT id, interval_seconds, active FROM watch_rules WHERE target_kind = ? AND target_id = ?', [kind, targetId]), 'watch_rules');
}

/** Sets a rule's interval and makes it active. */
export async function resumeRuleEvery(db: Db, id: string, intervalSeconds: number): Promise<void> {
  await db.run('UPDATE watch_rules SET interval_seconds = ?, active = 1 WHERE id = ?', [intervalSeconds, id]);
}

/** A new active rule, due at `now`. */
export async function insertRule(db: Db, r: { id: string; kind: WatchTargetKind; targetId: string; intervalSeconds: number; now: string }): Promise<void> {
  await db.run('INSERT INTO watch_rules (id, target_kind, target_id, interval_seconds, active, created_at, next_due_at) VALUES (?, ?, ?, ?, 1, ?, ?)', [
    r.id,
    r.kind,
    r.targetId,
    r.intervalSeconds,
    r.now,
    r.now,
  ]);
}

/** Pauses or resumes a rule; true when it was not already so. */
export async function setRuleActive(db: Db, id: string, active: boolean): Promise<boolean> {
  const r = await db.run('UPDATE watch_rules SET active = ? WHERE id = ? AND active = ?', [active ? 1 : 0, id, active ? 0 : 1]);
  return r.changes > 0;
}

/** What running a rule needs. */
export interface RuleToRun {
  id: string;
  targetKind: WatchTargetKind;
  targetId: string;
  intervalSeconds: number;
}

const RULE_COLUMNS = 'id, target_kind, target_id, interval_seconds';
const ruleToRunRow = z
  .object({ id: col.text, target_kind: targetKind, target_id: col.text, interval_seconds: col.int })
  .transform((r): RuleToRun => ({ id: r.id, targetKind: r.target_kind, targetId: r.target_id, intervalSeconds: r.interval_seconds }));

/** The active rules due at `now`, soonest first. */
export async function dueRules(db: Db, now: string): Promise<RuleToRun[]> {
  return parseRows(ruleToRunRow, await db.all(`SELECT ${RULE_COLUMNS} FROM watch_rules WHERE active = 1 AND next_due_at <= ? ORDER BY next_due_at`, [now]), 'watch_rules');
}

export async function ruleToRun(db: Db, id: string): Promise<RuleToRun | undefined> {
  return parseOptionalRow(ruleToRunRow, await db.get(`SELECT ${RULE_COLUMNS} FROM watch_rules WHERE id = ?`, [id]), 'watch_rules');
}

/** A rule ran at `runAt` and is due again at `nextDueAt`. */
export async function markRuleRun(db: Db, id: string, runAt: string, nextDueAt: string): Promise<void> {
  await db.run('UPDATE watch_rules SET last_run_at = ?, next_due_at = ? WHERE id = ?', [runAt, nextDueAt, id]);
}

// What a rule covers, as the catalogue holds it now.

const listingPageRow = z.object({ id: col.text, url: col.text, seller_id: col.textOrNull }).transform((l) => ({ id: l.id, url: l.url, sellerId: l.seller_id }));
export type ListingPage = z.output<typeof listingPageRow>;

/** A listing's address and seller. */
export async function listingPage(db: Db, id: string): Promise<ListingPage | undefined> {
  return parseOptionalRow(listingPageRow, await db.get('SELECT id, url, seller_id FROM listings WHERE id = ?', [id]), 'listings');
}

/** The sellers a case names. */
export async function sellersOfCase(db: Db, caseId: string): Promise<string[]> {
  const rows = parseRows(z.object({ id: col.text }), await db.all("SELECT member_id AS id FROM case_members WHERE case_id = ? AND kind = 'seller'", [caseId]), 'case_members');
  return rows.map((r) => r.id);
}

/** The listings of a case: named in it, captured for it, or of a capture named in it. */
export async function listingPagesOfCase(db: Db, caseId: string): Promise<ListingPage[]> {
  return parseRows(
    listingPageRow,
    await db.all(
      `SELECT id, url, seller_id FROM listings WHERE id IN (
       SELECT member_id FROM case_members WHERE case_id = ? AND kind = 'listing'
       UNION SELECT listing_id FROM captures WHERE case_id = ? AND listing_id IS NOT NULL
       UNION SELECT c.listing_id FROM case_members m JOIN captures c ON c.id = m.member_id WHERE m.case_id = ? AND m.kind = 'capture' AND c.listing_id IS NOT NULL)`,
      [caseId, caseId, caseId],
    ),
    'listings',
  );
}

/** A seller and the sellers merged into it, oldest first, with the profile address a listing page linked to. */
export async function sellerGroup(db: Db, sellerId: string): Promise<{ id: string; profileUrl: string | null }[]> {
  return parseRows(
    z.object({ id: col.text, profile_url: col.textOrNull }).transform((r) => ({ id: r.id, profileUrl: r.profile_url })),
    await db.all('SELECT id, profile_url FROM sellers WHERE id = ? OR merged_into = ? ORDER BY created_at', [sellerId, sellerId]),
    'sellers',
  );
}

const sellerPageCaptureRow = z
  .object({ seller_id: col.text, requested_url: col.text, final_url: col.textOrNull })
  .transform((r) => ({ sellerId: r.seller_id, requestedUrl: r.requested_url, url: r.final_url ?? r.requested_url }));
export type SellerPageCapture = z.output<typeof sellerPageCaptureRow>;

/**
 * The captures of these sellers read as one of their pages (page_kind
 * 'storefront': a shop page, a trader-details page, an Impressum), newest
 * first: the address asked for and the one it ended at.
 */
export async function sellerPageCaptures(db: Db, sellerIds: readonly string[]): Promise<SellerPageCapture[]> {
  return parseRows(
    sellerPageCaptureRow,
    await db.all(
      `SELECT c.seller_id, c.requested_url, c.final_url FROM captures c JOIN capture_extraction x ON x.capture_id = c.id
        WHERE c.seller_id IN (${sellerIds.map(() => '?').join(', ')}) AND x.page_kind = 'storefront' ORDER BY c.started_at DESC, c.id DESC`,
      [...sellerIds],
    ),
    'captures',
  );
}

/** The listings filed under any of these sellers, oldest first. */
export async function listingPagesOfSellers(db: Db, sellerIds: readonly string[]): Promise<ListingPage[]> {
  return parseRows(listingPageRow, await db.all(`SELECT id, url, seller_id FROM listings WHERE seller_id IN (${sellerIds.map(() => '?').join(', ')}) ORDER BY created_at`, [...sellerIds]), 'listings');
}

/** A seller's listings never captured (a storefront showed them): to capture in the same run. */
export async function uncapturedListingPagesOfSeller(db: Db, sellerId: string): Promise<ListingPage[]> {
  return parseRows(listingPageRow, await db.all('SELECT id, url, seller_id FROM listings WHERE seller_id = ? AND capture_count = 0', [sellerId]), 'listings');
}

// The queue.

const JOB_COLUMNS = 'id, rule_id AS ruleId, kind, listing_id AS listingId, seller_id AS sellerId, url, attempts, not_before AS notBefore';
const jobRow = z.object({
  id: col.text,
  ruleId: col.textOrNull,
  kind: jobKind,
  listingId: col.textOrNull,
  sellerId: col.textOrNull,
  url: col.text,
  attempts: col.int,
  notBefore: col.text,
}) satisfies z.ZodType<Job>;

/**
 * The pending jobs for this listing, or for this seller's storefront pages
 * (one each): the caller tells the seller's pages apart by address.
 */
export async function openJobsOf(db: Db, t: JobTarget): Promise<{ id: string; url: string }[]> {
  return parseRows(
    z.object({ id: col.text, url: col.text }),
    await db.all("SELECT id, url FROM recapture_jobs WHERE status = 'pending' AND kind = ? AND COALESCE(listing_id, seller_id) = ? ORDER BY created_at, id", [t.kind, t.listingId ?? t.sellerId]),
    'recapture_jobs',
  );
}

/** A pending job, not to be captured before `now`. */
export async function insertJob(db: Db, j: JobTarget & { id: string; ruleId: string | null; now: string }): Promise<void> {
  await db.run("INSERT INTO recapture_jobs (id, rule_id, kind, listing_id, seller_id, url, status, not_before, created_at) VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?)", [
    j.id,
    j.ruleId,
    j.kind,
    j.listingId,
    j.sellerId,
    j.url,
    j.now,
    j.now,
  ]);
}

/** A pending job waiting beyond `now` is due at `now`. */
export async function bringJobForward(db: Db, id: string, now: string): Promise<void> {
  await db.run("UPDATE recapture_jobs SET not_before = ? WHERE id = ? AND status = 'pending' AND not_before > ?", [now, id, now]);
}

/** Pending jobs, soonest first (then oldest, then by id). */
export async function pendingJobs(db: Db): Promise<Job[]> {
  return parseRows(jobRow, await db.all(`SELECT ${JOB_COLUMNS} FROM recapture_jobs WHERE status = 'pending' ORDER BY not_before, created_at, id`), 'recapture_jobs');
}

export async function jobById(db: Db, id: string): Promise<Job | undefined> {
  return parseOptionalRow(jobRow, await db.get(`SELECT ${JOB_COLUMNS} FROM recapture_jobs WHERE id = ?`, [id]), 'recapture_jobs');
}

/**
 * A job's attempt ended (`status` 'pending' again for a retry): true when it
 * was still pending, false when another run had taken it.
 */
export async function finishJobAttempt(
  db: Db,
  j: { id: string; status: 'pending' | 'done' | 'failed'; attempts: number; notBefore: string; lastOutcome: string; captureId: string; classification: string; finishedAt: string | null },
): Promise<boolean> {
  const changed = await db.run(
    `UPDATE recapture_jobs SET status = ?, attempts = ?, not_before = ?, last_outcome = ?, capture_id = ?, classification = ?, finished_at = ?
       WHERE id = ? AND status = 'pending'`,
    [j.status, j.attempts, j.notBefore, j.lastOutcome, j.captureId, j.classification, j.finishedAt, j.id],
  );
  return changed.changes === 1;
}

/** A pending job given up without a capture (an address that cannot be captured). */
export async function failJob(db: Db, id: string, outcome: string, finishedAt: string): Promise<void> {
  await db.run("UPDATE recapture_jobs SET status = 'failed', attempts = attempts + 1, last_outcome = ?, classification = 'error', finished_at = ? WHERE id = ? AND status = 'pending'", [
    outcome,
    finishedAt,
    id,
  ]);
}

const LABEL = `CASE j.kind WHEN 'listing' THEN (SELECT marketplace || ':' || listing_key FROM listings WHERE id = j.listing_id)
  ELSE (SELECT marketplace || ':' || seller_key FROM sellers WHERE id = j.seller_id) END`;

const queuedRow = z.object({
  id: col.text,
  kind: jobKind,
  listingId: col.textOrNull,
  sellerId: col.textOrNull,
  url: col.text,
  label: col.textOrNull,
  notBefore: col.text,
  attempts: col.int,
  lastOutcome: col.textOrNull,
}) satisfies z.ZodType<QueuedJob>;

/** The pending jobs as a person reads them, soonest first, at most `limit`. */
export async function queuedJobs(db: Db, limit: number): Promise<QueuedJob[]> {
  return parseRows(
    queuedRow,
    await db.all(
      `SELECT j.id, j.kind, j.listing_id AS listingId, j.seller_id AS sellerId, j.url, ${LABEL} AS label,
       j.not_before AS notBefore, j.attempts, j.last_outcome AS lastOutcome
     FROM recapture_jobs j WHERE j.status = 'pending' ORDER BY j.not_before, j.created_at, j.id LIMIT ?`,
      [limit],
    ),
    'recapture_jobs',
  );
}

export async function pendingJobCount(db: Db): Promise<number> {
  return parseRow(z.object({ n: col.int }), await db.get("SELECT COUNT(*) AS n FROM recapture_jobs WHERE status = 'pending'"), 'recapture_jobs').n;
}

/** An active rule or a pending job whose time has come. */
export async function workIsDue(db: Db, now: string): Promise<boolean> {
  const row = parseOptionalRow(
    z.object({ due: col.int }),
    await db.get(
      `SELECT EXISTS (SELECT 1 FROM watch_rules WHERE active = 1 AND next_due_at <= ?)
         OR EXISTS (SELECT 1 FROM recapture_jobs WHERE status = 'pending' AND not_before <= ?) AS due`,
      [now, now],
    ),
    'watch_rules',
  );
  return row?.due === 1;
}

const labelRow = z.object({ id: col.text, label: col.text });

/** MARKETPLACE:ID of each listing named (those that exist). */
export async function listingLabels(db: Db, ids: readonly string[]): Promise<{ id: string; label: string }[]> {
  return parseRows(labelRow, await db.all(`SELECT id, marketplace || ':' || listing_key AS label FROM listings WHERE id IN (${ids.map(() => '?').join(', ')})`, [...ids]), 'listings');
}

/** MARKETPLACE:ID of each seller named (those that exist). */
export async function sellerLabels(db: Db, ids: readonly string[]): Promise<{ id: string; label: string }[]> {
  return parseRows(labelRow, await db.all(`SELECT id, marketplace || ':' || seller_key AS label FROM sellers WHERE id IN (${ids.map(() => '?').join(', ')})`, [...ids]), 'sellers');
}
