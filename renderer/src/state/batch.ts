import { create } from 'zustand';
import { call } from '../api/transport.js';
import type { CapturedLine } from '../api/types.js';
import { drop } from '../util/drop.js';
import { refreshCatalogue } from './refresh.js';

/** One pasted address and what became of it. */
export type BatchLine =
  | { url: string; state: 'waiting' | 'capturing' | 'skipped' }
  | { url: string; state: 'captured'; line: CapturedLine }
  | { url: string; state: 'refused'; message: string };

export interface BatchOptions {
  caseRef?: string;
  note?: string;
}

interface BatchState {
  lines: BatchLine[];
  running: boolean;
  /** asked to stop: the page being captured finishes, the rest are not started */
  cancelling: boolean;
  cancelled: boolean;
  start(urls: readonly string[], options: BatchOptions): Promise<void>;
  cancel(): void;
  /** forgets a finished batch, for the next one */
  reset(): void;
}

/** Addresses one per line; blank lines are not addresses. Everything else is the API's to judge. */
export function pastedUrls(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((u) => u.trim())
    .filter(Boolean);
}

/**
 * A batch captured one address per call, in order, so each outcome shows as
 * it comes and a cancel can stop between pages: a capture in progress is
 * never abandoned halfway, and what is stored stays stored.
 */
export const useBatch = create<BatchState>((set, get) => ({
  lines: [],
  running: false,
  cancelling: false,
  cancelled: false,
  start: async (urls, options) => {
    if (get().running || urls.length === 0) return;
    set({ lines: urls.map((url) => ({ url, state: 'waiting' })), running: true, cancelling: false, cancelled: false });
    const update = (i: number, line: BatchLine) => set((s) => ({ lines: s.lines.map((l, j) => (j === i ? line : l)) }));
    for (let i = 0; i < urls.length; i++) {
      const url = urls[i]!;
      if (get().cancelling) {
        set((s) => ({ lines: s.lines.map((l) => (l.state === 'waiting' ? { url: l.url, state: 'skipped' } : l)) }));
        set({ cancelled: true });
        break;
      }
      update(i, { url, state: 'capturing' });
      const r = await call('captures.capture', { urls: [url], ...options });
      const line = r.ok ? r.value[0] : undefined;
      update(i, line ? { url, state: 'captured', line } : { url, state: 'refused', message: r.ok ? '' : r.error.message });
      if (line) drop(refreshCatalogue());
    }
    set({ running: false, cancelling: false });
  },
  cancel: () => {
    if (get().running) set({ cancelling: true });
  },
  reset: () => {
    if (!get().running) set({ lines: [], cancelling: false, cancelled: false });
  },
}));

/** How far the batch is: pages finished (captured or refused) of all pasted. */
export function batchProgress(lines: readonly BatchLine[]): { finished: number; captured: number; refused: number; total: number } {
  let captured = 0;
  let refused = 0;
  for (const l of lines) {
    if (l.state === 'captured') captured++;
    else if (l.state === 'refused') refused++;
  }
  return { finished: captured + refused, captured, refused, total: lines.length };
}
