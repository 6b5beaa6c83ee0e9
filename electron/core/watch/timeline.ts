import { countAttention } from '../catalogue/dashboard.js';
import { FILED_OUTCOMES } from '../catalogue/placement.js';
import { traderDetailsChanges, type TraderDetailsEvent } from '../links/trader-history.js';
import { timeline } from '../store/index.js';
import { utcNow } from '../util/time.js';
import type { Db } from '../workspace/db.js';
import type { ObjectStore } from '../workspace/object-store.js';
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

const DAY_MS = 86_400_000;

/** The columns of a takedown report (kept here for the takedown module, which reads them too). */
export const REPORT_COLUMNS = timeline.REPORT_COLUMNS;

/**
 * A listing's history, from its captures (those filed under it and the
 * re-captures of it) and its takedown reports: first seen, each change with
 * before and after, removed on, reappeared on, and how long after each
 * report it came down.
 */
export async function listingTimeline(db: Db, listingId: string): Promise<ListingTimeline | undefined> {
  const listing = await timeline.listingHead(db, listingId);
  if (!listing) return undefined;
  const rows = await timeline.capturesOfListingHistory(db, listingId);
  const reports = await timeline.reportsOfListing(db, listingId);

  const events: TimelineEvent[] = [];
  let state: 'up' | 'removed' | 'unknown' = 'unknown';
  let firstSeen: string | null = null;
  let lastChecked: string | null = null;
  let removedOn: string | null = null;
  const base = (r: timeline.HistoryRow, kind: TimelineEventKind): TimelineEvent => ({
    kind,
    at: r.startedAt,
    listingId,
    captureId: r.id,
    comparedWith: r.comparedWith,
    changes: r.changes,
    screenshotDiff: r.screenshotDiff,
    outcome: r.outcome,
    removal: null,
    afterReport: null,
    report: null,
    order: r.startedAt,
  });
  const latestReportBefore = (at: string) => [...reports].reverse().find((p) => p.reportedOn <= at.slice(0, 10));

  for (const r of rows) {
    const shows = r.classification === null ? FILED_OUTCOMES.has(r.outcome) && r.listingId === listingId : ['first', 'unchanged', 'changed'].includes(r.classification);
    const removedNow = r.classification === 'removed';
    if (r.classification === 'blocked' || r.classification === 'error') {
      events.push(base(r, r.classification));
      continue;
    }
    if (!shows && !removedNow) continue;
    lastChecked = r.startedAt;
    if (removedNow) {
      const e = base(r, state === 'removed' ? 'still-removed' : 'removed');
      const d = r.removal ?? {};
      e.removal = { reason: d.reason ?? 'status', httpStatus: d.httpStatus ?? r.httpStatus, matched: d.matched ?? null };
      if (state !== 'removed') {
        removedOn = r.startedAt;
        const report = latestReportBefore(r.startedAt);
        if (report) e.afterReport = { reportId: report.id, days: daysBetween(report.reportedOn, r.startedAt) };
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
      const report = latestReportBefore(r.startedAt);
      if (report) e.afterReport = { reportId: report.id, days: daysBetween(report.reportedOn, r.startedAt) };
      removedOn = null;
    }
    firstSeen ??= r.startedAt;
    state = 'up';
    events.push(e);
  }
  const recorded = await timeline.reportRecordedTimes(db, listingId);
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
  /** every listing's events, each storefront re-capture's listings that appeared or disappeared, and each change of its trader details, in time order */
  events: SellerTimelineEvent[];
}

export type SellerTimelineEvent = TimelineEvent | StorefrontEvent | TraderDetailsEvent;
export type { TraderDetailsEvent, TraderFieldChange } from '../links/trader-history.js';

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

/**
 * A seller's history (with the sellers merged into it): its listings'
 * timelines, merged, its storefront re-captures, and the changes of the
 * trader details its seller pages gave (read from their stored DOM, hence
 * the object store).
 */
export async function sellerTimeline(db: Db, store: ObjectStore, sellerId: string): Promise<SellerTimeline> {
  const listingIds = await timeline.listingIdsOfSeller(db, sellerId);
  const listings: ListingTimeline[] = [];
  for (const id of listingIds) {
    const t = await listingTimeline(db, id);
    if (t) listings.push(t);
  }
  const storefront = await timeline.storefrontRecaptures(db, sellerId);
  const events: SellerTimelineEvent[] = listings.flatMap((l) => l.events);
  for (const s of storefront) {
    const d = s.detail;
    events.push({ kind: 'storefront', order: s.startedAt, at: s.startedAt, captureId: s.captureId, classification: s.classification, appeared: d.appeared ?? [], disappeared: d.disappeared ?? [], listings: d.listings?.length ?? 0 });
  }
  events.push(...(await traderDetailsChanges(db, store, sellerId)));
  events.sort(inTimeOrder);
  return { sellerId, listings, removals: await countAttention(db, 'removed', null, utcNow(), { sellerId }), events };
}

/** Oldest first, events of one day in the order they happened (a stable sort keeps a listing's own order on a tie). */
export function inTimeOrder(a: { order: string }, b: { order: string }): number {
  return a.order < b.order ? -1 : a.order > b.order ? 1 : 0;
}
