import { sellerPageKey } from '../links/trader-history.js';
import { watch } from '../store/index.js';
import { newId } from '../util/ids.js';
import type { Db } from '../workspace/db.js';
import type { WatchTargetKind } from './rules.js';

/** One page to re-capture: a listing, or one of a seller's pages (its shop, its trader details). */
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

/** The pages a rule covers, as they are now: a seller's listings grow as its storefront is re-captured. */
export async function expandTarget(db: Db, kind: WatchTargetKind, id: string): Promise<JobTarget[]> {
  if (kind === 'listing') {
    const l = await watch.listingPage(db, id);
    return l ? [{ kind: 'listing', listingId: l.id, sellerId: l.sellerId, url: l.url }] : [];
  }
  if (kind === 'seller') return sellerTargets(db, [id]);
  const sellers = await watch.sellersOfCase(db, id);
  const listings = await watch.listingPagesOfCase(db, id);
  return dedupe([...(await sellerTargets(db, sellers)), ...listings.map((l) => ({ kind: 'listing' as const, listingId: l.id, sellerId: l.sellerId, url: l.url }))]);
}

/** A seller (with the sellers merged into it): each of its seller pages, then every listing known to be its own. */
async function sellerTargets(db: Db, ids: readonly string[]): Promise<JobTarget[]> {
  const out: JobTarget[] = [];
  for (const id of ids) {
    const group = await watch.sellerGroup(db, id);
    const captured = await watch.sellerPageCaptures(
      db,
      group.map((s) => s.id),
    );
    for (const s of group) {
      const pages = sellerPages(
        captured.filter((c) => c.sellerId === s.id),
        s.profileUrl,
      );
      for (const url of pages) out.push({ kind: 'storefront', listingId: null, sellerId: s.id, url });
    }
    const listings = await watch.listingPagesOfSellers(
      db,
      group.map((s) => s.id),
    );
    for (const l of listings) out.push({ kind: 'listing', listingId: l.id, sellerId: l.sellerId, url: l.url });
  }
  return dedupe(out);
}

/** The most pages of one seller a watch re-captures (see sellerPages). */
export const MAX_SELLER_PAGES = 5;

/**
 * The addresses of a seller's pages to re-capture (its shop listing its
 * items, its trader details, its Impressum: each re-captured, so that a
 * change to any of them is seen): each page it was
 * captured on (host and path, as trader details tell pages apart) at the
 * address its latest capture ended at, most recently captured first; then
 * the profile address a listing page linked to, unless a capture asked for
 * or ended at that page already. At most MAX_SELLER_PAGES: a seller with
 * more is an investigator's wandering over its site, and the pages seen
 * last are the ones in use.
 */
export function sellerPages(capturesNewestFirst: readonly { requestedUrl: string; url: string }[], profileUrl: string | null): string[] {
  const pages = new Map<string, string>();
  for (const c of capturesNewestFirst) {
    const key = sellerPageKey(c.url);
    if (!pages.has(key)) pages.set(key, c.url);
  }
  const urls = [...pages.values()];
  if (profileUrl) {
    const profile = sellerPageKey(profileUrl);
    if (!capturesNewestFirst.some((c) => sellerPageKey(c.url) === profile || sellerPageKey(c.requestedUrl) === profile)) urls.push(profileUrl);
  }
  return urls.slice(0, MAX_SELLER_PAGES);
}

/** What one job is for: a listing, or one page of a seller. */
function targetKey(t: JobTarget): string {
  return t.kind === 'listing' ? `listing:${t.listingId ?? ''}` : `storefront:${t.sellerId ?? ''}:${sellerPageKey(t.url)}`;
}

function dedupe(targets: JobTarget[]): JobTarget[] {
  const seen = new Set<string>();
  return targets.filter((t) => {
    const key = targetKey(t);
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
    await watch.insertJob(tx, { ...t, id, ruleId: o.ruleId, now: o.now });
    ids.push(id);
  }
  return ids;
}

/** The open job for this listing, or for this page of the seller (one open job a page, not a seller). */
async function openJob(tx: Db, t: JobTarget): Promise<string | undefined> {
  const key = targetKey(t);
  return (await watch.openJobsOf(tx, t)).find((j) => targetKey({ ...t, url: j.url }) === key)?.id;
}

/** A rule queues what it covers and its times move on: run at `now`, due again one interval later. */
async function runRule(tx: Db, r: watch.RuleToRun, now: string): Promise<string[]> {
  const ids = await enqueue(tx, await expandTarget(tx, r.targetKind, r.targetId), { ruleId: r.id, now });
  const next = new Date(Date.parse(now) + r.intervalSeconds * 1000).toISOString();
  await watch.markRuleRun(tx, r.id, now, next);
  return ids;
}

/**
 * Queues what every due rule covers and sets each rule's next time, in one
 * transaction: a crash leaves the rule either not yet run or queued, never
 * half-queued.
 */
export async function enqueueDue(db: Db, now: string): Promise<{ rules: number; jobs: number }> {
  return db.transaction(async (tx) => {
    const due = await watch.dueRules(tx, now);
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
    const r = await watch.ruleToRun(tx, ruleId);
    if (!r) return undefined;
    const ids = await runRule(tx, r, now);
    await bringForward(tx, ids, now);
    return ids;
  });
}

/** Asked for now: a job already waiting (a captcha's later retry) is brought forward. */
export async function bringForward(tx: Db, jobIds: readonly string[], now: string): Promise<void> {
  for (const id of jobIds) await watch.bringJobForward(tx, id, now);
}

/** Pending jobs, soonest first; only those in `scope` when given. */
export async function pendingJobs(db: Db, scope?: ReadonlySet<string>): Promise<Job[]> {
  const rows = await watch.pendingJobs(db);
  return scope ? rows.filter((j) => scope.has(j.id)) : rows;
}

export async function jobById(db: Db, id: string): Promise<Job | undefined> {
  return watch.jobById(db, id);
}
