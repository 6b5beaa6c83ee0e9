import type { Db } from '../workspace/db.js';
import { ftsQuery } from './tokens.js';
import { search as store } from '../store/index.js';

export interface SearchHit {
  captureId: string;
  startedAt: string;
  outcome: string;
  url: string;
  listing: { id: string; marketplace: string; listingKey: string; title: string | null } | null;
  seller: { id: string; marketplace: string; sellerKey: string; displayName: string | null } | null;
  /** the matching passage, matches in [brackets] */
  snippet: string;
}

export interface SearchResult {
  query: string;
  hits: SearchHit[];
  /** more hits exist beyond the limit */
  more: boolean;
}

/**
 * Full-text search over captured page text and extracted fields, newest
 * capture first. Not ranked by relevance: ranking must score every match
 * before returning any (200 ms for a word on all of 300,000 pages), while
 * newest-first stops at the limit, and an investigator reads evidence by date.
 */
export async function search(db: Db, text: string, opts: { limit?: number } = {}): Promise<SearchResult | null> {
  const query = ftsQuery(text);
  if (query === null) return null;
  const limit = opts.limit ?? 50;
  const rows = await store.matches(db, query, limit + 1);
  return {
    query,
    more: rows.length > limit,
    hits: rows.slice(0, limit).map((r) => ({
      captureId: r.captureId,
      startedAt: r.startedAt,
      outcome: r.outcome,
      url: r.url,
      listing: r.listingId ? { id: r.listingId, marketplace: r.listingMarketplace ?? '', listingKey: r.listingKey ?? '', title: r.title } : null,
      seller: r.sellerId ? { id: r.sellerId, marketplace: r.sellerMarketplace ?? '', sellerKey: r.sellerKey ?? '', displayName: r.displayName } : null,
      snippet: joinCjk(r.snippet),
    })),
  };
}

/** Undoes the one-character-a-token spacing of CJK text (see tokens.ts) for display. */
function joinCjk(s: string): string {
  return s.replace(/(?<=[\u3000-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\][]) +(?=[\u3000-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF[\]])/gu, '').trim();
}
