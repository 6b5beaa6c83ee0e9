import { countAttention, SELLER_LISTINGS } from '../catalogue/dashboard.js';
import { FILED_OUTCOMES } from '../catalogue/placement.js';
import { utcNow } from '../util/time.js';
import type { Db } from '../workspace/db.js';
import type { Classification, FieldChange } from './classify.js';

export type TimelineEventKind =
  | 'first-seen'
  /** captured again by hand (not a re-capture) while it showed the listing */
  | 'captured'
  | 'unchanged'
  | 'changed'
  | 'removed'
  /** re-checked while removed, still removed */
  | 'still-removed'
  | 'reappeared'
  | 'blocked'
  | 'error'
  | 'reported';

export interface TimelineEvent {
  kind: TimelineEventKind;
  /** UTC; for a report, the day it was sent (YYYY-MM-DD) */
  at: string;
  listingId: string;
  captureId: string | null;
  /** the capture this one was compared with */
  comparedWith: string | null;
  changes: FieldChange[];
  screenshotDiff: number | null;
  outcome: string | null;
  /** why a listing was called removed: the status, or the marketplace's notice */
  removal: { reason: 'status' | 'notice'; httpStatus: number | null; matched: string | null } | null;
  /** for 'removed' and 'reappeared' after a takedown report: which, and how many whole days after */
  afterReport: { reportId: string; days: number } | null;
  report: TakedownReport | null;
  /**
   * When it happened, for putting events in order: a capture's time; a
   * report's recording time when it was recorded the day it says it was
   * sent, else its day (before that day's captures).
   */
  order: string;
}

export interface TakedownReport {
  id: string;
  listingId: string;
  platform: string;
  programme: string;
  reportRef: string;
  reportedOn: string;
  note: string;
}

export type TakedownState = 'still-up' | 'removed' | 'came-back' | 'not-checked';

export interface ListingTimeline {
  listing: { id: string; marketplace: string; listingKey: string; url: string; title: string | null; sellerId: string | null };
  /** 'up' when the latest check showed it, 'removed', or 'unknown' (never shown, or only blocked and errors) */
  status: 'up' | 'removed' | 'unknown';
  firstSeen: string | null;
  lastChecked: string | null;
  removedOn: string | null;
  reports: (TakedownReport & { state: TakedownState; removedOn: string | null; days: number | null; cameBackOn: string | null })[];
  events: TimelineEvent[];
}

interface Row {
  id: string;
  started_at: string;
  outcome: string;
  http_status: number | null;
  listing_id: string | null;
  classification: Classification | null;
  reappeared: number | null;
  changes: string | null;
  screenshot_diff: number | null;
  compared_with_id: string | null;
  detail: string | null;
}

const DAY_MS = 86_400_000;

export const REPORT_COLUMNS = `id, listing_id AS listingId, platform, programme, report_ref AS reportRef, reported_on AS reportedOn, note`;

/**
 * A listing's history, from its captures (those filed under it and the
 * re-captures of it) and its takedown reports: first seen, each change with
 * before and after, removed on, reappeared on, and how long after each
 * report it came down.
 */
export async function listingTimeline(db: Db, listingId: string): Promise<ListingTimeline | undefined> {
  const listing = await db.get<ListingTimeline['listing']>(
    'SELECT id, marketplace, listing_key AS listingKey, url, title, seller_id AS sellerId FROM listings WHERE id = ?',
    [listingId],
  );
  if (!listing) return undefined;
  const rows = await db.all<Row>(
    `SELECT c.id, c.started_at, c.outcome, c.http_status, c.listing_id, r.classification, r.reappeared, r.changes, r.screenshot_diff, r.compared_with_id, r.detail
     FROM captures c LEFT JOIN recaptures r ON r.capture_id = c.id
     WHERE c.listing_id = ? OR c.id IN (SELECT capture_id FROM recaptures WHERE listing_id = ?)
     ORDER BY c.started_at, c.id`,
    [listingId, listingId],
  );
  const reports = await db.all<TakedownReport>(`SELECT ${REPORT_COLUMNS} FROM takedown_reports WHERE listing_id = ? ORDER BY reported_on, created_at`, [listingId]);

  const events: TimelineEvent[] = [];
  let state: 'up' | 'removed' | 'unknown' = 'unknown';
  let firstSeen: string | null = null;
  let lastChecked: string | null = null;
  let removedOn: string | null = null;
  const base = (r: Row, kind: TimelineEventKind): TimelineEvent => ({
    kind,
    at: r.started_at,
    listingId,
    captureId: r.id,
    comparedWith: r.compared_with_id,
    changes: r.changes ? (JSON.parse(r.changes) as FieldChange[]) : [],
    screenshotDiff: r.screenshot_diff,
    outcome: r.outcome,
    removal: null,
    afterReport: null,
    report: null,
    order: r.started_at,
  });
  const latestReportBefore = (at: string) => [...reports].reverse().find((p) => p.reportedOn <= at.slice(0, 10));

  for (const r of rows) {
    const shows = r.classification === null ? FILED_OUTCOMES.has(r.outcome) && r.listing_id === listingId : ['first', 'unchanged', 'changed'].includes(r.classification);
    const removedNow = r.classification === 'removed';
    if (r.classification === 'blocked' || r.classification === 'error') {
      events.push(base(r, r.classification));
      continue;
    }
    if (!shows && !removedNow) continue;
    lastChecked = r.started_at;
    if (removedNow) {
      const e = base(r, state === 'removed' ? 'still-removed' : 'removed');
      const d = JSON.parse(r.detail ?? '{}') as { reason?: 'status' | 'notice'; httpStatus?: number | null; matched?: string };
      e.removal = { reason: d.reason ?? 'status', httpStatus: d.httpStatus ?? r.http_status, matched: d.matched ?? null };
      if (state !== 'removed') {
        removedOn = r.started_at;
        const report = latestReportBefore(r.started_at);
        if (report) e.afterReport = { reportId: report.id, days: daysBetween(report.reportedOn, r.started_at) };
      }
      state = 'removed';
      events.push(e);
      continue;
    }
    let kind: TimelineEventKind;
    if (firstSeen === null) kind = 'first-seen';
    else if (state === 'removed') kind = 'reappeared';
    else if (r.classification === 'changed') kind = 'changed';
    else if (r.classification === 'unchanged') kind = 'unchanged';
    else kind = 'captured';
    const e = base(r, kind);
    if (kind === 'reappeared') {
      const report = latestReportBefore(r.started_at);
      if (report) e.afterReport = { reportId: report.id, days: daysBetween(report.reportedOn, r.started_at) };
      removedOn = null;
    }
    firstSeen ??= r.started_at;
    state = 'up';
    events.push(e);
  }
  const recorded = new Map((await db.all<{ id: string; created_at: string }>('SELECT id, created_at FROM takedown_reports WHERE listing_id = ?', [listingId])).map((r) => [r.id, r.created_at]));
  for (const p of reports) {
    // A report sent today and recorded at once takes its place among today's captures; one dated back has only its day.
    const at = recorded.get(p.id) ?? '';
    const order = at.slice(0, 10) === p.reportedOn ? at : p.reportedOn;
    events.push({ kind: 'reported', at: p.reportedOn, listingId, captureId: null, comparedWith: null, changes: [], screenshotDiff: null, outcome: null, removal: null, afterReport: null, report: p, order });
  }
  events.sort(inTimeOrder);

  return {
    listing,
    status: state,
    firstSeen,
    lastChecked,
    removedOn,
    reports: reports.map((p) => ({ ...p, ...takedownState(p, events) })),
    events,
  };
}

/** What became of a report: the first removal after it, and whether the listing came back after that. */
function takedownState(p: TakedownReport, events: readonly TimelineEvent[]): { state: TakedownState; removedOn: string | null; days: number | null; cameBackOn: string | null } {
  const after = events.filter((e) => e.captureId !== null && e.at.slice(0, 10) >= p.reportedOn && !['blocked', 'error'].includes(e.kind));
  const removal = after.find((e) => e.kind === 'removed' || e.kind === 'still-removed');
  if (!removal) return { state: after.length > 0 ? 'still-up' : 'not-checked', removedOn: null, days: null, cameBackOn: null };
  const back = after.find((e) => e.at > removal.at && e.kind === 'reappeared');
  return { state: back ? 'came-back' : 'removed', removedOn: removal.at, days: daysBetween(p.reportedOn, removal.at), cameBackOn: back?.at ?? null };
}

/** Whole days from a report's day to a moment: removed the same day is 0. */
function daysBetween(day: string, at: string): number {
  return Math.floor((Date.parse(at) - Date.parse(`${day}T00:00:00Z`)) / DAY_MS);
}

export interface SellerTimeline {
  sellerId: string;
  listings: ListingTimeline[];
  /** its listings' removals (a re-check finding one still gone is not another), counted as the dashboard and the Watch screen count them */
  removals: number;
  /** every listing's events, and each storefront re-capture's listings that appeared or disappeared, in time order */
  events: (TimelineEvent | StorefrontEvent)[];
}

export interface StorefrontEvent {
  kind: 'storefront';
  at: string;
  order: string;
  captureId: string;
  classification: Classification;
  appeared: string[];
  disappeared: string[];
  listings: number;
}

/** A seller's history (with the sellers merged into it): its listings' timelines, merged, and its storefront re-captures. */
export async function sellerTimeline(db: Db, sellerId: string): Promise<SellerTimeline> {
  const listingIds = await db.all<{ id: string }>(SELLER_LISTINGS, [sellerId, sellerId, sellerId, sellerId]);
  const listings: ListingTimeline[] = [];
  for (const { id } of listingIds) {
    const t = await listingTimeline(db, id);
    if (t) listings.push(t);
  }
  const storefront = await db.all<{ capture_id: string; started_at: string; classification: Classification; detail: string }>(
    `SELECT r.capture_id, c.started_at, r.classification, r.detail FROM recaptures r JOIN captures c ON c.id = r.capture_id
     WHERE r.kind = 'storefront' AND r.seller_id IN (SELECT id FROM sellers WHERE id = ? OR merged_into = ?) ORDER BY c.started_at`,
    [sellerId, sellerId],
  );
  const events: (TimelineEvent | StorefrontEvent)[] = listings.flatMap((l) => l.events);
  for (const s of storefront) {
    const d = JSON.parse(s.detail) as { listings?: string[]; appeared?: string[]; disappeared?: string[] };
    events.push({ kind: 'storefront', order: s.started_at, at: s.started_at, captureId: s.capture_id, classification: s.classification, appeared: d.appeared ?? [], disappeared: d.disappeared ?? [], listings: d.listings?.length ?? 0 });
  }
  events.sort(inTimeOrder);
  return { sellerId, listings, removals: await countAttention(db, 'removed', null, utcNow(), { sellerId }), events };
}

/** Oldest first, events of one day in the order they happened (a stable sort keeps a listing's own order on a tie). */
export function inTimeOrder(a: { order: string }, b: { order: string }): number {
  return a.order < b.order ? -1 : a.order > b.order ? 1 : 0;
}
