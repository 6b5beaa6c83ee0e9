import { create } from 'zustand';
import { call } from '../api/transport.js';
import type { ApiOutputs, SellerTimeline } from '../api/types.js';

type Shown = { kind: 'listing'; ref: string; value: ApiOutputs['timeline.listing'] } | { kind: 'seller'; ref: string; value: SellerTimeline };

interface TimelineState {
  /** what is asked for: "listing:ID" or "seller:ID" */
  key: string | null;
  shown: Shown | null;
  error: string | null;
  load(kind: 'listing' | 'seller', ref: string): Promise<void>;
  /** reads the one on screen again: a re-capture or a report changed it */
  reload(): Promise<void>;
}

let latest = 0;

/** The history on screen: a listing's, or a seller's listings' merged. */
export const useTimeline = create<TimelineState>((set, get) => ({
  key: null,
  shown: null,
  error: null,
  load: async (kind, ref) => {
    const ticket = ++latest;
    const key = `${kind}:${ref}`;
    if (get().key !== key) set({ key, shown: null, error: null });
    const r = kind === 'listing' ? await call('timeline.listing', { ref }) : await call('timeline.seller', { ref });
    if (ticket !== latest) return;
    if (!r.ok) return set({ shown: null, error: r.error.message });
    set({ shown: (kind === 'listing' ? { kind, ref, value: r.value } : { kind, ref, value: r.value }) as Shown, error: null });
  },
  reload: async () => {
    const key = get().key;
    if (!key) return;
    const colon = key.indexOf(':');
    await get().load(key.slice(0, colon) as 'listing' | 'seller', key.slice(colon + 1));
  },
}));
