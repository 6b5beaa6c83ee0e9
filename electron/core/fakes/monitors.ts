import { brands, detectionIntegrity, monitors, recaptures, results, triage } from '../store/index.js';
import { newId } from '../util/ids.js';
import { utcNow } from '../util/time.js';
import { appendCustody, readCustodyLog } from '../workspace/custody.js';
import type { Db } from '../workspace/db.js';
import { resultDigest } from './row-digests.js';
import type { Reason } from './reasons.js';
import type { ResultState, Signal } from './terms.js';

/** Watched searches, their runs and what they found: the only module that reads or writes those tables. */

export interface Monitor {
  id: string;
  url: string;
  brandId: string;
  brand: string;
  intervalSeconds: number;
  pages: number;
  captureAbove: number | null;
  active: boolean;
  createdAt: string;
  lastRunAt: string | null;
  nextDueAt: string;
}

export async function listMonitors(db: Db, filter: { due?: string } = {}): Promise<Monitor[]> {
  return monitors.monitors(db, filter);
}

export async function monitorById(db: Db, id: string): Promise<Monitor | undefined> {
  return monitors.monitorById(db, id);
}

/** Watches a search for a brand, due at once; watching it again sets its options and makes it active. */
export async function addMonitor(db: Db, m: { url: string; brandId: string; intervalSeconds: number; pages: number; captureAbove: number | null }): Promise<Monitor> {
  const id = await db.transaction(async (tx) => {
    const found = await monitors.monitorOf(tx, m.url, m.brandId);
    const brand = await brands.brandName(tx, m.brandId);
    const details = { url: m.url, brand, intervalSeconds: m.intervalSeconds, pages: m.pages, captureAbove: m.captureAbove };
    if (found) {
      await monitors.resumeMonitor(tx, found, m);
      await appendCustody(tx, { action: 'monitor.added', subject: found, details });
      return found;
    }
    const id = newId();
    const now = utcNow();
    await monitors.insertMonitor(tx, { id, url: m.url, brandId: m.brandId, intervalSeconds: m.intervalSeconds, pages: m.pages, captureAbove: m.captureAbove, now });
    await appendCustody(tx, { action: 'monitor.added', subject: id, details });
    return id;
  });
  return (await monitorById(db, id))!;
}

/** Stops watching; its runs, captures and results are evidence and stay. */
export async function removeMonitor(db: Db, id: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const url = await monitors.activeMonitorUrl(tx, id);
    if (url === undefined) return false;
    await monitors.stopMonitor(tx, id);
    await appendCustody(tx, { action: 'monitor.removed', subject: id, details: { url } });
    return true;
  });
}

export interface RunPage {
  page: number;
  url: string;
  captureId: string | null;
  outcome: string;
  reader: string;
}

export interface ResultSeen {
  page: number;
  position: number;
  captureId: string | null;
  marketplace: string;
  listingId: string;
  url: string;
  title: string | null;
  price: string | null;
  currency: string | null;
  sellerName: string | null;
  sellerId: string | null;
  thumbnail: string | null;
  score: number;
  features: Record<Signal, number>;
  reasons: Reason[];
}

export interface RunRecord {
  runId: string;
  counts: Record<ResultState, number>;
  /** the results first seen in this run, with their ids */
  fresh: { resultId: string; seen: ResultSeen }[];
  /** every result this run saw (new or still there), with its id */
  shown: { resultId: string; seen: ResultSeen }[];
}

/**
 * Records one run: every result seen (new, or still present with what it
 * shows now), and, when every page was read, the results no longer shown
 * marked gone. A run that could not read a page marks nothing gone: a
 * captcha is not a takedown. A cancelled run is recorded so in custody; it
 * is due again at its next interval, like any run.
 */
export async function recordRun(
  db: Db,
  monitor: Monitor,
  run: { startedAt: string; pages: RunPage[]; results: ResultSeen[]; generic: boolean; complete: boolean; cancelled?: boolean },
): Promise<RunRecord> {
  return db.transaction(async (tx) => {
    const runId = newId();
    const finishedAt = utcNow();
    const fresh: RunRecord['fresh'] = [];
    const shownAll: RunRecord['shown'] = [];
    const seen: { id: string; digest: string; fresh: boolean }[] = [];
    const counts: Record<ResultState, number> = { new: 0, present: 0, gone: 0 };
    const readers = [...new Set(run.pages.map((p) => p.reader))];
    await monitors.insertRun(tx, { id: runId, monitorId: monitor.id, startedAt: run.startedAt, finishedAt, readers: JSON.stringify(readers), generic: run.generic, complete: run.complete, results: run.results.length });
    for (const p of run.pages) {
      const n = run.results.filter((r) => r.page === p.page).length;
      await monitors.insertRunPage(tx, runId, { ...p, results: n });
    }
    for (const r of run.results) {
      const found = await results.resultOf(tx, monitor.id, r.marketplace, r.listingId);
      const shown: results.ResultShown = {
        url: r.url,
        title: r.title,
        price: r.price,
        currency: r.currency,
        sellerName: r.sellerName,
        sellerKey: r.sellerId,
        thumbnail: r.thumbnail,
        score: r.score,
        features: JSON.stringify(r.features),
        reasons: JSON.stringify(r.reasons),
      };
      let id: string;
      if (found) {
        id = found;
        await results.updateResultSeen(tx, id, runId, shown);
        counts.present++;
      } else {
        id = newId();
        await results.insertResult(tx, { id, monitorId: monitor.id, marketplace: r.marketplace, listingKey: r.listingId, runId }, shown);
        counts.new++;
        fresh.push({ resultId: id, seen: r });
      }
      shownAll.push({ resultId: id, seen: r });
      seen.push({ id, digest: resultDigest({ monitorId: monitor.id, marketplace: r.marketplace, listingKey: r.listingId, url: r.url, title: r.title, price: r.price, currency: r.currency, sellerName: r.sellerName, sellerKey: r.sellerId, thumbnail: r.thumbnail, score: r.score, features: JSON.stringify(r.features), reasons: JSON.stringify(r.reasons) }), fresh: !found });
      await results.insertSighting(tx, { runId, resultId: id, page: r.page, position: r.position, captureId: r.captureId });
    }
    let goneIds: string[] = [];
    if (run.complete) {
      goneIds = await detectionIntegrity.resultsToMarkGone(tx, monitor.id, runId);
      counts.gone = await results.markGoneExcept(tx, monitor.id, runId);
    }
    await monitors.setRunCounts(tx, runId, counts);
    const next = new Date(Date.parse(finishedAt) + monitor.intervalSeconds * 1000).toISOString();
    await monitors.markMonitorRun(tx, monitor.id, finishedAt, next);
    await appendCustody(tx, {
      action: 'monitor.ran',
      subject: monitor.id,
      details: { runId, url: monitor.url, results: run.results.length, new: counts.new, gone: counts.gone, generic: run.generic, complete: run.complete, cancelled: run.cancelled ?? false, captures: run.pages.map((p) => p.captureId), seen, goneIds },
    });
    return { runId, counts, fresh, shown: shownAll };
  });
}

/** What the step capturing results over a monitor's threshold in full did, when it was cancelled or took up results an earlier cancel left. */
export interface ListingsStep {
  runId: string;
  url: string;
  captureAbove: number;
  /** the step was cancelled: the listings under way were given up, those not reached are left for the next run */
  cancelled: boolean;
  captured: { resultId: string; captureId: string }[];
  /** under way when cancelled: sealed partial (cancelled), or nothing that could be sealed (captureId null) */
  given: { resultId: string; captureId: string | null }[];
  notReached: string[];
}

/**
 * Records in custody the step capturing results over the threshold in
 * full, when it was cancelled (the run is then recorded as cancelled: its
 * result pages stay as read) or when it captured results an earlier cancel
 * had left: the custody log is where the results still to be captured are kept.
 */
export async function recordListingsStep(db: Db, monitorId: string, step: ListingsStep): Promise<void> {
  await db.transaction(async (tx) => {
    await appendCustody(tx, { action: 'monitor.listings', subject: monitorId, details: { ...step } });
  });
}

/**
 * The results over the threshold a cancelled listings step gave up or did
 * not reach, and no later step captured: the next run captures them if its
 * result pages still show them.
 */
export async function listingsLeft(db: Db, monitorId: string): Promise<Set<string>> {
  const left = new Set<string>();
  for (const e of await readCustodyLog(db, { subject: monitorId })) {
    if (e.action !== 'monitor.listings') continue;
    const d = JSON.parse(e.details) as Partial<ListingsStep>;
    for (const g of d.given ?? []) left.add(g.resultId);
    for (const id of d.notReached ?? []) left.add(id);
    for (const c of d.captured ?? []) left.delete(c.resultId);
  }
  return left;
}

export interface StoredResult {
  id: string;
  monitorId: string;
  brandId: string;
  marketplace: string;
  listingKey: string;
  url: string;
  title: string | null;
  price: string | null;
  currency: string | null;
  sellerName: string | null;
  sellerKey: string | null;
  thumbnail: string | null;
  state: ResultState;
  score: number;
  features: Record<Signal, number>;
  reasons: Reason[];
  firstSeen: string;
  lastSeen: string;
  /** the capture of the result page it was last seen on */
  captureId: string | null;
}

export async function searchResults(db: Db, filter: { monitorId?: string } = {}): Promise<StoredResult[]> {
  return results.results(db, filter);
}

export async function searchResultById(db: Db, id: string): Promise<StoredResult | undefined> {
  return results.resultById(db, id);
}

/** How many listings of this seller a re-capture found removed: a seller caught once tends to be caught again. */
export async function removedListingsOf(db: Db, marketplace: string, sellerKey: string): Promise<number> {
  return recaptures.removedListingsOfSeller(db, marketplace, sellerKey);
}

/** How a listing was found: the watched search that first showed it, the result page captured then, and its score. */
export interface FoundBy {
  listingId: string;
  monitorId: string;
  searchUrl: string;
  brand: string;
  firstSeen: string;
  /** the capture of the result page it was first seen on, with its manifest's hash */
  resultPage: { captureId: string; manifestSha256: string; page: number; position: number } | null;
  score: number;
  reasons: Reason[];
  /** the latest triage decision on it, if any */
  decision: string | null;
}

/** For each listing that came from a watched search (by marketplace and listing id), how it was first found. */
export async function foundBy(db: Db, listings: readonly { id: string; marketplace: string; listingKey: string; url?: string }[]): Promise<FoundBy[]> {
  const out: FoundBy[] = [];
  for (const l of listings) {
    const r = await results.firstResultShowing(db, { marketplace: l.marketplace, listingKey: l.listingKey, url: l.url ?? '' });
    if (!r) continue;
    const sighting = await results.sightingIn(db, r.id, r.firstRunId);
    const decision = await triage.latestDecisionOn(db, r.id);
    out.push({
      listingId: l.id,
      monitorId: r.monitorId,
      searchUrl: r.searchUrl,
      brand: r.brand,
      firstSeen: r.firstSeen,
      resultPage: sighting ?? null,
      score: r.score,
      reasons: r.reasons,
      decision: decision ?? null,
    });
  }
  return out;
}
