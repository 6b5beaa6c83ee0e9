import { newId } from '../util/ids.js';
import { err, ok, type Result } from '../util/result.js';
import { utcNow } from '../util/time.js';

/** How a job ended: its value, stopped when asked (with what it had found, when that means something), or why it could not be done. */
export type JobOutcome<R> = { kind: 'done'; value: R } | { kind: 'cancelled'; partial: R | null } | { kind: 'failed'; message: string };

export interface JobStatus<P, R> {
  running: { jobId: string; startedAt: string; progress: P | null; cancelling: boolean } | null;
  /** the latest job this process ran, once it has ended */
  last: { jobId: string; startedAt: string; finishedAt: string; outcome: JobOutcome<R> } | null;
}

export type JobRefusal = 'busy' | 'stopped';

export type JobWork<P, R> = (signal: AbortSignal, progress: (p: P) => void) => Promise<JobOutcome<R>>;

interface Running<P> {
  jobId: string;
  startedAt: string;
  progress: P | null;
  controller: AbortController;
  finished: Promise<void>;
}

/**
 * One kind of long work (a dossier, a verification) run in the background,
 * one at a time: started, asked after, cancelled, as the re-capture
 * scheduler runs re-captures. The UI polls status() while it runs; a
 * cancel aborts the work's signal, and the work decides where it can stop.
 */
export class BackgroundJob<P, R> {
  private current: Running<P> | null = null;
  private last: JobStatus<P, R>['last'] = null;
  private stopped = false;

  /** Starts the work at once, in the background; refused while a job of this kind runs. */
  start(work: JobWork<P, R>): Result<string, JobRefusal> {
    if (this.stopped) return err('stopped');
    if (this.current) return err('busy');
    const controller = new AbortController();
    const run: Running<P> = { jobId: newId(), startedAt: utcNow(), progress: null, controller, finished: Promise.resolve() };
    this.current = run;
    const end = (outcome: JobOutcome<R>) => {
      this.last = { jobId: run.jobId, startedAt: run.startedAt, finishedAt: utcNow(), outcome };
      this.current = null;
    };
    run.finished = work(controller.signal, (p) => (run.progress = p)).then(end, (e: unknown) => end({ kind: 'failed', message: e instanceof Error ? e.message : String(e) }));
    return ok(run.jobId);
  }

  /** Asks the job to stop where it safely can; false when none runs. */
  cancel(): boolean {
    if (!this.current) return false;
    this.current.controller.abort();
    return true;
  }

  status(): JobStatus<P, R> {
    const c = this.current;
    return { running: c && { jobId: c.jobId, startedAt: c.startedAt, progress: c.progress, cancelling: c.controller.signal.aborted }, last: this.last };
  }

  /** Cancels a job under way and resolves when it has ended: the workspace may close after. */
  async stop(): Promise<void> {
    this.stopped = true;
    const c = this.current;
    if (!c) return;
    c.controller.abort();
    await c.finished;
  }
}
