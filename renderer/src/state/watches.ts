import { create } from 'zustand';
import { call } from '../api/transport.js';
import type { ApiError, WatchRule, WatchTargetKind } from '../api/types.js';

interface WatchesState {
  rules: WatchRule[];
  loaded: boolean;
  error: string | null;
  load(): Promise<void>;
  /** the rule as it now stands, or why it was refused */
  add(kind: WatchTargetKind, ref: string, every: string): Promise<{ ok: true; rule: WatchRule } | { ok: false; error: ApiError }>;
  setActive(id: string, active: boolean): Promise<ApiError | null>;
}

/** The watch rules: what is re-captured, and how often. */
export const useWatches = create<WatchesState>((set, get) => ({
  rules: [],
  loaded: false,
  error: null,
  load: async () => {
    const r = await call('watches.list', {});
    set(r.ok ? { rules: r.value, loaded: true, error: null } : { error: r.error.message });
  },
  add: async (kind, ref, every) => {
    const r = await call('watches.add', { kind, ref, every: every.trim() });
    if (!r.ok) return r;
    await get().load();
    return { ok: true, rule: r.value };
  },
  setActive: async (id, active) => {
    const r = await call('watches.setActive', { id, active });
    if (!r.ok) return r.error;
    await get().load();
    return null;
  },
}));
