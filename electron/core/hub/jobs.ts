import { userInfo } from 'node:os';
import PgBoss from 'pg-boss';
import { canonicalJson } from '../util/canonical-json.js';
import { hubCatalogue, hubJobs } from '../store/pg/index.js';
import { appendHubCustody } from './custody.js';
import { inHubTransaction, type HubClient, type HubPool } from './db.js';

/** The hub's re-capture queue, in pg-boss's own schema of the hub's database. */
export const RECAPTURE_QUEUE = 'exhibit-recapture';

/** Past this, a job whose worker went silent is handed to another: above a capture's 3-minute deadline and its stamping. */
export const DEFAULT_JOB_EXPIRY_SECONDS = 600;

export interface RecaptureJob {
  listingId: number;
  url: string;
}

/** A pg-boss on the hub's database; `supervise` for the processes that also expire the jobs of dead workers. */
export function openJobQueue(databaseUrl: string, o: { supervise: boolean; maintenanceSeconds?: number }): PgBoss {
  return new PgBoss({
    connectionString: databaseUrl,
    max: 3,
    schedule: false,
    supervise: o.supervise,
    ...(o.maintenanceSeconds ? { maintenanceIntervalSeconds: o.maintenanceSeconds } : {}),
  });
}

/**
 * Creates the re-capture queue, or updates its expiry. Its policy is
 * `stately` and every job carries its listing as singleton key: a listing
 * is never queued twice, nor run by two workers at once. (In pg-boss 10 a
 * singleton key alone, on a standard queue, does not deduplicate.)
 */
export async function ensureRecaptureQueue(boss: PgBoss, expireInSeconds = DEFAULT_JOB_EXPIRY_SECONDS): Promise<void> {
  const options = { name: RECAPTURE_QUEUE, policy: 'stately' as const, expireInSeconds, retryLimit: 5, retryDelay: 1 };
  if (await boss.getQueue(RECAPTURE_QUEUE)) await boss.updateQueue(RECAPTURE_QUEUE, options);
  else await boss.createQueue(RECAPTURE_QUEUE, options);
}

export type WatchAdded = { ok: true; listingId: number; created: boolean } | { ok: false; error: string };

/**
 * Watches a page from the hub: its listing (made if new, keyed by its URL
 * where no marketplace names it) is re-captured every `everySeconds`, the
 * first time at once. A custody entry of the hub's records it.
 */
export async function addHubWatch(pool: HubPool, url: string, everySeconds: number): Promise<WatchAdded> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, error: `not a URL: ${url}` };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return { ok: false, error: `only http(s) pages are captured, not ${parsed.protocol}` };
  if (!Number.isInteger(everySeconds) || everySeconds < 60) return { ok: false, error: 'a page is re-captured at most once a minute' };
  const actor = `${userInfo().username} (hub administrator)`;
  return inHubTransaction<WatchAdded>(pool, async (client) => {
    const listingId = await hubCatalogue.webListing(client, parsed.href);
    const created = await hubJobs.insertSchedule(client, listingId, everySeconds);
    if (created) await appendHubCustody(client, { actor, action: 'watch.added', subject: String(listingId), details: canonicalJson({ url: parsed.href, everySeconds }) }, null);
    return { ok: true, listingId, created };
  });
}

/**
 * Turns the watches that are due into jobs, in one transaction with the
 * schedules they move on: under a lock, so two workers enqueuing at once do
 * not both send, and a crash sends nothing and moves nothing.
 */
export async function enqueueDue(pool: HubPool, boss: PgBoss): Promise<number> {
  return inHubTransaction(pool, async (client) => {
    await hubJobs.lockEnqueue(client);
    const due = await hubJobs.dueSchedules(client);
    let sent = 0;
    for (const s of due) {
      const data: RecaptureJob = { listingId: s.listing_id, url: s.url };
      const id = await boss.send(RECAPTURE_QUEUE, data, { singletonKey: `listing:${s.listing_id}`, db: executorOf(client) });
      if (id) sent++;
      await hubJobs.moveSchedule(client, s.id);
    }
    return sent;
  });
}

/** pg-boss's way of running its SQL on our connection, inside our transaction. */
export function executorOf(client: HubClient): PgBoss.Db {
  return { executeSql: async (text, values) => client.query(text, values as unknown[]) };
}
