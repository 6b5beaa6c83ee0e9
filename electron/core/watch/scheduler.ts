import type { CaptureSetupError } from '../capture/capture-service.js';
import { countAttention } from '../catalogue/dashboard.js';
import { describeRefusal } from '../capture/url-policy.js';
import type { MonitorRunError } from '../fakes/monitor-run.js';
import { err, ok, type Result } from '../util/result.js';
import { utcNow } from '../util/time.js';
import type { Workspace } from '../workspace/workspace.js';
import { lockHolder, type LockHolder } from './lock.js';
import { MonitorRunner, type MonitorsStatus } from './monitor-runner.js';
import { lastRecordedRun, listQueue, targetLabels, workIsDue, type QueuedJob, type RecordedRun } from './queue-status.js';
import { runRecapture, type JobResult, type RecapturePolicy, type RecaptureProgress, type RunRequest, type RunSummary } from './recapture-run.js';

export interface SchedulerOptions {
  /** how often to look for due work in the background; null: never, only runs asked for */
  everyMs: number | null;
  /** recorded as the run's trigger for background runs (runs asked for add "-user") */
  trigger?: string;
  browserPath?: string;
  concurrency?: number;
  policy?: Partial<RecapturePolicy>;
}

export type RunRefusal = { kind: 'busy' } | { kind: 'locked'; holder: LockHolder } | { kind: 'stopped' };

/** A page's result, with the MARKETPLACE:ID a person knows it by. */
export type LabelledResult = JobResult & { label: string | null };

export interface RunningView {
  /** null until the run has taken the lock and found work */
  runId: string | null;
  trigger: string;
  startedAt: string;
  done: number;
  total: number;
  /** the addresses being captured, as of the latest progress report */
  capturing: string[];
  /** the newest results first, at most RESULTS_SHOWN */
  results: LabelledResult[];
  resultCount: number;
  cancelling: boolean;
}

export interface FinishedView extends RecordedRun {
  /** the pages, newest first, when this process ran it (at most RESULTS_SHOWN); null when only its record is known */
  results: LabelledResult[] | null;
  /** its listings' removals, counted as the dashboard counts them; `counts.removed` also has the re-checks that found a listing still gone */
  removals: number;
}

export interface RecaptureStatus {
  running: RunningView | null;
  /** another process (the CLI, another window) holds the queue: not an error, runs here wait for it */
  other: LockHolder | null;
  queue: { jobs: QueuedJob[]; total: number };
  last: FinishedView | null;
  /** why the latest run could not start (no browser found…), until one does */
  problem: string | null;
  /** background runs: how often, and when the next look is; null when off */
  background: { everySeconds: number; nextCheckAt: string | null } | null;
  /** watched searches (monitors) run in the background when due: the run going on, the latest one here, and why one could not run */
  monitors: MonitorsStatus;
}

const RESULTS_SHOWN = 500;

interface Running {
  trigger: string;
  startedAt: string;
  progress: RecaptureProgress | null;
  results: JobResult[];
  controller: AbortController;
  finished: Promise<void>;
}

/**
 * Runs the re-capture queue from inside a long-lived process (the desktop
 * app, `exhibit serve`): in the background, every so often, when something
 * is due; and at once when asked. One run at a time in this process; the
 * database lock keeps other processes out, and a run refused by it is no
 * error: the other run is doing the work. The latest progress and summary
 * are kept here, for the UI to ask after.
 */
export class RecaptureScheduler {
  private current: Running | null = null;
  private last: { summary: RunSummary; trigger: string } | null = null;
  private problem: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private nextCheckAt: string | null = null;
  private stopped = false;
  private readonly monitors: MonitorRunner;

  constructor(
    private readonly ws: Workspace,
    private readonly o: SchedulerOptions,
  ) {
    this.monitors = new MonitorRunner(ws, { browserPath: o.browserPath, concurrency: o.concurrency, describe: describeMonitorError });
  }

  /** Begins looking for due work in the background (when everyMs is set). */
  start(): void {
    if (this.o.everyMs !== null && !this.stopped && !this.timer) this.schedule();
  }

  /** Starts a run now, in the background; refused while one runs here or another process holds the queue. */
  async runNow(req: RunRequest): Promise<Result<void, RunRefusal>> {
    if (this.stopped) return err({ kind: 'stopped' });
    if (this.current || this.monitors.running) return err({ kind: 'busy' });
    const holder = await lockHolder(this.ws.db);
    if (holder) return err({ kind: 'locked', holder });
    // Asked twice at once, or closed meanwhile: the answer is as of now.
    if (this.stopped) return err({ kind: 'stopped' });
    if (this.current || this.monitors.running) return err({ kind: 'busy' });
    this.begin(req, `${this.o.trigger ?? 'app'}-user`);
    return ok(undefined);
  }

  /**
   * Asks the run going on to stop. A re-capture run finishes and stores the
   * pages being captured and starts no other; a watched-search run gives up
   * the page under way (sealed partial, cancelled; not read) and starts no
   * other search. Answers at once.
   */
  cancel(): boolean {
    if (this.current) {
      this.current.controller.abort();
      return true;
    }
    return this.monitors.cancel();
  }

  async status(): Promise<RecaptureStatus> {
    const db = this.ws.db;
    const c = this.current;
    const shown = (results: readonly JobResult[]) => results.slice(-RESULTS_SHOWN).reverse();
    const runningResults = c ? shown(c.results) : [];
    const lastResults = this.last ? shown(this.last.summary.results) : [];
    const labels = await targetLabels(db, {
      listingIds: [...runningResults, ...lastResults].flatMap((r) => (r.listingId ? [r.listingId] : [])),
      sellerIds: [...runningResults, ...lastResults].flatMap((r) => (r.kind === 'storefront' && r.sellerId ? [r.sellerId] : [])),
    });
    const label = (r: JobResult): LabelledResult => ({ ...r, label: labels.get((r.kind === 'listing' ? r.listingId : r.sellerId) ?? '') ?? null });

    // What this process ran, unless a run elsewhere (the CLI) finished since.
    const recorded = (await lastRecordedRun(db)) ?? null;
    let last: Omit<FinishedView, 'removals'> | null = recorded && { ...recorded, results: null };
    if (this.last && (!recorded || recorded.finishedAt <= this.last.summary.finishedAt)) {
      last = { ...this.last.summary, trigger: this.last.trigger, results: lastResults.map(label) };
    }
    const lastView: FinishedView | null = last && { ...last, removals: await countAttention(db, 'removed', last.startedAt, last.finishedAt) };
    return {
      running: c && {
        runId: c.progress?.runId ?? null,
        trigger: c.trigger,
        startedAt: c.startedAt,
        done: c.progress?.done ?? 0,
        total: c.progress?.total ?? 0,
        capturing: c.progress?.running ?? [],
        results: runningResults.map(label),
        resultCount: c.results.length,
        cancelling: c.controller.signal.aborted,
      },
      // The lock a watched-search run of this process holds is no other run.
      other: c || this.monitors.running ? null : ((await lockHolder(db)) ?? null),
      queue: await listQueue(db),
      last: lastView,
      problem: this.problem,
      background: this.o.everyMs === null ? null : { everySeconds: this.o.everyMs / 1000, nextCheckAt: this.nextCheckAt },
      monitors: this.monitors.status(),
    };
  }

  /**
   * Stops looking and cancels a run going on; resolves when it has ended
   * (or after waitMs, when given: a page can take a minute, and a run cut
   * short resumes next time, its jobs still pending).
   */
  async stop(o: { waitMs?: number } = {}): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.nextCheckAt = null;
    const c = this.current;
    c?.controller.abort();
    // A watched-search run gives up the page under way, records its search as cancelled and starts no other.
    const finished = Promise.all([c?.finished, this.monitors.stop()]).then(() => undefined);
    if (o.waitMs === undefined) return finished;
    let timeout: NodeJS.Timeout | undefined;
    await Promise.race([finished, new Promise<void>((r) => (timeout = setTimeout(r, o.waitMs)))]);
    clearTimeout(timeout);
  }

  private schedule(): void {
    const every = this.o.everyMs!;
    this.nextCheckAt = new Date(Date.now() + every).toISOString();
    this.timer = setTimeout(() => {
      this.timer = null;
      this.tick()
        .catch((e: unknown) => {
          this.problem = e instanceof Error ? e.message : String(e);
        })
        .finally(() => {
          if (!this.stopped) this.schedule();
        });
    }, every);
    // A process with nothing else to do is not kept alive by its schedule.
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    if (this.stopped || this.current) return;
    // Nothing due: no run, and no empty run on record every minute.
    if (await workIsDue(this.ws.db, utcNow())) {
      if (this.stopped || this.current) return;
      this.begin({ mode: 'due' }, this.o.trigger ?? 'app');
      // Due watched searches are run at the next look, once the re-captures are done.
      return;
    }
    await this.runDueMonitors();
  }

  /**
   * Watched searches that are due, run as `exhibit monitor run --due` runs
   * them (captured, read, scored, recorded with custody), one look at a
   * time and never beside a re-capture run of this process or while
   * another process holds the watch queue.
   */
  private async runDueMonitors(): Promise<void> {
    if (this.stopped || this.current || this.monitors.running) return;
    if (!(await this.monitors.due())) return;
    if (this.stopped || this.current || this.monitors.running) return;
    await this.monitors.runDue();
  }

  private begin(req: RunRequest, trigger: string): void {
    const controller = new AbortController();
    const run: Running = { trigger, startedAt: utcNow(), progress: null, results: [], controller, finished: Promise.resolve() };
    this.current = run;
    run.finished = runRecapture(this.ws, {
      ...req,
      trigger,
      signal: controller.signal,
      concurrency: this.o.concurrency ?? 2,
      ...(this.o.browserPath ? { browserPath: this.o.browserPath } : {}),
      ...(this.o.policy ? { policy: this.o.policy } : {}),
      onProgress: (p) => {
        run.progress = p;
        if (p.last) run.results.push(p.last);
      },
    })
      .then(
        (r) => {
          if (r.ok) {
            this.last = { summary: r.value, trigger };
            this.problem = null;
          } else if (r.error.kind !== 'locked') {
            // Taken by another process between the check and the run: that run does the work.
            this.problem = describeSetup(r.error);
          }
        },
        (e: unknown) => {
          this.problem = e instanceof Error ? e.message : String(e);
        },
      )
      .finally(() => {
        this.current = null;
      });
  }
}

/** Why a watched-search run could not start; null when another process holds the queue (it does the work). */
function describeMonitorError(e: MonitorRunError): string | null {
  if (e.kind === 'unknown-monitor') return `no watched search ${e.id}`;
  if (e.kind === 'locked') return null;
  return describeSetup(e);
}

/** Why a run could not start, said so a person can act on it. */
function describeSetup(e: CaptureSetupError): string {
  switch (e.kind) {
    case 'no-browser':
    case 'browser-launch':
      return e.message;
    case 'bad-proxy':
      return `The proxy ${e.proxy} cannot be used: ${e.reason}.`;
    case 'bad-profile':
      return `The browser profile ${e.profile} cannot be used: a profile name is letters, digits, - and _.`;
    case 'refused-urls':
      return e.refusals.map(describeRefusal).join(' ');
  }
}
