import { create } from 'zustand';
import { call } from '../api/transport.js';
import type { ApiError, CaseRow } from '../api/types.js';

interface CasesState {
  cases: CaseRow[];
  error: string | null;
  load(): Promise<void>;
  /** the new case's id, or why it was refused */
  create(name: string, reference: string): Promise<{ ok: true; id: string } | { ok: false; error: ApiError }>;
}

export const useCases = create<CasesState>((set, get) => ({
  cases: [],
  error: null,
  load: async () => {
    const r = await call('cases.list', {});
    set(r.ok ? { cases: r.value, error: null } : { error: r.error.message });
  },
  create: async (name, reference) => {
    const r = await call('cases.create', { name: name.trim(), ...(reference.trim() ? { reference: reference.trim() } : {}) });
    if (!r.ok) return r;
    await get().load();
    return { ok: true, id: r.value.id };
  },
}));
