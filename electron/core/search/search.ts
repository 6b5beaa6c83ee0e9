import type { Db } from '../workspace/db.js';
import { ftsQuery } from './tokens.js';

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

interface HitRow {
  captureId: string;
  startedAt: string;
  outcome: string;
  url: string;
  listingId: string | null;
  listingMarketplace: string | null;
  listingKey: string | null;
  title: string | null;
  sellerId: string | null;
  sellerMarketplace: string | null;
  sellerKey: string | null;
  displayName: string | null;
  snippet: string;
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
  const rows = await db.all<HitRow>(
    `SELECT c.id AS captureId, c.started_at AS startedAt, c.outcome AS outcome, COALESCE(c.final_url, c.requested_url) AS url,
            l.id AS listingId, l.marketplace AS listingMarketplace, l.listing_key AS listingKey, l.title AS title,
            s.id AS sellerId, s.marketplace AS sellerMarketplace, s.seller_key AS sellerKey, s.display_name AS displayName,
            snippet(search_index, -1, '[', ']', '…', 16) AS snippet
     FROM search_index
     JOIN captures c ON c.rowid = search_index.rowid
     LEFT JOIN listings l ON l.id = c.listing_id
     LEFT JOIN sellers s ON s.id = c.seller_id
     WHERE search_index MATCH ?
     ORDER BY search_index.rowid DESC
     LIMIT ?`,
    [query, limit + 1],
  );
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
