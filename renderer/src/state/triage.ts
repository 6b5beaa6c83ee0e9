import { create } from 'zustand';
import { call } from '../api/transport.js';
import type { ApiOutputs, ListingScore, QueueItem } from '../api/types.js';

type Decision = 'counterfeit' | 'genuine' | 'test-buy';

interface TriageState {
  queue: QueueItem[];
  listings: ListingScore[];
  loaded: boolean;
  error: string | null;
  /** the search result the keys act on */
  selected: string | null;
  /** the latest decision made here, for the line that says what followed */
  last: { listing: string; outcome: ApiOutputs['triage.decide'] } | null;
  load(): Promise<void>;
  select(id: string | null): void;
  move(by: number): void;
  decide(decision: Decision): Promise<void>;
}

/** The triage queue (search results) and the scored captured listings, through the typed API. */
export const useTriage = create<TriageState>((set, get) => ({
  queue: [],
  listings: [],
  loaded: false,
  error: null,
  selected: null,
  last: null,
  load: async () => {
    const [q, l] = await Promise.all([call('triage.queue', {}), call('triage.listings', {})]);
    if (!q.ok) return set({ error: q.error.message });
    if (!l.ok) return set({ error: l.error.message });
    const selected = get().selected;
    set({ queue: q.value, listings: l.value, loaded: true, error: null, selected: q.value.some((r) => r.id === selected) ? selected : (q.value[0]?.id ?? null) });
  },
  select: (id) => set({ selected: id }),
  move: (by) => {
    const { queue, selected } = get();
    if (queue.length === 0) return;
    const i = Math.max(0, queue.findIndex((r) => r.id === selected));
    set({ selected: queue[Math.min(queue.length - 1, Math.max(0, i + by))]!.id });
  },
  decide: async (decision) => {
    const { queue, selected } = get();
    const item = queue.find((r) => r.id === selected);
    if (!item) return;
    const r = await call('triage.decide', { resultId: item.id, decision });
    if (!r.ok) return set({ error: r.error.message });
    // The next one is selected: a decided result leaves the queue (a test buy stays in it).
    const i = queue.findIndex((x) => x.id === item.id);
    const next = decision === 'test-buy' ? item.id : (queue[i + 1]?.id ?? queue[i - 1]?.id ?? null);
    set({ last: { listing: `${item.marketplace}:${item.listingKey}`, outcome: r.value }, selected: next, error: null });
    await get().load();
  },
}));
