import { newId } from '../util/ids.js';
import type { Db } from '../workspace/db.js';
import type { WatchTargetKind } from './rules.js';

/** One page to re-capture: a listing, or a seller's storefront. */
export interface JobTarget {
  kind: 'listing' | 'storefront';
  listingId: string | null;
  sellerId: string | null;
  url: string;
}

export interface Job extends JobTarget {
  id: string;
  ruleId: string | null;
  attempts: number;
  notBefore: string;
}

const JOB_COLUMNS = 'id, rule_id AS ruleId, kind, listing_id AS listingId, seller_id AS sellerId, url, attempts, not_before AS notBefore';

/** The pages a rule covers, as they are now: a seller's listings grow as its storefront is re-captured. */
export async function expandTarget(db: Db, kind: WatchTargetKind, id: string): Promise<JobTarget[]> {
  if (kind === 'listing') {
    const l = await db.get<{ id: string; url: string; seller_id: string | null }>('SELECT id, url, seller_id FROM listings WHERE id = ?', [id]);
    return l ? [{ kind: 'listing', listingId: l.id, sellerId: l.seller_id, url: l.url }] : [];
  }
  if (kind === 'seller') return sellerTargets(db, [id]);
  const sellers = await db.all<{ id: string }>("SELECT member_id AS id FROM case_members WHERE case_id = ? AND kind = 'seller'", [id]);
  const listings = await db.all<{ id: string; url: string; seller_id: string | null }>(
    `SELECT id, url, seller_id FROM listings WHERE id IN (
       SELECT member_id FROM case_members WHERE case_id = ? AND kind = 'listing'
       UNION SELECT listing_id FROM captures WHERE case_id = ? AND listing_id IS NOT NULL
       UNION SELECT c.listing_id FROM case_members m JOIN captures c ON c.id = m.member_id WHERE m.case_id = ? AND m.kind = 'capture' AND c.listing_id IS NOT NULL)`,
    [id, id, id],
  );
  return dedupe([...(await sellerTargets(db, sellers.map((s) => s.id))), ...listings.map((l) => ({ kind: 'listing' as const, listingId: l.id, sellerId: l.seller_id, url: l.url }))]);
}

/** A seller (with the sellers merged into it): each storefront page it has, then every listing known to be its own. */
async function sellerTargets(db: Db, ids: readonly string[]): Promise<JobTarget[]> {
  const out: JobTarget[] = [];
  for (const id of ids) {
    // The storefront is where the seller's listings were last seen listed: the address of its
    // latest storefront capture, else the profile address a listing page linked to.
    const group = await db.all<{ id: string; storefront: string | null }>(
      `SELECT s.id, COALESCE((SELECT COALESCE(c.final_url, c.requested_url) FROM captures c JOIN capture_extraction x ON x.capture_id = c.id
                              WHERE c.seller_id = s.id AND x.page_kind = 'storefront' ORDER BY c.started_at DESC LIMIT 1), s.profile_url) AS storefront
       FROM sellers s WHERE s.id = ? OR s.merged_into = ? ORDER BY s.created_at`,
      [id, id],
    );
    for (const s of group) if (s.storefront) out.push({ kind: 'storefront', listingId: null, sellerId: s.id, url: s.storefront });
    const listings = await db.all<{ id: string; url: string; seller_id: string }>(
      `SELECT id, url, seller_id FROM listings WHERE seller_id IN (${group.map(() => '?').join(', ')}) ORDER BY created_at`,
      group.map((s) => s.id),
    );
    for (const l of listings) out.push({ kind: 'listing', listingId: l.id, sellerId: l.seller_id, url: l.url });
  }
  return dedupe(out);
}

function dedupe(targets: JobTarget[]): JobTarget[] {
  const seen = new Set<string>();
  return targets.filter((t) => {
    const key = `${t.kind}:${t.listingId ?? t.sellerId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Queues a job for each target, unless one is already open for it (a rule
 * that overlaps another, a run repeated): returns the open job of each.
 * Runs inside the caller's transaction.
 */
export async function enqueue(tx: Db, targets: readonly JobTarget[], o: { ruleId: string | null; now: string }): Promise<string[]> {
  const ids: string[] = [];
  for (const t of targets) {
    const open = await openJob(tx, t);
    if (open) {
      ids.push(open);
      continue;
    }
    const id = newId();
    await tx.run(
      "INSERT INTO recapture_jobs (id, rule_id, kind, listing_id, seller_id, url, status, not_before, created_at) VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?)",
      [id, o.ruleId, t.kind, t.listingId, t.sellerId, t.url, o.now, o.now],
    );
    ids.push(id);
  }
  return ids;
}

async function openJob(tx: Db, t: JobTarget): Promise<string | undefined> {
  const row = await tx.get<{ id: string }>("SELECT id FROM recapture_jobs WHERE status = 'pending' AND kind = ? AND COALESCE(listing_id, seller_id) = ?", [t.kind, t.listingId ?? t.sellerId]);
  return row?.id;
}

interface RuleRow {
  id: string;
  target_kind: WatchTargetKind;
  target_id: string;
  interval_seconds: number;
}
const RULE_COLUMNS = 'id, target_kind, target_id, interval_seconds';

/** A rule queues what it covers and its times move on: run at `now`, due again one interval later. */
async function runRule(tx: Db, r: RuleRow, now: string): Promise<string[]> {
  const ids = await enqueue(tx, await expandTarget(tx, r.target_kind, r.target_id), { ruleId: r.id, now });
  const next = new Date(Date.parse(now) + r.interval_seconds * 1000).toISOString();
  await tx.run('UPDATE watch_rules SET last_run_at = ?, next_due_at = ? WHERE id = ?', [now, next, r.id]);
  return ids;
}

/**
 * Queues what every due rule covers and sets each rule's next time, in one
 * transaction: a crash leaves the rule either not yet run or queued, never
 * half-queued.
 */
export async function enqueueDue(db: Db, now: string): Promise<{ rules: number; jobs: number }> {
  return db.transaction(async (tx) => {
    const due = await tx.all<RuleRow>(`SELECT ${RULE_COLUMNS} FROM watch_rules WHERE active = 1 AND next_due_at <= ? ORDER BY next_due_at`, [now]);
    let jobs = 0;
    for (const r of due) jobs += (await runRule(tx, r, now)).length;
    return { rules: due.length, jobs };
  });
}

/**
 * "Re-capture now" on one rule, paused or not: queued as if it had come due,
 * with its times moved on, so it is not run again at the time it was due.
 * Returns its jobs, or undefined when there is no such rule.
 */
export async function enqueueRule(db: Db, ruleId: string, now: string): Promise<string[] | undefined> {
  return db.transaction(async (tx) => {
    const r = await tx.get<RuleRow>(`SELECT ${RULE_COLUMNS} FROM watch_rules WHERE id = ?`, [ruleId]);
    if (!r) return undefined;
    const ids = await runRule(tx, r, now);
    await bringForward(tx, ids, now);
    return ids;
  });
}

/** Asked for now: a job already waiting (a captcha's later retry) is brought forward. */
export async function bringForward(tx: Db, jobIds: readonly string[], now: string): Promise<void> {
  for (const id of jobIds) await tx.run("UPDATE recapture_jobs SET not_before = ? WHERE id = ? AND status = 'pending' AND not_before > ?", [now, id, now]);
}

/** Pending jobs, soonest first; only those in `scope` when given. */
export async function pendingJobs(db: Db, scope?: ReadonlySet<string>): Promise<Job[]> {
  const rows = await db.all<Job>(`SELECT ${JOB_COLUMNS} FROM recapture_jobs WHERE status = 'pending' ORDER BY not_before, created_at, id`);
  return scope ? rows.filter((j) => scope.has(j.id)) : rows;
}

export async function jobById(db: Db, id: string): Promise<Job | undefined> {
  return db.get<Job>(`SELECT ${JOB_COLUMNS} FROM recapture_jobs WHERE id = ?`, [id]);
}
