import { create } from 'zustand';
import { call } from '../api/transport.js';
import type { BatchLine } from '../api/types.js';
import { drop } from '../util/drop.js';
import { refreshCatalogue } from './refresh.js';

export type { BatchLine };

export interface BatchOptions {
  caseRef?: string;
  note?: string;
  /** pages captured at once, 1 to 4 */
  concurrency: number;
}

interface BatchState {
  lines: BatchLine[];
  running: boolean;
  /** asked to stop: the pages under way are given up at once, the rest not started */
  cancelling: boolean;
  cancelled: boolean;
  /** why the batch could not run at all (no browser), or the API's refusal */
  failure: string | null;
  start(urls: readonly string[], options: BatchOptions): Promise<void>;
  cancel(): void;
  /** forgets a finished batch, for the next one */
  reset(): void;
  /** picks up a batch already running (started before a reload) */
  follow(): void;
}

/** Addresses one per line; blank lines are not addresses. Everything else is the API's to judge. */
export function pastedUrls(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((u) => u.trim())
    .filter(Boolean);
}

const POLL_MS = 400;
let timer: number | undefined;

/**
 * A batch runs in the API's process, in the background: this follows it by
 * polling, so each outcome shows as it comes, the top bar says it goes on
 * when the dialog is closed, and Cancel stops it within seconds.
 */
export const useBatch = create<BatchState>((set, get) => {
  let storedSeen = 0;
  const apply = (r: Awaited<ReturnType<typeof call<'batch.status'>>>) => {
    if (!r.ok) {
      set({ failure: r.error.message, running: false, cancelling: false });
      return;
    }
    const { running, last } = r.value;
    if (running) {
      set({ running: true, cancelling: running.cancelling || get().cancelling, lines: running.progress?.lines ?? get().lines });
    } else if (get().running && last) {
      const o = last.outcome;
      set({
        running: false,
        cancelling: false,
        cancelled: o.kind === 'cancelled',
        failure: o.kind === 'failed' ? o.message : null,
        lines: o.kind === 'done' ? o.value.lines : o.kind === 'cancelled' && o.partial ? o.partial.lines : get().lines,
      });
    } else set({ running: false });
    const stored = get().lines.filter((l) => l.state === 'stored').length;
    if (stored > storedSeen) drop(refreshCatalogue());
    storedSeen = stored;
    window.clearTimeout(timer);
    if (get().running) timer = window.setTimeout(() => drop(call('batch.status', {}).then(apply)), POLL_MS);
  };
  return {
    lines: [],
    running: false,
    cancelling: false,
    cancelled: false,
    failure: null,
    start: async (urls, options) => {
      if (get().running || urls.length === 0) return;
      storedSeen = 0;
      set({ lines: urls.map((url) => ({ url, state: 'waiting' })), running: true, cancelling: false, cancelled: false, failure: null });
      apply(await call('batch.start', { urls: [...urls], ...options }));
    },
    cancel: () => {
      if (!get().running) return;
      set({ cancelling: true });
      drop(call('batch.cancel', {}).then(apply));
    },
    reset: () => {
      if (!get().running) set({ lines: [], cancelling: false, cancelled: false, failure: null });
    },
    follow: () => {
      drop(
        call('batch.status', {}).then((r) => {
          if (r.ok && r.value.running) {
            set({ running: true });
            apply(r);
          }
        }),
      );
    },
  };
});

/** How a line ended, for the summary: never "captured" for a page that could not be had. */
export type LineGroup = 'complete' | 'partial' | 'blocked' | 'gone' | 'error' | 'cancelled' | 'skipped' | 'pending';

const GONE = new Set(['not-found', 'gone']);

export function lineGroup(l: BatchLine): LineGroup {
  switch (l.state) {
    case 'waiting':
    case 'capturing':
      return 'pending';
    case 'skipped':
      return 'skipped';
    case 'cancelled':
      return 'cancelled';
    case 'refused':
    case 'failed':
      return 'error';
    case 'stored':
      if (l.partialReasons.includes('cancelled')) return 'cancelled';
      if (l.outcome === 'complete' || l.outcome === 'partial' || l.outcome === 'blocked') return l.outcome;
      return GONE.has(l.outcome) ? 'gone' : 'error';
  }
}

export type BatchSummary = Record<LineGroup, number> & { total: number; finished: number };

/** The batch by outcome: how many complete, partial, blocked, gone, in error, cancelled, not started, still to come. */
export function batchSummary(lines: readonly BatchLine[]): BatchSummary {
  const s: BatchSummary = { complete: 0, partial: 0, blocked: 0, gone: 0, error: 0, cancelled: 0, skipped: 0, pending: 0, total: lines.length, finished: 0 };
  for (const l of lines) s[lineGroup(l)]++;
  s.finished = s.total - s.pending - s.skipped;
  return s;
}

/** How far the batch is: pages finished of all pasted. */
export function batchProgress(lines: readonly BatchLine[]): { finished: number; total: number } {
  const s = batchSummary(lines);
  return { finished: s.finished, total: s.total };
}
