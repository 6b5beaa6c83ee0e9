import { runMonitors, type MonitorProgress, type MonitorRunError, type MonitorRunSummary } from '../fakes/monitor-run.js';
import { listMonitors } from '../fakes/monitors.js';
import { utcNow } from '../util/time.js';
import type { Workspace } from '../workspace/workspace.js';

/** The watched-search run going on in this process. */
export interface MonitorRunView {
  startedAt: string;
  /** the search under way, its pages (or the listings over its threshold) done and to do; null until the run has its browser */
  current: MonitorProgress | null;
  /** searches of this run already recorded */
  finished: number;
  /** cancel was asked for: the page under way is given up, no other search is started */
  cancelling: boolean;
}

export interface MonitorsStatus {
  running: boolean;
  run: MonitorRunView | null;
  lastFinishedAt: string | null;
  /** the latest run here: each search it recorded (a cancelled one says so) */
  lastRuns: MonitorRunSummary[];
  /** the latest run here was cancelled */
  lastCancelled: boolean;
  /** after a cancel, no watched search starts in the background before this (searches due and not reached wait till then) */
  heldUntil: string | null;
  problem: string | null;
}

/**
 * How long a cancel holds background watched searches back. Someone who
 * cancels a search wants the machine back: the searches that were due
 * with it would otherwise start at the next look, a minute later.
 */
export const CANCEL_HOLD_MS = 15 * 60_000;

interface Running {
  startedAt: string;
  controller: AbortController;
  current: MonitorProgress | null;
  finished: number;
  done: Promise<void>;
}

/**
 * Runs due watched searches for the process's scheduler, one run at a time,
 * as `exhibit monitor run --due` runs them, and keeps its progress and its
 * last summary for the UI to ask after. Cancel gives up the page under way
 * (sealed partial, cancelled) and starts no other search.
 */
export class MonitorRunner {
  private current: Running | null = null;
  private last: { finishedAt: string; runs: MonitorRunSummary[]; cancelled: boolean } | null = null;
  private problem: string | null = null;
  private heldUntil: number | null = null;

  constructor(
    private readonly ws: Workspace,
    private readonly o: { browserPath?: string | undefined; concurrency?: number | undefined; holdMs?: number | undefined; describe: (e: MonitorRunError) => string | null },
  ) {}

  get running(): boolean {
    return this.current !== null;
  }

  /** Any watched search due now, unless a cancel holds them back. */
  async due(): Promise<boolean> {
    if (this.heldUntil !== null && Date.now() < this.heldUntil) return false;
    this.heldUntil = null;
    return (await listMonitors(this.ws.db, { due: utcNow() })).length > 0;
  }

  /** Runs what is due; resolves when the run has ended. Not to be called while one runs. */
  async runDue(): Promise<void> {
    if (this.current) return;
    let done!: () => void;
    const run: Running = { startedAt: utcNow(), controller: new AbortController(), current: null, finished: 0, done: new Promise<void>((r) => (done = r)) };
    this.current = run;
    try {
      // runMonitors takes the watch queue's lock itself: held by another process, nothing runs here and that is no problem.
      const r = await runMonitors(this.ws, {
        concurrency: this.o.concurrency ?? 2,
        signal: run.controller.signal,
        ...(this.o.browserPath ? { browserPath: this.o.browserPath } : {}),
        onProgress: (p) => (run.current = p),
        onMonitor: () => run.finished++,
      });
      const cancelled = run.controller.signal.aborted;
      if (cancelled) this.heldUntil = Date.now() + (this.o.holdMs ?? CANCEL_HOLD_MS);
      if (r.ok) {
        if (r.value.length > 0 || cancelled) this.last = { finishedAt: utcNow(), runs: r.value, cancelled };
        this.problem = null;
      } else this.problem = this.o.describe(r.error) ?? this.problem;
    } catch (e) {
      this.problem = e instanceof Error ? e.message : String(e);
    } finally {
      this.current = null;
      done();
    }
  }

  /** Asks the run going on to stop; false when none runs. Answers at once: the run ends within seconds. */
  cancel(): boolean {
    if (!this.current) return false;
    this.current.controller.abort();
    return true;
  }

  /** Cancels the run going on; resolves when it has ended. */
  stop(): Promise<void> {
    this.current?.controller.abort();
    return this.current?.done ?? Promise.resolve();
  }

  status(): MonitorsStatus {
    const c = this.current;
    return {
      running: c !== null,
      run: c && { startedAt: c.startedAt, current: c.current, finished: c.finished, cancelling: c.controller.signal.aborted },
      lastFinishedAt: this.last?.finishedAt ?? null,
      lastRuns: this.last?.runs ?? [],
      lastCancelled: this.last?.cancelled ?? false,
      heldUntil: this.heldUntil !== null && Date.now() < this.heldUntil ? new Date(this.heldUntil).toISOString() : null,
      problem: this.problem,
    };
  }
}
