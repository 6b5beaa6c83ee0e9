import type PgBoss from 'pg-boss';
import { Readable } from 'node:stream';
import { stampPending, type StampPass } from '../timestamp/stamper.js';
import { hubCatalogue, hubJobs } from '../store/pg/index.js';
import type { Mutex } from '../util/mutex.js';
import type { Workspace } from '../workspace/workspace.js';
import { chainHead } from './custody.js';
import type { HubPool } from './db.js';
import { executorOf, RECAPTURE_QUEUE, type RecaptureJob } from './jobs.js';
import type { HubObjectStore } from './object-store.js';
import { custodyAfter, gatherPush } from './push.js';
import { PushRefused, receivePush, workspaceFingerprint } from './receive.js';
import { HubObjectBusy, objectsPresentFor, receiveObject } from './uploads.js';
import type { HubUser } from './users.js';

export interface HandOverParts {
  ws: Workspace;
  pool: HubPool;
  store: HubObjectStore;
  boss: PgBoss;
  user: HubUser;
  /** one stamping pass at a time: a pass takes every pending request, so a pass running covers the captures sealed before it */
  stamping: Mutex;
  /** the workspace's custody log is one chain: what is sent of it, and stored in the hub, goes one push at a time */
  pushing: Mutex;
  signal?: AbortSignal;
}

/** Another worker stored this job's capture first (this one was presumed dead and the job handed on). */
class JobAlreadyDone extends PushRefused {}

export type HandedOver = { stored: boolean; notStamped: string | null };

/**
 * Stamps the capture, sends its objects, then stores it in the hub and marks
 * its job done, in one transaction. Only that last part waits for the other
 * captures of this worker (the chain must arrive in order); stamping batches
 * whatever is pending and objects travel while another capture is stored.
 * `stored` is false when another worker stored the job first.
 */
export async function handOver(p: HandOverParts, job: PgBoss.Job<RecaptureJob>, captureId: string): Promise<HandedOver> {
  const pass = await p.stamping.run(() => stampUntilAsked(p));
  const { captures, objects } = await gatherPush(p.ws, new Set([captureId]));
  const notStamped = captures[0]?.stamps.length === 0 ? describeUnstamped(pass) : null;
  await sendMissing(p, objects);
  // The capture belongs to the watched listing; the seller the page names is linked to it.
  const seller = captures[0]?.seller ?? null;
  const forJob = captures.map((c) => ({ ...c, listing: null }));
  return p.pushing.run(async () => {
    const custody = await custodyAfter(p.ws, await chainHead(p.pool, workspaceFingerprint(p.ws.key.publicKeyPem)));
    if (!custody.ok) throw new PushRefused(custody.error);
    try {
      await receivePush(p.pool, p.store, p.user, { workspaceKeyPem: p.ws.key.publicKeyPem, captures: forJob, custody: custody.value }, async (tx) => {
        if (!(await hubJobs.recordJobCapture(tx, { jobId: job.id, captureId, listingId: job.data.listingId, worker: p.user.id }))) throw new JobAlreadyDone(`job ${job.id} was done by another worker`);
        await hubCatalogue.attachToListing(tx, captureId, job.data.listingId, seller);
        await p.boss.complete(RECAPTURE_QUEUE, job.id, { db: executorOf(tx) });
      });
      return { stored: true, notStamped };
    } catch (e) {
      if (!(e instanceof JobAlreadyDone)) throw e;
      await p.boss.complete(RECAPTURE_QUEUE, job.id);
      return { stored: false, notStamped };
    }
  });
}

/**
 * A stamping pass; when every authority that would answer asks for spacing
 * and none was asked, the pass is tried again once the soonest may be: a
 * capture is not handed over unstamped only because the last went seconds ago.
 */
async function stampUntilAsked(p: HandOverParts): Promise<StampPass> {
  for (;;) {
    const pass = await stampPending({ db: p.ws.db, store: p.ws.store });
    if (pass.tokens > 0 || pass.failures.length > 0 || pass.waitMs === null || p.signal?.aborted) return pass;
    await new Promise((r) => setTimeout(r, pass.waitMs ?? 0));
  }
}

function describeUnstamped(pass: StampPass): string {
  if (pass.failures.length > 0) return pass.failures.map((f) => `${f.authority}: ${f.error}`).join('; ');
  return 'no authority gave a token in this pass';
}

/**
 * What the hub's store lacks of these objects, one after another: the
 * hand-over runs while the next page is captured, so sending them at once
 * gains little; when they went four at once from two slots, one upload of a
 * bench run stalled until the store's server dropped it (cause not found).
 */
async function sendMissing(p: HandOverParts, objects: readonly string[]): Promise<void> {
  const present = await objectsPresentFor(p.pool, p.user, objects);
  for (const sha of objects) if (!present.has(sha)) await sendObject(p, sha, await p.ws.store.read(sha));
}

/** One object to the hub's store, as a push sends it; another worker sending the same bytes at once is waited for. */
async function sendObject(p: HandOverParts, sha: string, bytes: Buffer): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      // Asked just before (sendMissing); asked again in full on a retry, the hub may have it by then.
      await receiveObject(p.pool, p.store, p.user, sha, Readable.from(bytes), bytes.length, { askedJustNow: attempt === 0 });
      return;
    } catch (e) {
      if (!(e instanceof HubObjectBusy) || attempt >= 50) throw e;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}
