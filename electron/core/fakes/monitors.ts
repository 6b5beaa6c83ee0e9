import { z } from 'zod';
import { newId } from '../util/ids.js';
import { utcNow } from '../util/time.js';
import { appendCustody } from '../workspace/custody.js';
import type { Db } from '../workspace/db.js';
import { detectionIntegrity } from '../store/index.js';
import { resultDigest } from './row-digests.js';
import { storedReason, type Reason } from './reasons.js';
import { SIGNALS, type ResultState, type Signal } from './terms.js';

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

const MONITOR_QUERY = `SELECT m.id, m.url, m.brand_id AS brandId, b.name AS brand, m.interval_seconds AS intervalSeconds, m.pages,
  m.capture_above AS captureAbove, m.active, m.created_at AS createdAt, m.last_run_at AS lastRunAt, m.next_due_at AS nextDueAt
  FROM monitors m JOIN brands b ON b.id = m.brand_id`;
type MonitorRow = Omit<Monitor, 'active'> & { active: number };
const toMonitor = (r: MonitorRow): Monitor => ({ ...r, active: r.active === 1 });

export async function listMonitors(db: Db, filter: { due?: string } = {}): Promise<Monitor[]> {
  const rows = filter.due
    ? await db.all<MonitorRow>(`${MONITOR_QUERY} WHERE m.active = 1 AND m.next_due_at <= ? ORDER BY m.next_due_at`, [filter.due])
    : await db.all<MonitorRow>(`${MONITOR_QUERY} ORDER BY m.created_at`);
  return rows.map(toMonitor);
}

export async function monitorById(db: Db, id: string): Promise<Monitor | undefined> {
  const row = await db.get<MonitorRow>(`${MONITOR_QUERY} WHERE m.id = ?`, [id]);
  return row && toMonitor(row);
}

/** Watches a search for a brand, due at once; watching it again sets its options and makes it active. */
export async function addMonitor(db: Db, m: { url: string; brandId: string; intervalSeconds: number; pages: number; captureAbove: number | null }): Promise<Monitor> {
  const id = await db.transaction(async (tx) => {
    const found = await tx.get<{ id: string }>('SELECT id FROM monitors WHERE url = ? AND brand_id = ?', [m.url, m.brandId]);
    const brand = (await tx.get<{ name: string }>('SELECT name FROM brands WHERE id = ?', [m.brandId]))!;
    const details = { url: m.url, brand: brand.name, intervalSeconds: m.intervalSeconds, pages: m.pages, captureAbove: m.captureAbove };
    if (found) {
      await tx.run('UPDATE monitors SET interval_seconds = ?, pages = ?, capture_above = ?, active = 1 WHERE id = ?', [m.intervalSeconds, m.pages, m.captureAbove, found.id]);
      await appendCustody(tx, { action: 'monitor.added', subject: found.id, details });
      return found.id;
    }
    const id = newId();
    const now = utcNow();
    await tx.run('INSERT INTO monitors (id, url, brand_id, interval_seconds, pages, capture_above, active, created_at, next_due_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)', [
      id,
      m.url,
      m.brandId,
      m.intervalSeconds,
      m.pages,
      m.captureAbove,
      now,
      now,
    ]);
    await appendCustody(tx, { action: 'monitor.added', subject: id, details });
    return id;
  });
  return (await monitorById(db, id))!;
}

/** Stops watching; its runs, captures and results are evidence and stay. */
export async function removeMonitor(db: Db, id: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const m = await tx.get<{ url: string }>('SELECT url FROM monitors WHERE id = ? AND active = 1', [id]);
    if (!m) return false;
    await tx.run('UPDATE monitors SET active = 0 WHERE id = ?', [id]);
    await appendCustody(tx, { action: 'monitor.removed', subject: id, details: { url: m.url } });
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
}

/**
 * Records one run: every result seen (new, or still present with what it
 * shows now), and, when every page was read, the results no longer shown
 * marked gone. A run that could not read a page marks nothing gone: a
 * captcha is not a takedown.
 */
export async function recordRun(
  db: Db,
  monitor: Monitor,
  run: { startedAt: string; pages: RunPage[]; results: ResultSeen[]; generic: boolean; complete: boolean },
): Promise<RunRecord> {
  return db.transaction(async (tx) => {
    const runId = newId();
    const finishedAt = utcNow();
    const fresh: RunRecord['fresh'] = [];
    const seen: { id: string; digest: string; fresh: boolean }[] = [];
    const counts: Record<ResultState, number> = { new: 0, present: 0, gone: 0 };
    const readers = [...new Set(run.pages.map((p) => p.reader))];
    await tx.run('INSERT INTO monitor_runs (id, monitor_id, started_at, finished_at, readers, generic, complete, results, new_count, gone_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0)', [
      runId,
      monitor.id,
      run.startedAt,
      finishedAt,
      JSON.stringify(readers),
      run.generic ? 1 : 0,
      run.complete ? 1 : 0,
      run.results.length,
    ]);
    for (const p of run.pages) {
      const n = run.results.filter((r) => r.page === p.page).length;
      await tx.run('INSERT INTO monitor_run_pages (run_id, page, url, capture_id, outcome, reader, results) VALUES (?, ?, ?, ?, ?, ?, ?)', [runId, p.page, p.url, p.captureId, p.outcome, p.reader, n]);
    }
    for (const r of run.results) {
      const found = await tx.get<{ id: string }>('SELECT id FROM search_results WHERE monitor_id = ? AND marketplace = ? AND listing_key = ?', [monitor.id, r.marketplace, r.listingId]);
      const values = [r.url, r.title, r.price, r.currency, r.sellerName, r.sellerId, r.thumbnail, r.score, JSON.stringify(r.features), JSON.stringify(r.reasons)];
      let id: string;
      if (found) {
        id = found.id;
        await tx.run(
          `UPDATE search_results SET url = ?, title = ?, price = ?, currency = ?, seller_name = ?, seller_key = ?, thumbnail = ?, score = ?, features = ?, reasons = ?,
             last_run_id = ?, state = 'present' WHERE id = ?`,
          [...values, runId, id],
        );
        counts.present++;
      } else {
        id = newId();
        await tx.run(
          `INSERT INTO search_results (id, monitor_id, marketplace, listing_key, url, title, price, currency, seller_name, seller_key, thumbnail, score, features, reasons, first_run_id, last_run_id, state)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'new')`,
          [id, monitor.id, r.marketplace, r.listingId, ...values, runId, runId],
        );
        counts.new++;
        fresh.push({ resultId: id, seen: r });
      }
      seen.push({ id, digest: resultDigest({ monitorId: monitor.id, marketplace: r.marketplace, listingKey: r.listingId, url: r.url, title: r.title, price: r.price, currency: r.currency, sellerName: r.sellerName, sellerKey: r.sellerId, thumbnail: r.thumbnail, score: r.score, features: JSON.stringify(r.features), reasons: JSON.stringify(r.reasons) }), fresh: !found });
      await tx.run('INSERT OR IGNORE INTO result_sightings (run_id, result_id, page, position, capture_id) VALUES (?, ?, ?, ?, ?)', [runId, id, r.page, r.position, r.captureId]);
    }
    let goneIds: string[] = [];
    if (run.complete) {
      goneIds = await detectionIntegrity.resultsToMarkGone(tx, monitor.id, runId);
      const gone = await tx.run("UPDATE search_results SET state = 'gone' WHERE monitor_id = ? AND last_run_id != ? AND state != 'gone'", [monitor.id, runId]);
      counts.gone = gone.changes;
    }
    await tx.run('UPDATE monitor_runs SET new_count = ?, gone_count = ? WHERE id = ?', [counts.new, counts.gone, runId]);
    const next = new Date(Date.parse(finishedAt) + monitor.intervalSeconds * 1000).toISOString();
    await tx.run('UPDATE monitors SET last_run_at = ?, next_due_at = ? WHERE id = ?', [finishedAt, next, monitor.id]);
    await appendCustody(tx, {
      action: 'monitor.ran',
      subject: monitor.id,
      details: { runId, url: monitor.url, results: run.results.length, new: counts.new, gone: counts.gone, generic: run.generic, complete: run.complete, captures: run.pages.map((p) => p.captureId), seen, goneIds },
    });
    return { runId, counts, fresh };
  });
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

const featuresSchema = z.object(Object.fromEntries(SIGNALS.map((s) => [s, z.number()])) as Record<Signal, z.ZodNumber>);
const reasonsSchema = z.array(storedReason);

const RESULT_QUERY = `SELECT r.id, r.monitor_id AS monitorId, m.brand_id AS brandId, r.marketplace, r.listing_key AS listingKey, r.url, r.title, r.price, r.currency,
  r.seller_name AS sellerName, r.seller_key AS sellerKey, r.thumbnail, r.state, r.score, r.features, r.reasons,
  (SELECT started_at FROM monitor_runs WHERE id = r.first_run_id) AS firstSeen, (SELECT started_at FROM monitor_runs WHERE id = r.last_run_id) AS lastSeen,
  (SELECT capture_id FROM result_sightings s WHERE s.result_id = r.id AND s.run_id = r.last_run_id) AS captureId
  FROM search_results r JOIN monitors m ON m.id = r.monitor_id`;
type ResultRow = Omit<StoredResult, 'features' | 'reasons'> & { features: string; reasons: string };
const toResult = (r: ResultRow): StoredResult => ({ ...r, features: featuresSchema.parse(JSON.parse(r.features)), reasons: reasonsSchema.parse(JSON.parse(r.reasons)) });

export async function searchResults(db: Db, filter: { monitorId?: string } = {}): Promise<StoredResult[]> {
  const rows = filter.monitorId
    ? await db.all<ResultRow>(`${RESULT_QUERY} WHERE r.monitor_id = ? ORDER BY r.score DESC, r.id`, [filter.monitorId])
    : await db.all<ResultRow>(`${RESULT_QUERY} ORDER BY r.score DESC, r.id`);
  return rows.map(toResult);
}

export async function searchResultById(db: Db, id: string): Promise<StoredResult | undefined> {
  const row = await db.get<ResultRow>(`${RESULT_QUERY} WHERE r.id = ?`, [id]);
  return row && toResult(row);
}

/** How many listings of this seller a re-capture found removed: a seller caught once tends to be caught again. */
export async function removedListingsOf(db: Db, marketplace: string, sellerKey: string): Promise<number> {
  const row = await db.get<{ n: number }>(
    `SELECT COUNT(DISTINCT rc.listing_id) AS n FROM recaptures rc JOIN listings l ON l.id = rc.listing_id JOIN sellers s ON s.id = l.seller_id
     WHERE rc.classification = 'removed' AND s.marketplace = ? AND s.seller_key = ?`,
    [marketplace, sellerKey],
  );
  return row?.n ?? 0;
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
    const r = await db.get<{ id: string; monitorId: string; searchUrl: string; brand: string; firstSeen: string; score: number; reasons: string; firstRunId: string }>(
      `SELECT r.id, r.monitor_id AS monitorId, m.url AS searchUrl, b.name AS brand, fr.started_at AS firstSeen, r.score, r.reasons, r.first_run_id AS firstRunId
       FROM search_results r JOIN monitors m ON m.id = r.monitor_id JOIN brands b ON b.id = m.brand_id JOIN monitor_runs fr ON fr.id = r.first_run_id
       WHERE (r.marketplace = ? AND r.listing_key = ?) OR r.url = ? ORDER BY fr.started_at, r.id LIMIT 1`,
      [l.marketplace, l.listingKey, l.url ?? ''],
    );
    if (!r) continue;
    const sighting = await db.get<{ captureId: string; manifestSha256: string; page: number; position: number }>(
      `SELECT s.capture_id AS captureId, c.manifest_sha256 AS manifestSha256, s.page, s.position FROM result_sightings s JOIN captures c ON c.id = s.capture_id
       WHERE s.result_id = ? AND s.run_id = ?`,
      [r.id, r.firstRunId],
    );
    const decision = await db.get<{ decision: string }>('SELECT decision FROM triage_decisions WHERE result_id = ? ORDER BY seq DESC LIMIT 1', [r.id]);
    out.push({
      listingId: l.id,
      monitorId: r.monitorId,
      searchUrl: r.searchUrl,
      brand: r.brand,
      firstSeen: r.firstSeen,
      resultPage: sighting ?? null,
      score: r.score,
      reasons: reasonsSchema.parse(JSON.parse(r.reasons)),
      decision: decision?.decision ?? null,
    });
  }
  return out;
}
