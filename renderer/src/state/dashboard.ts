import { create } from 'zustand';
import { call } from '../api/transport.js';
import type { ApiOutputs } from '../api/types.js';

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

interface DashboardState {
  dashboard: Dashboard | null;
  error: string | null;
  marking: boolean;
  load(): Promise<void>;
  /** marks seen up to the counts shown: what came in since stays new */
  markSeen(): Promise<void>;
}

export const useDashboard = create<DashboardState>((set, get) => ({
  dashboard: null,
  error: null,
  marking: false,
  load: async () => {
    const r = await call('dashboard.get', {});
    set(r.ok ? { dashboard: r.value, error: null } : { error: r.error.message });
  },
  markSeen: async () => {
    const shown = get().dashboard;
    if (!shown) return;
    set({ marking: true });
    const r = await call('dashboard.markSeen', { asOf: shown.asOf });
    set(r.ok ? { dashboard: r.value, error: null, marking: false } : { error: r.error.message, marking: false });
  },
}));
