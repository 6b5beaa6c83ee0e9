import type PgBoss from 'pg-boss';
import { CaptureSession, type CaptureSetupError } from '../capture/capture-service.js';
import { Mutex } from '../util/mutex.js';
import type { Workspace } from '../workspace/workspace.js';
import type { HubPool } from './db.js';
import { handOver, type HandOverParts } from './hand-over.js';
import { enqueueDue, RECAPTURE_QUEUE, type RecaptureJob } from './jobs.js';
import type { HubObjectStore } from './object-store.js';
import { PushRefused } from './receive.js';
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

/**
 * A re-capture worker: takes due watches' jobs from the hub's queue, captures
 * each page headless into its own workspace (sealed with its own key and
 * time-stamped by its authorities), then hands the capture to the hub in one
 * transaction that also marks the job done. A worker killed before that
 * transaction leaves its job to expire and be retried by another; the job's
 * id is unique among the hub's captures, so a job run twice is stored once.
 *
 * Each of the `concurrency` slots hands its capture over while it captures
 * the next page; it waits for that hand-over before handing over another, so
 * no more than one capture per slot waits with its job taken.
 */
export async function runWorker(o: WorkerOptions): Promise<WorkerResult> {
  const opened = await CaptureSession.open(o.ws, o.browserPath ? { browserPath: o.browserPath } : {});
  if (!opened.ok) return opened;
  const session = opened.value;
  const pollMs = o.pollMs ?? 2_000;
  const result = { stored: 0, duplicates: 0 };
  const state: { refused: string | null } = { refused: null };
  const parts: HandOverParts = { ws: o.ws, pool: o.pool, store: o.store, boss: o.boss, user: o.user, stamping: new Mutex(), pushing: new Mutex(), ...(o.signal ? { signal: o.signal } : {}) };
  let lastEnqueue = 0;

  const handOverJob = async (job: PgBoss.Job<RecaptureJob>, captureId: string): Promise<void> => {
    try {
      const handed = await handOver(parts, job, captureId);
      if (handed.notStamped !== null) o.onEvent?.({ kind: 'not-stamped', captureId, reason: handed.notStamped });
      if (handed.stored) result.stored++;
      else result.duplicates++;
      o.onEvent?.({ kind: handed.stored ? 'stored' : 'duplicate', jobId: job.id, captureId });
    } catch (e) {
      if (!(e instanceof PushRefused)) throw e;
      // The hub would not take what this worker made: it stops rather than capture more that would be refused.
      state.refused ??= e.message;
      await o.boss.fail(RECAPTURE_QUEUE, job.id, { reason: e.message });
    }
  };

  const slot = async (): Promise<void> => {
    // What went wrong in the hand-over running meanwhile is kept, not left unhandled, and thrown when the slot waits for it.
    let handing: Promise<{ error: unknown } | null> | null = null;
    const handed = async (): Promise<void> => {
      const failed = await handing;
      handing = null;
      if (failed) throw failed.error;
    };
    try {
      while (!o.signal?.aborted && state.refused === null) {
        if (Date.now() - lastEnqueue >= pollMs) {
          lastEnqueue = Date.now();
          const jobs = await enqueueDue(o.pool, o.boss);
          if (jobs > 0) o.onEvent?.({ kind: 'enqueued', jobs });
        }
        const [job] = await o.boss.fetch<RecaptureJob>(RECAPTURE_QUEUE, { batchSize: 1 });
        if (!job) {
          // This slot's own job still being handed over counts as running: finish it rather than wait for it.
          if (handing) await handed();
          else if (o.drain && (await o.boss.getQueueSize(RECAPTURE_QUEUE, { before: 'completed' })) === 0) return;
          else await new Promise((r) => setTimeout(r, pollMs));
          continue;
        }
        const captured = await session.capture(new URL(job.data.url));
        const captureId = captured.record.id;
        o.onEvent?.({ kind: 'captured', jobId: job.id, url: job.data.url, captureId, outcome: captured.page.outcome });
        await handed();
        if (state.refused !== null) {
          // The hub refused the capture before: this one is not offered, and its job goes back to the queue.
          await o.boss.fail(RECAPTURE_QUEUE, job.id, { reason: state.refused });
          return;
        }
        handing = handOverJob(job, captureId).then(
          () => null,
          (error: unknown) => ({ error }),
        );
      }
    } finally {
      await handed();
    }
  };
  try {
    await Promise.all(Array.from({ length: o.concurrency }, slot));
  } finally {
    await session.close();
  }
  return state.refused === null ? { ok: true, ...result } : { ok: false, error: { kind: 'refused', message: state.refused } };
}
