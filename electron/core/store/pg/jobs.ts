import { z } from 'zod';
import { pgCol, rowsOf, type HubClient, type HubQueryable } from './db.js';

/** A schedule for the listing; false when it had one already. */
export async function insertSchedule(client: HubClient, listingId: number, everySeconds: number): Promise<boolean> {
  const r = await client.query('INSERT INTO hub_schedules (listing_id, every_seconds, next_due_at, created_by) VALUES ($1, $2, now(), NULL) ON CONFLICT (listing_id) DO NOTHING', [listingId, everySeconds]);
  return r.rowCount === 1;
}

/** Until the transaction ends, no one else enqueues. */
export async function lockEnqueue(client: HubClient): Promise<void> {
  await client.query("SELECT pg_advisory_xact_lock(hashtext('exhibit.hub.enqueue'))");
}

const dueRow = z.object({ id: pgCol.bigint, listing_id: pgCol.bigint, url: pgCol.text });

/** The schedules due now, oldest first, at most `limit`. */
export async function dueSchedules(q: HubQueryable, limit = 1000): Promise<z.output<typeof dueRow>[]> {
  return rowsOf(
    q,
    dueRow,
    'hub_schedules',
    `SELECT s.id, s.listing_id, l.url FROM hub_schedules s JOIN hub_listings l ON l.id = s.listing_id
     WHERE s.next_due_at <= now() ORDER BY s.next_due_at, s.id LIMIT $1`,
    [limit],
  );
}

export async function moveSchedule(client: HubClient, scheduleId: number): Promise<void> {
  await client.query('UPDATE hub_schedules SET next_due_at = now() + make_interval(secs => every_seconds) WHERE id = $1', [scheduleId]);
}

/** Records which capture a job produced; false when another worker recorded one first. */
export async function recordJobCapture(client: HubClient, j: { jobId: string; captureId: string; listingId: number; worker: number }): Promise<boolean> {
  const r = await client.query('INSERT INTO hub_job_captures (job_id, capture_id, listing_id, worker) VALUES ($1, $2, $3, $4) ON CONFLICT (job_id) DO NOTHING', [j.jobId, j.captureId, j.listingId, j.worker]);
  return r.rowCount === 1;
}
