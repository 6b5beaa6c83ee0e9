import { create } from 'zustand';
import { call } from '../api/transport.js';
import type { ApiOutputs } from '../api/types.js';
import { hrefOf } from './router.js';

type Dashboard = ApiOutputs['dashboard.get'];
export type AttentionRow = ApiOutputs['dashboard.rows'][number];
export type AttentionKind = keyof Dashboard['counts'];

/** The dashboard's counts, in the order it shows them (electron/core/catalogue/dashboard.ts counts them). */
export const LISTING_KINDS: readonly AttentionKind[] = ['changed', 'removed', 'reappeared', 'blocked'];
export const WORK_KINDS: readonly AttentionKind[] = ['takedowns-overdue', 'unfiled'];
const ALL_KINDS = new Set<string>([...LISTING_KINDS, ...WORK_KINDS]);

export function isAttentionKind(s: string): s is AttentionKind {
  return ALL_KINDS.has(s);
}

/** A count shown elsewhere than the dashboard (a run's, a seller's), opening its rows: a window, a seller. */
export interface AttentionScope {
  /** excluded; null: from the beginning */
  since: string | null;
  until?: string;
  sellerId?: string;
}

/** The address of the rows behind a count: the kind, and what the count was kept to. */
export function attentionHref(kind: AttentionKind, scope?: AttentionScope): string {
  if (!scope) return hrefOf({ page: 'attention', id: kind });
  const q = new URLSearchParams();
  if (scope.since) q.set('since', scope.since);
  if (scope.until) q.set('until', scope.until);
  if (scope.sellerId) q.set('seller', scope.sellerId);
  return hrefOf({ page: 'attention', id: `${kind}?${q.toString()}` });
}

/** Reads what attentionHref wrote; scope null: the dashboard's own counts (since the last visit). */
export function parseAttention(id: string): { kind: string; scope: AttentionScope | null } {
  const at = id.indexOf('?');
  if (at < 0) return { kind: id, scope: null };
  const q = new URLSearchParams(id.slice(at + 1));
  const until = q.get('until');
  const sellerId = q.get('seller');
  return { kind: id.slice(0, at), scope: { since: q.get('since'), ...(until ? { until } : {}), ...(sellerId ? { sellerId } : {}) } };
}

interface DashboardState {
  dashboard: Dashboard | null;
  error: string | null;
  marking: boolean;
  /** reads the counts again */
  load(): Promise<void>;
  /** reads them unless a read is under way or was asked for in the last few seconds (the side bar and home, at start) */
  ensure(): Promise<void>;
  /** marks seen up to the counts shown: what came in since stays new */
  markSeen(): Promise<void>;
}

/** The read under way: the side bar's count and home ask at once, and share one answer. */
let reading: Promise<void> | null = null;
let askedAt = 0;
const FRESH_MS = 3000;

export const useDashboard = create<DashboardState>((set, get) => ({
  dashboard: null,
  error: null,
  marking: false,
  load: () => {
    askedAt = Date.now();
    reading ??= call('dashboard.get', {}).then((r) => {
      reading = null;
      set(r.ok ? { dashboard: r.value, error: null } : { error: r.error.message });
    });
    return reading;
  },
  ensure: () => {
    if (reading) return reading;
    if (get().dashboard && Date.now() - askedAt < FRESH_MS) return Promise.resolve();
    return get().load();
  },
  markSeen: async () => {
    const shown = get().dashboard;
    if (!shown) return;
    set({ marking: true });
    const r = await call('dashboard.markSeen', { asOf: shown.asOf });
    set(r.ok ? { dashboard: r.value, error: null, marking: false } : { error: r.error.message, marking: false });
  },
}));
