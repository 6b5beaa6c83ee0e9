import { create } from 'zustand';
import { call } from '../api/transport.js';
import type { ApiError, Settings } from '../api/types.js';

interface SessionState {
  settings: Settings | null;
  /** the transport itself failed (expired session, server gone): said once, at the top */
  error: string | null;
  load(): Promise<void>;
  /** null when saved, else why it was refused */
  save(patch: Partial<Settings>): Promise<ApiError | null>;
}

export const useSession = create<SessionState>((set) => ({
  settings: null,
  error: null,
  load: async () => {
    const r = await call('settings.get', {});
    set(r.ok ? { settings: r.value, error: null } : { error: r.error.message });
  },
  save: async (patch) => {
    const r = await call('settings.update', patch);
    if (!r.ok) return r.error;
    set({ settings: r.value });
    return null;
  },
}));
