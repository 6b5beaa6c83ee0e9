import { z } from 'zod';
import type { Db } from '../workspace/db.js';
import type { Monitor } from '../fakes/monitors.js';
import { col, parseOptionalRow, parseRows } from './rows.js';

/** Watched searches (monitors) and their runs (monitor_runs, monitor_run_pages). */

const MONITOR_QUERY = `SELECT m.id, m.url, m.brand_id AS brandId, b.name AS brand, m.interval_seconds AS intervalSeconds, m.pages,
  m.capture_above AS captureAbove, m.active, m.created_at AS createdAt, m.last_run_at AS lastRunAt, m.next_due_at AS nextDueAt
  FROM monitors m JOIN brands b ON b.id = m.brand_id`;

const monitorRow = z.object({
  id: col.text,
  url: col.text,
  brandId: col.text,
  brand: col.text,
  intervalSeconds: col.int,
  pages: col.int,
  captureAbove: col.intOrNull,
  active: col.flag,
  createdAt: col.text,
  lastRunAt: col.textOrNull,
  nextDueAt: col.text,
}) satisfies z.ZodType<Monitor>;

/** Every monitor, oldest first; or, with `due`, the active ones due by then, soonest first. */
export async function monitors(db: Db, filter: { due?: string } = {}): Promise<Monitor[]> {
  const rows = filter.due
    ? await db.all(`${MONITOR_QUERY} WHERE m.active = 1 AND m.next_due_at <= ? ORDER BY m.next_due_at`, [filter.due])
    : await db.all(`${MONITOR_QUERY} ORDER BY m.created_at`);
  return parseRows(monitorRow, rows, 'monitors');
}

export async function monitorById(db: Db, id: string): Promise<Monitor | undefined> {
  return parseOptionalRow(monitorRow, await db.get(`${MONITOR_QUERY} WHERE m.id = ?`, [id]), 'monitors');
}

/** The monitor of this search for this brand, active or not. */
export async function monitorOf(db: Db, url: string, brandId: string): Promise<string | undefined> {
  return parseOptionalRow(z.object({ id: col.text }), await db.get('SELECT id FROM monitors WHERE url = ? AND brand_id = ?', [url, brandId]), 'monitors')?.id;
}

/** A monitor watched again: its new options, and active. */
export async function resumeMonitor(db: Db, id: string, m: { intervalSeconds: number; pages: number; captureAbove: number | null }): Promise<void> {
  await db.run('UPDATE monitors SET interval_seconds = ?, pages = ?, capture_above = ?, active = 1 WHERE id = ?', [m.intervalSeconds, m.pages, m.captureAbove, id]);
}

/** A new active monitor, due at `now`. */
export async function insertMonitor(db: Db, m: { id: string; url: string; brandId: string; intervalSeconds: number; pages: number; captureAbove: number | null; now: string }): Promise<void> {
  await db.run('INSERT INTO monitors (id, url, brand_id, interval_seconds, pages, capture_above, active, created_at, next_due_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)', [
    m.id,
    m.url,
    m.brandId,
    m.intervalSeconds,
    m.pages,
    m.captureAbove,
    m.now,
    m.now,
  ]);
}

/** The search address of an active monitor; undefined when there is none or it is stopped. */
export async function activeMonitorUrl(db: Db, id: string): Promise<string | undefined> {
  return parseOptionalRow(z.object({ url: col.text }), await db.get('SELECT url FROM monitors WHERE id = ? AND active = 1', [id]), 'monitors')?.url;
}

export async function stopMonitor(db: Db, id: string): Promise<void> {
  await db.run('UPDATE monitors SET active = 0 WHERE id = ?', [id]);
}

/** A monitor ran at `runAt` and is due again at `nextDueAt`. */
export async function markMonitorRun(db: Db, id: string, runAt: string, nextDueAt: string): Promise<void> {
  await db.run('UPDATE monitors SET last_run_at = ?, next_due_at = ? WHERE id = ?', [runAt, nextDueAt, id]);
}

/** A run, its counts of new and gone results still 0 (set by setRunCounts once known). `readers` is JSON text. */
export async function insertRun(
  db: Db,
  r: { id: string; monitorId: string; startedAt: string; finishedAt: string; readers: string; generic: boolean; complete: boolean; results: number },
): Promise<void> {
  await db.run('INSERT INTO monitor_runs (id, monitor_id, started_at, finished_at, readers, generic, complete, results, new_count, gone_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0)', [
    r.id,
    r.monitorId,
    r.startedAt,
    r.finishedAt,
    r.readers,
    r.generic ? 1 : 0,
    r.complete ? 1 : 0,
    r.results,
  ]);
}

export async function insertRunPage(db: Db, runId: string, p: { page: number; url: string; captureId: string | null; outcome: string; reader: string; results: number }): Promise<void> {
  await db.run('INSERT INTO monitor_run_pages (run_id, page, url, capture_id, outcome, reader, results) VALUES (?, ?, ?, ?, ?, ?, ?)', [runId, p.page, p.url, p.captureId, p.outcome, p.reader, p.results]);
}

export async function setRunCounts(db: Db, runId: string, counts: { new: number; gone: number }): Promise<void> {
  await db.run('UPDATE monitor_runs SET new_count = ?, gone_count = ? WHERE id = ?', [counts.new, counts.gone, runId]);
}
