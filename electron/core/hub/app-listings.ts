import type { HubListingCapture } from '../api/contract.js';
import { ApiFailure, type Handlers } from '../api/failure.js';
import type { ListingSummary, SellerDetail } from '../catalogue/queries.js';
import type { CorrectableField, FieldState, FieldValue } from '../catalogue/fields.js';
import { FILED_OUTCOMES } from '../catalogue/placement.js';
import { hubSearch, hubViews } from '../store/pg/index.js';
import type { SearchResult } from '../search/search.js';
import { inTurn } from '../util/in-turn.js';
import { TRACKED_FIELDS, trackedOf, type FieldChange } from '../watch/classify.js';
import { inTimeOrder, type ListingTimeline, type SellerTimelineEvent, type TimelineEvent } from '../watch/timeline.js';
import { EXTRACTED_ARTIFACT } from '../workspace/verify/extraction-checks.js';
import type { HubEvidence } from './app-evidence.js';
import type { HubPool } from './db.js';
import { captureLine } from './app-rows.js';
import { CORRECTION_ACTION, hubFieldStates, shownValues } from './hub-extracted.js';

type ListingOps = 'listings.list' | 'timeline.listing' | 'timeline.seller' | 'search';

/**
 * A listing's page on the team hub: its captures from every workspace,
 * oldest first, each with who pushed it and the values its signed
 * extracted.json gives (as corrected in its workspace's custody log), and
 * what changed from one to the next. The hub keeps no re-capture
 * classifications or takedown reports: its events are captures.
 */
export function hubListingHandlers(pool: HubPool, evidence: HubEvidence): Pick<Handlers, ListingOps> {
  const fieldsOf = (captures: readonly hubViews.HubCaptureLine[]) => hubCaptureFields(pool, evidence, captures);
  return {
    'listings.list': async (i) => {
      const rows = await hubViews.listingLines(pool, { limit: i.limit ?? 100_000, ...(i.sellerId !== undefined && /^\d{1,15}$/.test(i.sellerId) ? { sellerId: Number(i.sellerId) } : {}) });
      if (i.sellerId !== undefined && !/^\d{1,15}$/.test(i.sellerId)) return [];
      return rows.map((l) => hubListingSummary(l, null));
    },
    search: async (i) => hubSearchResult(pool, i.text, i.limit ?? 50),
    'timeline.listing': async (i) => {
      const l = await listingOf(pool, i.ref);
      const captures = await hubViews.capturesOfListing(pool, l.id);
      return listingTimelineOf(l, captures, await fieldsOf(captures));
    },
    'timeline.seller': async (i) => {
      const s = await hubSellerOf(pool, i.ref);
      const [listings, captures] = await Promise.all([hubViews.listingsOfSeller(pool, s.id), hubViews.capturesOfSeller(pool, s.id)]);
      const fields = await fieldsOf(captures);
      const timelines = listings.map((l) => listingTimelineOf(l, captures.filter((c) => c.listing_id === l.id), fields));
      const events: SellerTimelineEvent[] = timelines.flatMap((t) => t.events).sort(inTimeOrder);
      // The hub keeps no re-capture classifications: no removal is ever found there.
      return { sellerId: String(s.id), listings: timelines.map(withoutHub), removals: 0, events };
    },
  };
}

/** A listing's history from its captures, oldest first: first seen, then each capture, 'changed' when a tracked value differs from the one before. */
function listingTimelineOf(l: hubViews.HubListingLine, captures: readonly hubViews.HubCaptureLine[], fields: ReadonlyMap<string, FieldState[]>): ListingTimeline & { hub: Record<string, HubListingCapture> } {
  const hub: Record<string, HubListingCapture> = {};
  const events: TimelineEvent[] = [];
  let before: ReturnType<typeof trackedOf> | null = null;
  let previous: string | null = null;
  for (const c of captures) {
    const f = fields.get(c.id) ?? [];
    hub[c.id] = { pushedBy: c.pushed_by, pushedAt: c.pushed_at, investigator: c.investigator, workspace: c.workspace, ...shownValues(f) };
    const base = { at: c.captured_at, order: c.captured_at, listingId: String(l.id), captureId: c.id, screenshotDiff: null, outcome: c.outcome, removal: null, afterReport: null, report: null };
    if (!FILED_OUTCOMES.has(c.outcome)) {
      events.push({ ...base, kind: c.outcome === 'blocked' ? 'blocked' : 'error', comparedWith: null, changes: [] });
      continue;
    }
    const now = trackedOf(new Map<CorrectableField, FieldValue>(f.map((x) => [x.field, x.value])));
    const was = before;
    const changes: FieldChange[] = was === null ? [] : TRACKED_FIELDS.filter((k) => JSON.stringify(was[k]) !== JSON.stringify(now[k])).map((k) => ({ field: k, before: was[k], after: now[k] }));
    events.push({ ...base, kind: was === null ? 'first-seen' : changes.length > 0 ? 'changed' : 'captured', comparedWith: previous, changes });
    before = now;
    previous = c.id;
  }
  const shown = events.filter((e) => e.kind !== 'blocked' && e.kind !== 'error');
  return {
    listing: { id: String(l.id), marketplace: l.marketplace, listingKey: l.listing_key, url: l.url, title: l.title, sellerId: l.seller_id === null ? null : String(l.seller_id) },
    status: shown.length > 0 ? 'up' : 'unknown',
    firstSeen: shown[0]?.at ?? null,
    lastChecked: shown.at(-1)?.at ?? null,
    removedOn: null,
    reports: [],
    events,
    hub,
  };
}

/** A listing's timeline as the seller's lists it: the per-capture values stay on the listing's own page. */
function withoutHub(t: ListingTimeline & { hub?: unknown }): ListingTimeline {
  const copy = { ...t };
  delete copy.hub;
  return copy;
}

/**
 * The top bar's search on the hub, in the workspace's result shape: captures
 * whose own title, listing title, seller name or key, listing key or address
 * holds every word, newest first (store/pg/search.ts); the passage shown is
 * the first of those that holds the first word, the words in [brackets].
 */
async function hubSearchResult(pool: HubPool, text: string, limit: number): Promise<SearchResult> {
  const words = [...new Set(text.split(/\s+/).map((w) => w.replace(/[[\]]/g, '')).filter((w) => w !== ''))].slice(0, 8);
  if (words.length === 0) throw new ApiFailure('invalid-input', 'Nothing to search for: type some words.');
  const rows = await hubSearch.matches(pool, words, limit + 1);
  const lower = words.map((w) => w.toLowerCase());
  const snippet = (r: hubSearch.HubSearchRow) => {
    const place = [r.capture_title, r.title, r.seller_name, r.seller_key, r.listing_key, r.url].find((v): v is string => v !== null && v.toLowerCase().includes(lower[0]!)) ?? r.url;
    return place.replace(new RegExp(words.map((w) => w.replace(/[.*+?^${}()|\\]/g, '\\$&')).join('|'), 'gi'), (m) => `[${m}]`);
  };
  return {
    query: words.join(' '),
    more: rows.length > limit,
    hits: rows.slice(0, limit).map((r) => ({
      captureId: r.id,
      startedAt: r.captured_at,
      outcome: r.outcome,
      url: r.url,
      listing: r.listing_id === null ? null : { id: String(r.listing_id), marketplace: r.listing_marketplace ?? '', listingKey: r.listing_key ?? '', title: r.title },
      seller: r.seller_id === null ? null : { id: String(r.seller_id), marketplace: r.seller_marketplace ?? '', sellerKey: r.seller_key ?? '', displayName: r.seller_name },
      snippet: snippet(r),
    })),
  };
}

/** Each capture's fields: its signed extracted.json (read at most 8 at a time), with its workspace's corrections. */
export async function hubCaptureFields(pool: HubPool, evidence: HubEvidence, captures: readonly hubViews.HubCaptureLine[]): Promise<Map<string, FieldState[]>> {
  const ids = captures.map((c) => c.id);
  const [shas, corrections] = await Promise.all([hubViews.artifactNamed(pool, ids, EXTRACTED_ARTIFACT), hubViews.custodyOfCaptures(pool, ids, CORRECTION_ACTION)]);
  const out = new Map<string, FieldState[]>();
  await inTurn(ids, 8, async (id) => {
    const sha = shas.get(id);
    out.set(id, hubFieldStates(sha ? await evidence.extracted.read(id, sha) : null, corrections.filter((e) => e.subject === id)));
  });
  return out;
}

/** Each listing's values as its latest capture that showed it gives them (captures oldest first). */
export async function latestValues(pool: HubPool, evidence: HubEvidence, captures: readonly hubViews.HubCaptureLine[]): Promise<Map<number, ReturnType<typeof shownValues>>> {
  const latest = new Map<number, hubViews.HubCaptureLine>();
  for (const c of captures) if (c.listing_id !== null && FILED_OUTCOMES.has(c.outcome)) latest.set(c.listing_id, c);
  const fields = await hubCaptureFields(pool, evidence, [...latest.values()]);
  return new Map([...latest].map(([listing, c]) => [listing, shownValues(fields.get(c.id) ?? [])]));
}

/** A seller by the hub's id, or as MARKETPLACE:ID. */
export async function hubSellerOf(pool: HubPool, ref: string): Promise<hubViews.HubSellerLine> {
  const colon = ref.indexOf(':');
  const found = /^\d{1,15}$/.test(ref)
    ? await hubViews.sellerLine(pool, { id: Number(ref) })
    : colon > 0
      ? await hubViews.sellerLine(pool, { marketplace: ref.slice(0, colon), sellerKey: ref.slice(colon + 1) })
      : undefined;
  if (!found) throw new ApiFailure('not-found', `No seller ${ref} on the team hub.`);
  return found;
}

/** A listing by the hub's id, or as MARKETPLACE:ID. */
export async function listingOf(pool: HubPool, ref: string): Promise<hubViews.HubListingLine> {
  const colon = ref.indexOf(':');
  const found = /^\d{1,15}$/.test(ref)
    ? await hubViews.listingLineOf(pool, { id: Number(ref) })
    : colon > 0
      ? await hubViews.listingLineOf(pool, { marketplace: ref.slice(0, colon), listingKey: ref.slice(colon + 1) })
      : undefined;
  if (!found) throw new ApiFailure('not-found', `No listing ${JSON.stringify(ref)} on the team hub: name it as MARKETPLACE:ID (e.g. ebay:1234567890) or by its id.`);
  return found;
}

/** A listing as the seller page's table shows it; the price is its latest capture's, when known. */
/**
 * A seller's page as the workspace's contract has it, from the hub's rows:
 * the hub keeps no tags, statuses, notes or merges, so every seller is
 * active. `latest`: each listing's shown values, by listing id, where read.
 */
export function hubSellerDetail(s: hubViews.HubSellerLine, listings: readonly hubViews.HubListingLine[], captures: readonly hubViews.HubCaptureLine[], latest?: ReadonlyMap<number, ReturnType<typeof shownValues>>): SellerDetail {
  return {
    seller: { id: String(s.id), marketplace: s.marketplace, sellerKey: s.seller_key, displayName: s.name, profileUrl: null, notes: '', status: 'active', mergedInto: null, createdAt: s.first ?? '' },
    merged: [],
    names: s.name ? [{ name: s.name, firstSeen: s.first ?? '', sellerId: String(s.id) }] : [],
    tags: [],
    statusHistory: [],
    listings: listings.map((l) => hubListingSummary(l, s, latest?.get(l.id))),
    captures: captures.map(captureLine),
  };
}

export function hubListingSummary(l: hubViews.HubListingLine, seller: { id: number; seller_key: string; name: string | null } | null, latest?: ReturnType<typeof shownValues>): ListingSummary {
  return {
    id: String(l.id),
    marketplace: l.marketplace,
    listingKey: l.listing_key,
    url: l.url,
    title: l.title,
    price: latest?.price ?? null,
    currency: latest?.currency ?? null,
    availability: latest?.availability ?? null,
    sellerId: l.seller_id === null ? null : String(l.seller_id),
    sellerKey: seller?.seller_key ?? null,
    sellerName: seller?.name ?? null,
    captures: l.captures,
    firstSeen: l.first,
    lastSeen: l.last,
    sellers: [],
  };
}
