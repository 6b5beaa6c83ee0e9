import { hostname } from 'node:os';
import { CaptureSession, sealPageCapture, type CaptureRequest, type CaptureSetupError } from '../capture/capture-service.js';
import type { PageCapture } from '../capture/capture-page.js';
import { extractCapturedPage } from '../capture/extraction-step.js';
import { parseCaptureUrl } from '../capture/url-policy.js';
import { diffScreenshots, type ScreenshotDiff } from '../imaging/screenshot-diff.js';
import type { JsonValue } from '../util/canonical-json.js';
import { recaptures, watch } from '../store/index.js';
import { newId } from '../util/ids.js';
import { err, ok, type Result } from '../util/result.js';
import type { Db } from '../workspace/db.js';
import type { Workspace } from '../workspace/workspace.js';
import { FILED_OUTCOMES } from '../catalogue/placement.js';
import { classifyListing, classifyStorefront, sellerToFile, type Classification, type ClassifyResult, type FieldChange } from './classify.js';
import { lastStorefront, listingState, type ListingState } from './history.js';
import { beat, releaseLock, takeLock, type LockHolder } from './lock.js';
import { bringForward, enqueue, enqueueDue, enqueueRule, expandTarget, pendingJobs, type Job } from './queue.js';
import { recordClassification } from './record-classification.js';
import type { WatchTargetKind } from './rules.js';

export interface RecapturePolicy {
  /** waits before each retry of a network failure; one retry per entry */
  retryDelaysMs: readonly number[];
  /** a captcha is tried again this much later, in a later run */
  blockedRetryMs: number;
  /** after this many blocked attempts the job is given up (classified blocked) */
  maxBlockedAttempts: number;
  /** a run waits for retries due within this long; later ones are left to the next run */
  maxWaitMs: number;
}

export const DEFAULT_POLICY: RecapturePolicy = { retryDelaysMs: [15_000, 60_000], blockedRetryMs: 2 * 3600_000, maxBlockedAttempts: 6, maxWaitMs: 90_000 };

/**
 * What a run re-captures. 'due': what watch rules make due, and any job left
 * pending; 'targets': only the given targets; 'rule': one rule now, as if it
 * had come due.
 */
export type RunRequest = { mode: 'due' } | { mode: 'targets'; targets: readonly { kind: WatchTargetKind; id: string }[] } | { mode: 'rule'; ruleId: string };

export type RecaptureOptions = RunRequest & RunSettings;

export interface RunSettings extends Pick<CaptureRequest, 'browserPath' | 'proxy' | 'profile' | 'bounds' | 'viewport' | 'trustedSpki'> {
  /** who started the run, for its record: "cli", "app", "scheduler" */
  trigger: string;
  concurrency?: number;
  policy?: Partial<RecapturePolicy>;
  signal?: AbortSignal;
  onProgress?: (p: RecaptureProgress) => void;
}

export interface JobResult {
  jobId: string;
  kind: 'listing' | 'storefront';
  listingId: string | null;
  sellerId: string | null;
  url: string;
  /** null only when the address was refused and nothing was captured */
  captureId: string | null;
  outcome: string;
  classification: Classification;
  reappeared: boolean;
  /** found gone again while last seen gone: a re-check, not a new removal (the dashboard does not count it) */
  stillRemoved: boolean;
  changes: FieldChange[];
  screenshotDiff: number | null;
  attempt: number;
  /** 'done' or 'failed' when the job is over; 'retry' when it was put back with a time */
  status: 'done' | 'failed' | 'retry';
  retryAt: string | null;
  /** listings the storefront showed that were new: queued in this run */
  newListings: string[];
}

export interface RecaptureProgress {
  runId: string;
  /** jobs finished (or put back) so far, and jobs known in all */
  done: number;
  total: number;
  running: string[];
  last: JobResult | null;
}

export interface RunSummary {
  runId: string;
  startedAt: string;
  finishedAt: string;
  rulesDue: number;
  jobs: number;
  counts: Record<Classification, number>;
  reappeared: number;
  /** jobs put back for a later run (a captcha, a network failure waiting for its retry) */
  retryLater: number;
  failed: number;
  cancelled: boolean;
  results: JobResult[];
}

export type RecaptureError = { kind: 'locked'; holder: LockHolder } | CaptureSetupError;

const HEARTBEAT_MS = 30_000;
const IDLE_POLL_MS = 250;

/**
 * Runs the re-capture queue: takes the lock, queues what is due (or the
 * targets given), captures each page through one browser, classifies it
 * against the listing's last capture and stores both in one transaction
 * with the job's new state. A run killed at any point leaves every job
 * either finished with its capture or pending, so the next run resumes.
 */
export async function runRecapture(ws: Workspace, o: RecaptureOptions): Promise<Result<RunSummary, RecaptureError>> {
  const policy = { ...DEFAULT_POLICY, ...o.policy };
  const runId = newId();
  const locked = await takeLock(ws.db, runId);
  if (!locked.ok) return err({ kind: 'locked', holder: locked.error });
  const startedAt = new Date().toISOString();
  const heartbeat = setInterval(() => void beat(ws.db, runId).catch(() => undefined), HEARTBEAT_MS);
  try {
    await ws.db.transaction((tx) => recaptures.insertRun(tx, { id: runId, startedAt, trigger: o.trigger, pid: process.pid, host: hostname() }));
    let rulesDue = 0;
    let scope: Set<string> | undefined;
    if (o.mode === 'due') rulesDue = (await enqueueDue(ws.db, startedAt)).rules;
    else if (o.mode === 'rule') {
      const ids = await enqueueRule(ws.db, o.ruleId, startedAt);
      rulesDue = ids ? 1 : 0;
      scope = new Set(ids);
    } else {
      scope = new Set<string>();
      for (const t of o.targets) {
        const targets = await expandTarget(ws.db, t.kind, t.id);
        const ids = await ws.db.transaction(async (tx) => {
          const queued = await enqueue(tx, targets, { ruleId: null, now: startedAt });
          await bringForward(tx, queued, startedAt);
          return queued;
        });
        for (const id of ids) scope.add(id);
      }
    }
    const results: JobResult[] = [];
    let cancelled = false;
    const first = await pendingJobs(ws.db, scope);
    if (first.length > 0) {
      const opened = await CaptureSession.open(ws, { browserPath: o.browserPath, proxy: o.proxy, profile: o.profile, bounds: o.bounds, viewport: o.viewport, trustedSpki: o.trustedSpki });
      if (!opened.ok) {
        // The run's record says why it captured nothing; its jobs stay queued for the next run.
        await ws.db.transaction((tx) => recaptures.finishRun(tx, runId, new Date().toISOString(), JSON.stringify({ setupError: opened.error })));
        return opened;
      }
      const session = opened.value;
      const running = new Map<string, Job>();
      const known = new Set(first.map((j) => j.id));
      const progress = (last: JobResult | null) =>
        o.onProgress?.({ runId, done: results.length, total: Math.max(known.size, results.length), running: [...running.values()].map((j) => j.url), last });
      progress(null);
      // Jobs whose browser failed under them: left pending for the next run, not tried again in this one.
      const leftForLater = new Set<string>();
      const nextJob = async (): Promise<Job | 'wait' | null> => {
        const pending = (await pendingJobs(ws.db, scope)).filter((j) => !running.has(j.id) && !leftForLater.has(j.id));
        for (const j of pending) known.add(j.id);
        const now = Date.now();
        const ready = pending.find((j) => Date.parse(j.notBefore) <= now);
        if (ready) {
          running.set(ready.id, ready);
          return ready;
        }
        // Retries due soon are waited for; a storefront still running may queue more.
        if (pending.some((j) => Date.parse(j.notBefore) - now <= policy.maxWaitMs) || running.size > 0) return 'wait';
        return null;
      };
      const worker = async () => {
        for (;;) {
          if (o.signal?.aborted) {
            cancelled = true;
            return;
          }
          const job = await nextJob();
          if (job === null) return;
          if (job === 'wait') {
            await sleep(IDLE_POLL_MS);
            continue;
          }
          // Reported as it starts, so a screen can say which page is being captured.
          progress(null);
          try {
            const r = await recaptureJob(ws, session, job, policy).catch((e: unknown) => {
              // Not the page's doing (a browser that could not be started again): the run goes on with the next listing.
              leftForLater.add(job.id);
              return { queued: [], result: browserFailed(job, e) };
            });
            for (const id of r.queued) {
              scope?.add(id);
              known.add(id);
            }
            running.delete(job.id);
            results.push(r.result);
            progress(r.result);
          } finally {
            running.delete(job.id);
          }
        }
      };
      try {
        await Promise.all(Array.from({ length: Math.max(1, o.concurrency ?? 1) }, worker));
      } finally {
        await session.close();
      }
    }
    const summary = summarise(runId, startedAt, rulesDue, results, cancelled);
    await ws.db.transaction((tx) => recaptures.finishRun(tx, runId, summary.finishedAt, JSON.stringify({ ...summary, results: undefined })));
    return ok(summary);
  } finally {
    clearInterval(heartbeat);
    await releaseLock(ws.db, runId);
  }
}

interface JobOutcome {
  result: JobResult;
  /** jobs this one queued (a storefront's new listings) */
  queued: string[];
}

/** One page: captured, classified against what the workspace knew, stored with the job's new state. */
async function recaptureJob(ws: Workspace, session: CaptureSession, job: Job, policy: RecapturePolicy): Promise<JobOutcome> {
  const url = parseCaptureUrl(job.url);
  if (!url.ok) return refuseJob(ws, job, url.error.reason);
  const state = job.kind === 'listing' && job.listingId ? await listingState(ws.db, job.listingId, (h) => ws.store.pathOf(h)) : null;
  const storefrontBefore = job.kind === 'storefront' && job.sellerId ? await lastStorefront(ws.db, job.sellerId, job.url) : null;

  const page = await session.capturePage(url.value);
  const read = extractCapturedPage(page);
  const shows = FILED_OUTCOMES.has(page.outcome);
  const beforeText = shows && state?.shown?.textSha256 ? (await ws.store.read(state.shown.textSha256)).toString('utf8') : null;
  const given = shows && state ? sellerToFile(read.extraction, state.seller) : undefined;
  const cls: ClassifyResult =
    job.kind === 'listing'
      ? classifyListing({ outcome: page.outcome, httpStatus: page.httpStatus, extraction: read.extraction, text: read.text, listingKey: state?.listingKey ?? '', before: state?.shown?.values ?? null, beforeKind: state?.shown?.pageKind ?? null, beforeText, given })
      : classifyStorefront({ outcome: page.outcome, httpStatus: page.httpStatus, extraction: read.extraction, text: read.text, before: storefrontBefore?.listings ?? null });
  const diff = await screenshotDiff(state, page, cls);
  const reappeared = state?.removed === true && ['first', 'unchanged', 'changed'].includes(cls.classification);
  const attempt = job.attempts + 1;
  const next = nextStep(cls, attempt, policy);
  const queued: string[] = [];

  const stored = await sealPageCapture(ws, page, { read, seller: given, then: async (tx: Db, captureId: string) => {
    const at = new Date().toISOString();
    const detail: { [key: string]: JsonValue } = { ...cls.detail, attempt };
    if (diff && 'error' in diff) detail.screenshotDiffError = diff.error;
    const share = diff && 'share' in diff ? diff.share : null;
    if (diff && 'share' in diff) detail.screenshot = { cells: diff.cells, differingCells: diff.differingCells, before: diff.before, after: diff.after, changedRows: diff.changedRows };
    await recordClassification(tx, {
      captureId,
      jobId: job.id,
      kind: job.kind,
      listingId: job.listingId,
      sellerId: job.sellerId,
      previousId: state?.previousId ?? storefrontBefore?.captureId ?? null,
      comparedWith: state?.shown?.captureId ?? storefrontBefore?.captureId ?? null,
      classification: cls.classification,
      reappeared,
      changes: cls.changes,
      screenshotDiff: share,
      detail,
      at,
    });
    const changed = await watch.finishJobAttempt(tx, {
      id: job.id,
      status: next.status === 'retry' ? 'pending' : next.status,
      attempts: attempt,
      notBefore: next.retryAt ?? job.notBefore,
      lastOutcome: page.outcome,
      captureId,
      classification: cls.classification,
      finishedAt: next.status === 'retry' ? null : at,
    });
    // The lock makes this impossible; if it ever happened, the capture must not be filed as this job's.
    if (!changed) throw new Error(`job ${job.id} is no longer pending: another run took it`);
    if (job.kind === 'storefront' && job.sellerId && ['first', 'unchanged', 'changed'].includes(cls.classification)) {
      // Listings its page shows that were never captured: capture them too, in this run.
      const fresh = await watch.uncapturedListingPagesOfSeller(tx, job.sellerId);
      queued.push(...(await enqueue(tx, fresh.map((l) => ({ kind: 'listing' as const, listingId: l.id, sellerId: l.sellerId, url: l.url })), { ruleId: job.ruleId, now: at })));
    }
  } });

  return {
    queued,
    result: {
      jobId: job.id,
      kind: job.kind,
      listingId: job.listingId,
      sellerId: job.sellerId,
      url: job.url,
      captureId: stored.record.id,
      outcome: page.outcome,
      classification: cls.classification,
      reappeared,
      stillRemoved: cls.classification === 'removed' && state?.removed === true,
      changes: cls.changes,
      screenshotDiff: diff && 'share' in diff ? diff.share : null,
      attempt,
      status: next.status,
      retryAt: next.retryAt,
      newListings: queued,
    },
  };
}

/** An address that cannot be captured (stored before the rules were strict): the job ends with the reason, nothing captured. */
async function refuseJob(ws: Workspace, job: Job, reason: string): Promise<JobOutcome> {
  await ws.db.transaction((tx) => watch.failJob(tx, job.id, `refused: ${reason}`, new Date().toISOString()));
  const result: JobResult = { jobId: job.id, kind: job.kind, listingId: job.listingId, sellerId: job.sellerId, url: job.url, captureId: null, outcome: `refused: ${reason}`, classification: 'error', reappeared: false, stillRemoved: false, changes: [], screenshotDiff: null, attempt: job.attempts + 1, status: 'failed', retryAt: null, newListings: [] };
  return { result, queued: [] };
}

/** A job the browser failed under: still pending in the queue, for the next run. */
function browserFailed(job: Job, e: unknown): JobResult {
  const why = e instanceof Error ? e.message.split('\n')[0]! : String(e);
  return { jobId: job.id, kind: job.kind, listingId: job.listingId, sellerId: job.sellerId, url: job.url, captureId: null, outcome: `browser failed: ${why}`, classification: 'error', reappeared: false, stillRemoved: false, changes: [], screenshotDiff: null, attempt: job.attempts, status: 'retry', retryAt: null, newListings: [] };
}

/** Done, put back for a retry (when), or given up. */
function nextStep(cls: ClassifyResult, attempt: number, policy: RecapturePolicy): { status: 'done' | 'failed' | 'retry'; retryAt: string | null } {
  const later = (ms: number) => ({ status: 'retry' as const, retryAt: new Date(Date.now() + ms).toISOString() });
  if (cls.retry === 'network') return attempt <= policy.retryDelaysMs.length ? later(policy.retryDelaysMs[attempt - 1]!) : { status: 'failed', retryAt: null };
  if (cls.retry === 'blocked') return attempt < policy.maxBlockedAttempts ? later(policy.blockedRetryMs) : { status: 'failed', retryAt: null };
  return { status: cls.classification === 'error' ? 'failed' : 'done', retryAt: null };
}

/** The share of the full-page screenshot that differs from the last capture that showed the listing. */
async function screenshotDiff(state: ListingState | null, page: PageCapture, cls: ClassifyResult): Promise<ScreenshotDiff | { error: string } | null> {
  if (!state?.shown || state.shown.tiles.length === 0 || !['unchanged', 'changed'].includes(cls.classification)) return null;
  const tiles = page.artifacts.filter((a) => a.kind === 'screenshot-full').sort((a, b) => (a.name < b.name ? -1 : 1));
  if (tiles.length === 0 || !tiles.every((t) => t.source instanceof Uint8Array)) return null;
  try {
    return await diffScreenshots(state.shown.tiles, tiles.map((t) => t.source as Uint8Array));
  } catch (e) {
    // A screenshot that cannot be compared costs the comparison, never the capture.
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

function summarise(runId: string, startedAt: string, rulesDue: number, results: JobResult[], cancelled: boolean): RunSummary {
  const counts = { first: 0, unchanged: 0, changed: 0, removed: 0, blocked: 0, error: 0 } satisfies Record<Classification, number>;
  for (const r of results) counts[r.classification]++;
  return {
    runId,
    startedAt,
    finishedAt: new Date().toISOString(),
    rulesDue,
    jobs: new Set(results.map((r) => r.jobId)).size,
    counts,
    reappeared: results.filter((r) => r.reappeared).length,
    retryLater: [...lastOfEachJob(results).values()].filter((r) => r.status === 'retry').length,
    failed: results.filter((r) => r.status === 'failed').length,
    cancelled,
    results,
  };
}

/** A job retried within the run has several results: the last says how it ended. */
function lastOfEachJob(results: readonly JobResult[]): Map<string, JobResult> {
  return new Map(results.map((r) => [r.jobId, r]));
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
