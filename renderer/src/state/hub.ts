import { create } from 'zustand';
import { call, onHub } from '../api/transport.js';
import type { HubSession } from '../api/types.js';

/** On the team hub: who is signed in, and how much the team pushed (workspace.info). */
export const useHub = create<{ session: HubSession | null; error: string | null; load(): Promise<void> }>((set) => ({
  session: null,
  error: null,
  load: async () => {
    if (!onHub()) return;
    const r = await call('workspace.info', {});
    set(r.ok ? { session: r.value.hub ?? null, error: null } : { error: r.error.message });
  },
}));
