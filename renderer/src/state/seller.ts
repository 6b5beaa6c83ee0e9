import { create } from 'zustand';
import { call } from '../api/transport.js';
import type { ApiError, ApiOutputs, SellerStatus } from '../api/types.js';
import { useSellers } from './sellers.js';

interface SellerState {
  id: string | null;
  detail: ApiOutputs['sellers.get'] | null;
  error: string | null;
  load(id: string): Promise<void>;
  setStatus(status: SellerStatus, note: string): Promise<ApiError | null>;
}

let latest = 0;

/** The seller on screen. */
export const useSeller = create<SellerState>((set, get) => ({
  id: null,
  detail: null,
  error: null,
  load: async (id) => {
    const ticket = ++latest;
    if (get().id !== id) set({ id, detail: null, error: null });
    const r = await call('sellers.get', { ref: id });
    if (ticket !== latest) return;
    set(r.ok ? { detail: r.value, error: null } : { detail: null, error: r.error.message });
  },
  setStatus: async (status, note) => {
    const id = get().id;
    if (!id) return null;
    const r = await call('sellers.setStatus', { ref: id, status, ...(note.trim() ? { note: note.trim() } : {}) });
    if (!r.ok) return r.error;
    await Promise.all([get().load(id), useSellers.getState().load()]);
    return null;
  },
}));
