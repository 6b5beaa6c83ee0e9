import { create } from 'zustand';
import { call } from '../api/transport.js';
import type { ApiError, ApiInput, TakedownLine } from '../api/types.js';
import { useTimeline } from './timeline.js';

interface TakedownsState {
  lines: TakedownLine[];
  loaded: boolean;
  error: string | null;
  load(): Promise<void>;
  /** null when recorded, else why it was refused */
  add(input: ApiInput<'takedown.add'>): Promise<ApiError | null>;
}

/** Every takedown report, with what the re-captures showed since. */
export const useTakedowns = create<TakedownsState>((set, get) => ({
  lines: [],
  loaded: false,
  error: null,
  load: async () => {
    const r = await call('takedown.list', {});
    set(r.ok ? { lines: r.value, loaded: true, error: null } : { error: r.error.message });
  },
  add: async (input) => {
    const r = await call('takedown.add', input);
    if (!r.ok) return r.error;
    await Promise.all([get().load(), useTimeline.getState().reload()]);
    return null;
  },
}));
