import type PgBoss from 'pg-boss';
import { CaptureSession, type CaptureSetupError } from '../capture/capture-service.js';
import { stampPending } from '../timestamp/stamper.js';
import type { Workspace } from '../workspace/workspace.js';
import { Readable } from 'node:stream';
import { hubCatalogue, hubJobs } from '../store/pg/index.js';
import { chainHead } from './custody.js';
import type { HubPool } from './db.js';
import { enqueueDue, executorOf, RECAPTURE_QUEUE, type RecaptureJob } from './jobs.js';
import type { HubObjectStore } from './object-store.js';
import { custodyAfter, gatherPush } from './push.js';
import { PushRefused, receivePush, workspaceFingerprint } from './receive.js';
import { HubObjectBusy, objectsPresent, receiveObject } from './uploads.js';
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
  const custody = await custodyAfter(o.ws, await chainHead(o.pool, chain));
  if (!custody.ok) throw new PushRefused(custody.error);
  const present = await objectsPresent(o.pool, objects);
  for (const sha of objects) {
    if (present.has(sha)) continue;
    const bytes = await o.ws.store.read(sha);
    await sendObject(o, sha, bytes);
  }
  // The capture belongs to the watched listing; the seller the page names is linked to it.
  const seller = captures[0]?.seller ?? null;
  const forJob = captures.map((c) => ({ ...c, listing: null }));
  try {
    await receivePush(o.pool, o.store, o.user, { workspaceKeyPem: o.ws.key.publicKeyPem, captures: forJob, custody: custody.value }, async (tx) => {
      if (!(await hubJobs.recordJobCapture(tx, { jobId: job.id, captureId, listingId: job.data.listingId, worker: o.user.id }))) throw new JobAlreadyDone(`job ${job.id} was done by another worker`);
      await hubCatalogue.attachToListing(tx, captureId, job.data.listingId, seller);
      await o.boss.complete(RECAPTURE_QUEUE, job.id, { db: executorOf(tx) });
    });
    return true;
  } catch (e) {
    if (!(e instanceof JobAlreadyDone)) throw e;
    await o.boss.complete(RECAPTURE_QUEUE, job.id);
    return false;
  }
}

/** One object to the hub's store, as a push sends it; another worker sending the same bytes at once is waited for. */
async function sendObject(o: WorkerOptions, sha: string, bytes: Buffer): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await receiveObject(o.pool, o.store, o.user, sha, Readable.from(bytes), bytes.length);
      return;
    } catch (e) {
      if (!(e instanceof HubObjectBusy) || attempt >= 50) throw e;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}
