import type PgBoss from 'pg-boss';
import { CaptureSession, type CaptureSetupError } from '../capture/capture-service.js';
import { stampPending } from '../timestamp/stamper.js';
import type { Workspace } from '../workspace/workspace.js';
import { chainHead } from './custody.js';
import type { HubPool } from './db.js';
import { enqueueDue, executorOf, RECAPTURE_QUEUE, type RecaptureJob } from './jobs.js';
import type { HubObjectStore } from './object-store.js';
import { custodyAfter, gatherPush } from './push.js';
import { PushRefused, receivePush, workspaceFingerprint } from './receive.js';
import type { HubUser } from './users.js';

export interface WorkerOptions {
  ws: Workspace;
  pool: HubPool;
  store: HubObjectStore;
  boss: PgBoss;
  user: HubUser;
  concurrency: number;
  /** stop once no job is queued, waiting or running anywhere */
  drain: boolean;
  browserPath?: string;
  pollMs?: number;
  signal?: AbortSignal;
  onEvent?: (e: WorkerEvent) => void;
}

export type WorkerEvent =
  | { kind: 'enqueued'; jobs: number }
  | { kind: 'captured'; jobId: string; url: string; captureId: string; outcome: string }
  | { kind: 'stored'; jobId: string; captureId: string }
  | { kind: 'duplicate'; jobId: string; captureId: string }
  | { kind: 'not-stamped'; captureId: string; reason: string };

export type WorkerResult = { ok: true; stored: number; duplicates: number } | { ok: false; error: CaptureSetupError | { kind: 'refused'; message: string } };

/** Another worker stored this job's capture first (this one was presumed dead and the job handed on). */
class JobAlreadyDone extends PushRefused {}

/**
 * A re-capture worker: takes due watches' jobs from the hub's queue, captures
 * each page headless into its own workspace (sealed with its own key and
 * time-stamped by its authorities), then hands the capture to the hub in one
 * transaction that also marks the job done. A worker killed before that
 * transaction leaves its job to expire and be retried by another; the job's
 * id is unique among the hub's captures, so a job run twice is stored once.
 */
export async function runWorker(o: WorkerOptions): Promise<WorkerResult> {
  const opened = await CaptureSession.open(o.ws, o.browserPath ? { browserPath: o.browserPath } : {});
  if (!opened.ok) return opened;
  const session = opened.value;
  const pollMs = o.pollMs ?? 2_000;
  const result = { stored: 0, duplicates: 0 };
  const state: { refused: string | null } = { refused: null };
  // Stamping and handing over go one at a time: the workspace's custody log is one chain.
  let serial: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(work: () => Promise<T>): Promise<T> => {
    const next = serial.then(work);
    serial = next.catch(() => undefined);
    return next;
  };
  let lastEnqueue = 0;

  const slot = async (): Promise<void> => {
    while (!o.signal?.aborted && state.refused === null) {
      if (Date.now() - lastEnqueue >= pollMs) {
        lastEnqueue = Date.now();
        const jobs = await enqueueDue(o.pool, o.boss);
        if (jobs > 0) o.onEvent?.({ kind: 'enqueued', jobs });
      }
      const [job] = await o.boss.fetch<RecaptureJob>(RECAPTURE_QUEUE, { batchSize: 1 });
      if (!job) {
        if (o.drain && (await o.boss.getQueueSize(RECAPTURE_QUEUE, { before: 'completed' })) === 0) return;
        await new Promise((r) => setTimeout(r, pollMs));
        continue;
      }
      const captured = await session.capture(new URL(job.data.url));
      const captureId = captured.record.id;
      o.onEvent?.({ kind: 'captured', jobId: job.id, url: job.data.url, captureId, outcome: captured.page.outcome });
      try {
        const stored = await oneAtATime(() => handOver(o, job, captureId));
        if (stored) result.stored++;
        else result.duplicates++;
        o.onEvent?.({ kind: stored ? 'stored' : 'duplicate', jobId: job.id, captureId });
      } catch (e) {
        if (!(e instanceof PushRefused)) throw e;
        // The hub would not take what this worker made: it stops rather than capture more that would be refused.
        state.refused = e.message;
        await o.boss.fail(RECAPTURE_QUEUE, job.id, { reason: e.message });
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: o.concurrency }, slot));
  } finally {
    await session.close();
  }
  return state.refused === null ? { ok: true, ...result } : { ok: false, error: { kind: 'refused', message: state.refused } };
}

/** Stamps the capture, then stores it in the hub and marks its job done, in one transaction. False when another worker stored the job first. */
async function handOver(o: WorkerOptions, job: PgBoss.Job<RecaptureJob>, captureId: string): Promise<boolean> {
  const pass = await stampPending({ db: o.ws.db, store: o.ws.store });
  if (pass.failures.length > 0) o.onEvent?.({ kind: 'not-stamped', captureId, reason: pass.failures.map((f) => `${f.authority}: ${f.error}`).join('; ') });
  const { captures, objects } = await gatherPush(o.ws, new Set([captureId]));
  const chain = workspaceFingerprint(o.ws.key.publicKeyPem);
  const client = await o.pool.connect();
  let head;
  try {
    head = await chainHead(client, chain);
  } finally {
    client.release();
  }
  const custody = await custodyAfter(o.ws, head);
  if (!custody.ok) throw new PushRefused(custody.error);
  for (const sha of objects) {
    if ((await o.store.has(sha)) || (await o.store.hasIncoming(o.user.id, sha))) continue;
    await o.store.putIncoming(o.user.id, await o.ws.store.read(sha), sha);
  }
  // The capture belongs to the watched listing; the seller the page names is linked to it.
  const seller = captures[0]?.seller ?? null;
  const forJob = captures.map((c) => ({ ...c, listing: null }));
  try {
    await receivePush(o.pool, o.store, o.user, { workspaceKeyPem: o.ws.key.publicKeyPem, captures: forJob, custody: custody.value }, async (tx) => {
      const r = await tx.query('INSERT INTO hub_job_captures (job_id, capture_id, listing_id, worker) VALUES ($1, $2, $3, $4) ON CONFLICT (job_id) DO NOTHING', [
        job.id,
        captureId,
        job.data.listingId,
        o.user.id,
      ]);
      if (r.rowCount !== 1) throw new JobAlreadyDone(`job ${job.id} was done by another worker`);
      await tx.query('UPDATE hub_captures SET listing_id = $1 WHERE id = $2', [job.data.listingId, captureId]);
      if (seller) {
        await tx.query('UPDATE hub_listings SET seller_id = (SELECT id FROM hub_sellers WHERE marketplace = $2 AND seller_key = $3) WHERE id = $1 AND seller_id IS NULL', [
          job.data.listingId,
          seller.marketplace,
          seller.sellerKey,
        ]);
      }
      await o.boss.complete(RECAPTURE_QUEUE, job.id, { db: executorOf(tx) });
    });
    return true;
  } catch (e) {
    if (!(e instanceof JobAlreadyDone)) throw e;
    await o.boss.complete(RECAPTURE_QUEUE, job.id);
    return false;
  }
}
