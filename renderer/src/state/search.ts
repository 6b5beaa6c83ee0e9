import { create } from 'zustand';
import { call } from '../api/transport.js';
import type { SearchResult } from '../api/types.js';

interface SearchState {
  result: SearchResult | null;
  running: boolean;
  error: string | null;
  run(text: string): Promise<void>;
  clear(): void;
}

let latest = 0;

/** The top bar's full-text search over every captured page. */
export const useSearch = create<SearchState>((set) => ({
  result: null,
  running: false,
  error: null,
  run: async (text) => {
    const ticket = ++latest;
    set({ running: true, error: null });
    const r = await call('search', { text, limit: 50 });
    if (ticket !== latest) return;
    set(r.ok ? { result: r.value, running: false } : { result: null, running: false, error: r.error.message });
  },
  clear: () => {
    latest++;
    set({ result: null, running: false, error: null });
  },
}));
