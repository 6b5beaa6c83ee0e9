import { create } from 'zustand';
import { call } from '../api/transport.js';
import type { SellerSummary } from '../api/types.js';

interface SellersState {
  /** every seller of the chosen case (or of the workspace); filtered on screen, never refetched per keystroke */
  sellers: SellerSummary[];
  caseId: string | null;
  filter: string;
  loading: boolean;
  error: string | null;
  load(): Promise<void>;
  setCase(caseId: string | null): Promise<void>;
  setFilter(filter: string): void;
}

let latest = 0;

export const useSellers = create<SellersState>((set, get) => ({
  sellers: [],
  caseId: null,
  filter: '',
  loading: false,
  error: null,
  load: async () => {
    const ticket = ++latest;
    const { caseId } = get();
    set({ loading: true });
    const r = await call('sellers.list', caseId ? { caseId } : {});
    if (ticket !== latest) return; // a newer list was asked for
    set(r.ok ? { sellers: r.value, loading: false, error: null } : { loading: false, error: r.error.message });
  },
  setCase: async (caseId) => {
    set({ caseId });
    await get().load();
  },
  setFilter: (filter) => set({ filter }),
}));

/** Sellers whose name, marketplace:id or any part of it contains every word typed. */
export function filterSellers(sellers: readonly SellerSummary[], filter: string): readonly SellerSummary[] {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return sellers;
  return sellers.filter((s) => {
    const hay = `${s.marketplace}:${s.sellerKey} ${s.displayName ?? ''}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}
