import { create } from 'zustand';
import { call } from '../api/transport.js';
import type { ApiError, ApiInput, ApiOutputs } from '../api/types.js';
import { refreshCatalogue } from './refresh.js';
import { useRouter } from './router.js';
import { useSellers } from './sellers.js';

type Members = ApiInput<'cases.addMembers'>['members'];

interface CaseState {
  id: string | null;
  detail: ApiOutputs['cases.get'] | null;
  error: string | null;
  load(id: string): Promise<void>;
  add(members: Members): Promise<ApiError | null>;
  remove(members: Members): Promise<ApiError | null>;
}

let latest = 0;

/** The case on screen. */
export const useCase = create<CaseState>((set, get) => {
  const change = async (op: 'cases.addMembers' | 'cases.removeMembers', members: Members): Promise<ApiError | null> => {
    const id = get().id;
    if (!id) return null;
    const r = await call(op, { ref: id, members });
    if (!r.ok) return r.error;
    await Promise.all([get().load(id), refreshCatalogue()]);
    return null;
  };
  return {
    id: null,
    detail: null,
    error: null,
    load: async (id) => {
      const ticket = ++latest;
      if (get().id !== id) set({ id, detail: null, error: null });
      const r = await call('cases.get', { ref: id });
      if (ticket !== latest) return;
      set(r.ok ? { detail: r.value, error: null } : { detail: null, error: r.error.message });
    },
    add: (members) => change('cases.addMembers', members),
    remove: (members) => change('cases.removeMembers', members),
  };
});

/** The case new captures most likely belong to: the case whose page is open, else the one the seller list is narrowed to. */
export function caseInView(): string | null {
  const route = useRouter.getState().route;
  return route.page === 'case' ? route.id : useSellers.getState().caseId;
}
