import { z } from 'zod';
import { SIGNALS, type Signal } from '../fakes/terms.js';
import type { Db } from '../workspace/db.js';
import type { StoredResult } from '../fakes/monitors.js';
import { storedReason, type Reason } from '../fakes/reasons.js';
import { col, jsonText, parseOptionalRow, parseRows, resultCols } from './rows.js';

/** What watched searches found (search_results) and where each was seen (result_sightings). */

const featuresSchema = z.object(Object.fromEntries(SIGNALS.map((s) => [s, z.number()])) as Record<Signal, z.ZodNumber>);
const reasonsSchema = z.array(storedReason);

/** A monitor's result for this listing (by marketplace and key), if it found it before. */
export async function resultOf(db: Db, monitorId: string, marketplace: string, listingKey: string): Promise<string | undefined> {
  return parseOptionalRow(
    z.object({ id: col.text }),
    await db.get('SELECT id FROM search_results WHERE monitor_id = ? AND marketplace = ? AND listing_key = ?', [monitorId, marketplace, listingKey]),
    'search_results',
  )?.id;
}

/** What a result shows now; `features` and `reasons` are JSON text. */
export interface ResultShown {
  url: string;
  title: string | null;
  price: string | null;
  currency: string | null;
  sellerName: string | null;
  sellerKey: string | null;
  thumbnail: string | null;
  score: number;
  features: string;
  reasons: string;
}

const shownValues = (r: ResultShown) => [r.url, r.title, r.price, r.currency, r.sellerName, r.sellerKey, r.thumbnail, r.score, r.features, r.reasons];

/** A result seen again in run `runId`: what it shows now, and present. */
export async function updateResultSeen(db: Db, id: string, runId: string, r: ResultShown): Promise<void> {
  await db.run(
    `UPDATE search_results SET url = ?, title = ?, price = ?, currency = ?, seller_name = ?, seller_key = ?, thumbnail = ?, score = ?, features = ?, reasons = ?,
             last_run_id = ?, state = 'present' WHERE id = ?`,
    [...shownValues(r), runId, id],
  );
}

/** A result first seen in run `runId`: new. */
export async function insertResult(db: Db, x: { id: string; monitorId: string; marketplace: string; listingKey: string; runId: string }, r: ResultShown): Promise<void> {
  await db.run(
    `INSERT INTO search_results (id, monitor_id, marketplace, listing_key, url, title, price, currency, seller_name, seller_key, thumbnail, score, features, reasons, first_run_id, last_run_id, state)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'new')`,
    [x.id, x.monitorId, x.marketplace, x.listingKey, ...shownValues(r), x.runId, x.runId],
  );
}

/** Where a run saw a result (the first place, when a run shows it twice). */
export async function insertSighting(db: Db, s: { runId: string; resultId: string; page: number; position: number; captureId: string | null }): Promise<void> {
  await db.run('INSERT OR IGNORE INTO result_sightings (run_id, result_id, page, position, capture_id) VALUES (?, ?, ?, ?, ?)', [s.runId, s.resultId, s.page, s.position, s.captureId]);
}

/** A monitor's results not seen in run `runId` are gone: how many became so. */
export async function markGoneExcept(db: Db, monitorId: string, runId: string): Promise<number> {
  return (await db.run("UPDATE search_results SET state = 'gone' WHERE monitor_id = ? AND last_run_id != ? AND state != 'gone'", [monitorId, runId])).changes;
}

const RESULT_QUERY = `SELECT r.id, r.monitor_id AS monitorId, m.brand_id AS brandId, r.marketplace, r.listing_key AS listingKey, r.url, r.title, r.price, r.currency,
  r.seller_name AS sellerName, r.seller_key AS sellerKey, r.thumbnail, r.state, r.score, r.features, r.reasons,
  (SELECT started_at FROM monitor_runs WHERE id = r.first_run_id) AS firstSeen, (SELECT started_at FROM monitor_runs WHERE id = r.last_run_id) AS lastSeen,
  (SELECT capture_id FROM result_sightings s WHERE s.result_id = r.id AND s.run_id = r.last_run_id) AS captureId
  FROM search_results r JOIN monitors m ON m.id = r.monitor_id`;

const resultRow = z.object({
  id: col.text,
  monitorId: col.text,
  brandId: col.text,
  ...resultCols,
  state: z.enum(['new', 'present', 'gone']),
  features: jsonText(featuresSchema),
  reasons: jsonText(reasonsSchema),
  firstSeen: col.text,
  lastSeen: col.text,
  captureId: col.textOrNull,
}) satisfies z.ZodType<StoredResult>;

/** The results (of one monitor when given), highest score first, then by id. */
export async function results(db: Db, filter: { monitorId?: string } = {}): Promise<StoredResult[]> {
  const rows = filter.monitorId
    ? await db.all(`${RESULT_QUERY} WHERE r.monitor_id = ? ORDER BY r.score DESC, r.id`, [filter.monitorId])
    : await db.all(`${RESULT_QUERY} ORDER BY r.score DESC, r.id`);
  return parseRows(resultRow, rows, 'search_results');
}

export async function resultById(db: Db, id: string): Promise<StoredResult | undefined> {
  return parseOptionalRow(resultRow, await db.get(`${RESULT_QUERY} WHERE r.id = ?`, [id]), 'search_results');
}

/**
 * The result that first showed this listing (by marketplace and key, or by
 * address), the earliest found first: with its monitor's search, brand and
 * first run.
 */
export async function firstResultShowing(
  db: Db,
  l: { marketplace: string; listingKey: string; url: string },
): Promise<{ id: string; monitorId: string; searchUrl: string; brand: string; firstSeen: string; score: number; reasons: Reason[]; firstRunId: string } | undefined> {
  return parseOptionalRow(
    z.object({ id: col.text, monitorId: col.text, searchUrl: col.text, brand: col.text, firstSeen: col.text, score: col.int, reasons: jsonText(reasonsSchema), firstRunId: col.text }),
    await db.get(
      `SELECT r.id, r.monitor_id AS monitorId, m.url AS searchUrl, b.name AS brand, fr.started_at AS firstSeen, r.score, r.reasons, r.first_run_id AS firstRunId
       FROM search_results r JOIN monitors m ON m.id = r.monitor_id JOIN brands b ON b.id = m.brand_id JOIN monitor_runs fr ON fr.id = r.first_run_id
       WHERE (r.marketplace = ? AND r.listing_key = ?) OR r.url = ? ORDER BY fr.started_at, r.id LIMIT 1`,
      [l.marketplace, l.listingKey, l.url],
    ),
    'search_results',
  );
}

/** Where run `runId` saw a result: the result page's capture (with its manifest's hash), page and position. */
export async function sightingIn(db: Db, resultId: string, runId: string): Promise<{ captureId: string; manifestSha256: string; page: number; position: number } | undefined> {
  return parseOptionalRow(
    z.object({ captureId: col.text, manifestSha256: col.text, page: col.int, position: col.int }),
    await db.get(
      `SELECT s.capture_id AS captureId, c.manifest_sha256 AS manifestSha256, s.page, s.position FROM result_sightings s JOIN captures c ON c.id = s.capture_id
       WHERE s.result_id = ? AND s.run_id = ?`,
      [resultId, runId],
    ),
    'result_sightings',
  );
}
