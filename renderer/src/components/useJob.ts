import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError, JobStatus } from '../api/types.js';
import { drop } from '../util/drop.js';

type Reply<P, R> = { ok: true; value: JobStatus<P, R> } | { ok: false; error: ApiError };

export interface JobOps<P, R> {
  status(): Promise<Reply<P, R>>;
  cancel(): Promise<Reply<P, R>>;
}

// Often enough that the bar moves smoothly, seldom enough to cost nothing.
const POLL_MS = 400;

/**
 * Jobs seen running whose ending no screen has shown yet: a dialog closed
 * while its dossier was being made shows how it ended when opened again,
 * once; an older job's ending is not news.
 */
const unshown = new Set<string>();

/**
 * Long work the API runs in the background (a dossier, a verification),
 * followed as the Watch screen follows a re-capture run: start it, ask after
 * it while it runs, cancel it. A job already running when the screen opens
 * (started before it was closed) is picked up where it is.
 */
export function useJob<P, R>(ops: JobOps<P, R>) {
  const [status, setStatus] = useState<JobStatus<P, R> | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  /** asked to start, not yet answered */
  const [starting, setStarting] = useState(false);
  const opsRef = useRef(ops);
  const timer = useRef<number | undefined>(undefined);
  const alive = useRef(true);
  /** the jobs whose ending this screen shows */
  const mine = useRef(new Set<string>());
  // Cancel pressed before the start was answered: sent the moment the job is known to run.
  const wantCancel = useRef(false);
  const [cancelAsked, setCancelAsked] = useState(false);

  const apply = useCallback((r: Reply<P, R>) => {
    if (!alive.current) return;
    if (!r.ok) {
      setError(r.error);
      return;
    }
    const { running, last } = r.value;
    if (running) {
      mine.current.add(running.jobId);
      unshown.add(running.jobId);
    }
    if (last && unshown.has(last.jobId)) {
      mine.current.add(last.jobId);
      unshown.delete(last.jobId);
    }
    setStatus(r.value);
    if (running && wantCancel.current) {
      wantCancel.current = false;
      drop(opsRef.current.cancel().then(apply));
    }
    window.clearTimeout(timer.current);
    if (running) timer.current = window.setTimeout(() => drop(opsRef.current.status().then(apply)), POLL_MS);
  }, []);

  useEffect(() => {
    alive.current = true;
    drop(opsRef.current.status().then(apply));
    return () => {
      alive.current = false;
      window.clearTimeout(timer.current);
    };
  }, [apply]);

  const start = useCallback(
    (work: () => Promise<Reply<P, R>>) => {
      setError(null);
      setStarting(true);
      wantCancel.current = false;
      setCancelAsked(false);
      drop(
        work()
          .then(apply)
          .finally(() => {
            if (alive.current) setStarting(false);
          }),
      );
    },
    [apply],
  );
  const running = status?.running ?? null;
  const cancel = useCallback(() => {
    setCancelAsked(true);
    if (running) drop(opsRef.current.cancel().then(apply));
    else wantCancel.current = true;
  }, [apply, running]);

  const last = status?.last && mine.current.has(status.last.jobId) ? status.last : null;
  return { loaded: status !== null, starting, running, cancelling: cancelAsked || (running?.cancelling ?? false), last, error, start, cancel };
}
