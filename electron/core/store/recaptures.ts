import { z } from 'zod';
import type { Db } from '../workspace/db.js';
import type { LockHolder } from '../watch/lock.js';
import { col, jsonText, parseOptionalRow, parseRows } from './rows.js';

/**
 * Re-captures: each one's classification (recaptures), the runs that made
 * them (recapture_runs) and the lock one run at a time holds (recapture_lock),
 * and what a re-capture compares with: a listing's last captures.
 */

/** A re-capture's classification, stored in the transaction that stores its capture. */
export async function insertClassification(
  db: Db,
  r: {
    captureId: string;
    jobId: string | null;
    kind: 'listing' | 'storefront';
    listingId: string | null;
    sellerId: string | null;
    previousId: string | null;
    comparedWith: string | null;
    classification: string;
    reappeared: boolean;
    /** JSON text */
    changes: string;
    screenshotDiff: number | null;
    /** JSON text */
    detail: string;
    classifier: string;
    at: string;
  },
): Promise<void> {
  await db.run(
    `INSERT INTO recaptures (capture_id, job_id, kind, listing_id, seller_id, previous_id, compared_with_id, classification, reappeared, changes, screenshot_diff, detail, classifier, at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [r.captureId, r.jobId, r.kind, r.listingId, r.sellerId, r.previousId, r.comparedWith, r.classification, r.reappeared ? 1 : 0, r.changes, r.screenshotDiff, r.detail, r.classifier, r.at],
  );
}

const SHOWN = "('complete', 'partial', 'imported')";
const idRow = z.object({ id: col.text });
const shaRow = z.object({ sha256: col.text });

/** The latest capture of a listing, whatever its outcome: filed under it, or a re-capture of it (a 404 is filed under none). */
export async function latestCaptureOfListing(db: Db, listingId: string): Promise<string | undefined> {
  const row = parseOptionalRow(
    idRow,
    await db.get(
      `SELECT c.id FROM captures c WHERE c.id IN (SELECT id FROM captures WHERE listing_id = ? UNION SELECT capture_id FROM recaptures WHERE listing_id = ?)
     ORDER BY c.started_at DESC, c.id DESC LIMIT 1`,
      [listingId, listingId],
    ),
    'captures',
  );
  return row?.id;
}

/**
 * The latest capture that showed the listing: filed under it with a page,
 * and not classified removed, blocked or an error; with how its page was read.
 */
export async function latestCaptureShowingListing(db: Db, listingId: string): Promise<{ id: string; startedAt: string; pageKind: string | null } | undefined> {
  return parseOptionalRow(
    z.object({ id: col.text, started_at: col.text, page_kind: col.textOrNull }).transform((r) => ({ id: r.id, startedAt: r.started_at, pageKind: r.page_kind })),
    await db.get(
      `SELECT c.id, c.started_at, (SELECT page_kind FROM capture_extraction WHERE capture_id = c.id) AS page_kind FROM captures c WHERE c.listing_id = ? AND c.outcome IN ${SHOWN}
       AND NOT EXISTS (SELECT 1 FROM recaptures r WHERE r.capture_id = c.id AND r.classification IN ('removed', 'blocked', 'error'))
     ORDER BY c.started_at DESC, c.id DESC LIMIT 1`,
      [listingId],
    ),
    'captures',
  );
}

/** When a re-capture last found the listing removed. */
export async function lastRemovedAt(db: Db, listingId: string): Promise<string | undefined> {
  const row = parseOptionalRow(
    z.object({ at: col.text }),
    await db.get(
      `SELECT c.started_at AS at FROM recaptures r JOIN captures c ON c.id = r.capture_id WHERE r.listing_id = ? AND r.classification = 'removed' ORDER BY c.started_at DESC LIMIT 1`,
      [listingId],
    ),
    'recaptures',
  );
  return row?.at;
}

/** The hashes of a capture's full-page screenshot tiles, in order. */
export async function fullPageTiles(db: Db, captureId: string): Promise<string[]> {
  return parseRows(shaRow, await db.all("SELECT sha256 FROM artifacts WHERE capture_id = ? AND kind = 'screenshot-full' ORDER BY name", [captureId]), 'artifacts').map((t) => t.sha256);
}

/** The hash of a capture's visible text, if it recorded one. */
export async function visibleTextOf(db: Db, captureId: string): Promise<string | undefined> {
  return parseOptionalRow(shaRow, await db.get("SELECT sha256 FROM artifacts WHERE capture_id = ? AND kind = 'text'", [captureId]), 'artifacts')?.sha256;
}

/** A listing's key, and its seller's marketplace and key when it is filed under one. */
export async function listingKeyAndSeller(db: Db, listingId: string): Promise<{ listingKey: string; marketplace: string | null; sellerKey: string | null } | undefined> {
  return parseOptionalRow(
    z.object({ listingKey: col.text, marketplace: col.textOrNull, sellerKey: col.textOrNull }),
    await db.get('SELECT l.listing_key AS listingKey, s.marketplace, s.seller_key AS sellerKey FROM listings l LEFT JOIN sellers s ON s.id = l.seller_id WHERE l.id = ?', [listingId]),
    'listings',
  );
}

/**
 * A seller's storefront re-captures that showed the page, newest first,
 * with the address each ended at (the caller picks the page it wants by
 * address).
 */
export async function storefrontRecapturesOf(db: Db, sellerId: string): Promise<{ captureId: string; url: string }[]> {
  return parseRows(
    z
      .object({ capture_id: col.text, requested_url: col.text, final_url: col.textOrNull })
      .transform((r) => ({ captureId: r.capture_id, url: r.final_url ?? r.requested_url })),
    await db.all(
      `SELECT r.capture_id, c.requested_url, c.final_url FROM recaptures r JOIN captures c ON c.id = r.capture_id
     WHERE r.kind = 'storefront' AND r.seller_id = ? AND r.classification IN ('first', 'unchanged', 'changed')
     ORDER BY c.started_at DESC, c.id DESC`,
      [sellerId],
    ),
    'recaptures',
  );
}

/** The listings a storefront re-capture showed, as its classification recorded them. */
export async function storefrontListingsOf(db: Db, captureId: string): Promise<string[]> {
  const row = parseOptionalRow(
    z.object({ detail: jsonText(z.object({ listings: z.array(z.string()).optional() })) }),
    await db.get('SELECT detail FROM recaptures WHERE capture_id = ?', [captureId]),
    'recaptures',
  );
  return row?.detail.listings ?? [];
}

/** How many listings of this seller (by marketplace and key) a re-capture found removed. */
export async function removedListingsOfSeller(db: Db, marketplace: string, sellerKey: string): Promise<number> {
  const row = parseOptionalRow(
    z.object({ n: col.int }),
    await db.get(
      `SELECT COUNT(DISTINCT rc.listing_id) AS n FROM recaptures rc JOIN listings l ON l.id = rc.listing_id JOIN sellers s ON s.id = l.seller_id
     WHERE rc.classification = 'removed' AND s.marketplace = ? AND s.seller_key = ?`,
      [marketplace, sellerKey],
    ),
    'recaptures',
  );
  return row?.n ?? 0;
}

// The lock.

const lockSchema = z.object({ runId: col.text, pid: col.int, host: col.text, startedAt: col.text, heartbeat: col.text }) satisfies z.ZodType<LockHolder>;

/** Who holds the re-capture lock, alive or not. */
export async function lockHolder(db: Db): Promise<LockHolder | undefined> {
  return parseOptionalRow(lockSchema, await db.get('SELECT run_id AS runId, pid, host, started_at AS startedAt, heartbeat FROM recapture_lock WHERE id = 1'), 'recapture_lock');
}

/** Takes the lock for a run, replacing any holder. */
export async function putLock(db: Db, h: LockHolder): Promise<void> {
  await db.run('INSERT OR REPLACE INTO recapture_lock (id, run_id, pid, host, started_at, heartbeat) VALUES (1, ?, ?, ?, ?, ?)', [h.runId, h.pid, h.host, h.startedAt, h.heartbeat]);
}

/** The run holding the lock is alive at `at`. */
export async function beatLock(db: Db, runId: string, at: string): Promise<void> {
  await db.run('UPDATE recapture_lock SET heartbeat = ? WHERE id = 1 AND run_id = ?', [at, runId]);
}

/** Gives the lock back, if this run holds it. */
export async function deleteLock(db: Db, runId: string): Promise<void> {
  await db.run('DELETE FROM recapture_lock WHERE id = 1 AND run_id = ?', [runId]);
}

// The runs.

export async function insertRun(db: Db, r: { id: string; startedAt: string; trigger: string; pid: number; host: string }): Promise<void> {
  await db.run('INSERT INTO recapture_runs (id, started_at, trigger, pid, host) VALUES (?, ?, ?, ?, ?)', [r.id, r.startedAt, r.trigger, r.pid, r.host]);
}

/** A run ended at `finishedAt`; `summary` is JSON text. */
export async function finishRun(db: Db, id: string, finishedAt: string, summary: string): Promise<void> {
  await db.run('UPDATE recapture_runs SET finished_at = ?, summary = ? WHERE id = ?', [finishedAt, summary, id]);
}

/**
 * The latest finished run. Its summary is what the JSON says, or {} when it
 * is missing or unreadable: the run still says when it was (a summary
 * written by an older version is read by the caller's own schema).
 */
export async function lastFinishedRun(db: Db): Promise<{ id: string; trigger: string; startedAt: string; finishedAt: string; summary: unknown } | undefined> {
  return parseOptionalRow(
    z
      .object({ id: col.text, trigger: col.text, started_at: col.text, finished_at: col.text, summary: col.textOrNull })
      .transform((r) => ({ id: r.id, trigger: r.trigger, startedAt: r.started_at, finishedAt: r.finished_at, summary: lenientJson(r.summary ?? '{}') })),
    await db.get('SELECT id, trigger, started_at, finished_at, summary FROM recapture_runs WHERE finished_at IS NOT NULL ORDER BY finished_at DESC, id DESC LIMIT 1'),
    'recapture_runs',
  );
}

function lenientJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return {};
  }
}
