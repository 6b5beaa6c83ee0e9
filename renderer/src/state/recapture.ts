import { create } from 'zustand';
import { call } from '../api/transport.js';
import type { ApiError, ApiInput, RecaptureStatus } from '../api/types.js';
import { drop } from '../util/drop.js';
import { refreshCatalogue } from './refresh.js';

interface RecaptureState {
  status: RecaptureStatus | null;
  error: string | null;
  /** bumped when a page's result arrives or a run ends: timelines and rules read themselves again */
  version: number;
  load(): Promise<void>;
  /** null when the run started, else why it was refused */
  run(input: ApiInput<'recapture.run'>): Promise<ApiError | null>;
  cancel(): Promise<void>;
}

// Often while a run goes, so each page shows as it comes; seldom otherwise, to notice a background run.
const RUNNING_MS = 1000;
const IDLE_MS = 5000;

const signature = (s: RecaptureStatus) => `${s.running?.resultCount ?? '-'}|${s.last?.runId ?? '-'}|${s.last?.finishedAt ?? ''}|${s.monitors.run?.finished ?? '-'}|${s.monitors.lastFinishedAt ?? ''}`;

/**
 * The re-capture queue as the API reports it: runs go on in the app's
 * process (in the background, or when asked for) and this follows them by
 * asking for their status, often while one runs.
 */
export const useRecapture = create<RecaptureState>((set, get) => {
  const apply = (status: RecaptureStatus) => {
    const before = get().status;
    const moved = before !== null && signature(before) !== signature(status);
    set({ status, error: null, version: moved ? get().version + 1 : get().version });
    // New captures change the sellers' counts and the seller on screen.
    if (moved) drop(refreshCatalogue());
  };
  return {
    status: null,
    error: null,
    version: 0,
    load: async () => {
      const r = await call('recapture.status', {});
      if (r.ok) apply(r.value);
      else set({ error: r.error.message });
    },
    run: async (input) => {
      const r = await call('recapture.run', input);
      if (!r.ok) return r.error;
      apply(r.value);
      wake();
      return null;
    },
    cancel: async () => {
      const r = await call('recapture.cancel', {});
      if (r.ok) apply(r.value);
      else set({ error: r.error.message });
    },
  };
});

let timer: number | undefined;
let following = false;

async function tick(): Promise<void> {
  await useRecapture.getState().load();
  if (!following) return;
  window.clearTimeout(timer);
  const s = useRecapture.getState().status;
  timer = window.setTimeout(() => drop(tick()), s?.running || s?.monitors.running ? RUNNING_MS : IDLE_MS);
}

/** Asks now rather than at the next turn: a run was just started. */
function wake(): void {
  if (!following) return;
  window.clearTimeout(timer);
  timer = window.setTimeout(() => drop(tick()), RUNNING_MS);
}

/** Follows the queue for as long as the app is open; returns the function that stops following. */
export function followRecapture(): () => void {
  following = true;
  drop(tick());
  return () => {
    following = false;
    window.clearTimeout(timer);
  };
}
