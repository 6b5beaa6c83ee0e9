import { z } from 'zod';
import type { Db } from '../workspace/db.js';
import { CASE_CAPTURE_IDS } from './cases.js';
import { LISTING_LINE_COLUMNS, listingLine, type ListingLine } from './listings.js';
import { col, parseOptionalRow, parseRow, parseRows } from './rows.js';
import { captureLine, type CaptureLine } from './sellers.js';

/*
 * Reads across table groups for the pages that sum things up: the
 * dashboard's counts and the rows behind them, and a case's page.
 */

/** What the dashboard counts; each opens the rows behind it. */
export const ATTENTION_KINDS = ['changed', 'removed', 'reappeared', 'blocked', 'takedowns-overdue', 'unfiled'] as const;
export type AttentionKind = (typeof ATTENTION_KINDS)[number];

/*
 * One predicate per kind, used both to count and to list, so a count and the
 * rows it opens cannot disagree. Listing events are the re-captures'
 * classifications, read as the listing timeline reads them: "removed" is the
 * re-check that found the listing gone after it was last seen up (a re-check
 * that finds it still gone is not a new removal), "reappeared" the one that
 * found it back after it was seen removed.
 */
interface Source {
  from: string;
  where: string;
  at: string;
  /** the parameters `where` takes: since, or the overdue cut-off day */
  params: (since: string, overdueBefore: string) => string[];
  /** the listing a row is about, for counts and rows kept to one seller's */
  listing: string;
}

const RECHECK_FROM = 'recaptures r JOIN captures c ON c.id = r.capture_id';

/** a removal that is not a re-check of a listing already seen removed since it was last seen up */
const NEW_REMOVAL = `r.classification = 'removed' AND NOT EXISTS (
  SELECT 1 FROM recaptures p WHERE p.listing_id = r.listing_id AND p.classification = 'removed' AND p.at < r.at
    AND p.at > COALESCE((SELECT s.started_at FROM captures s WHERE s.id = r.compared_with_id), ''))`;

const SOURCES: Record<AttentionKind, Source> = {
  changed: { from: RECHECK_FROM, where: "r.kind = 'listing' AND r.at > ? AND r.classification = 'changed'", at: 'r.at', params: (s) => [s], listing: 'r.listing_id' },
  removed: { from: RECHECK_FROM, where: `r.kind = 'listing' AND r.at > ? AND ${NEW_REMOVAL}`, at: 'r.at', params: (s) => [s], listing: 'r.listing_id' },
  reappeared: { from: RECHECK_FROM, where: "r.kind = 'listing' AND r.at > ? AND r.reappeared = 1", at: 'r.at', params: (s) => [s], listing: 'r.listing_id' },
  blocked: {
    from: 'captures c LEFT JOIN recaptures r ON r.capture_id = c.id',
    where: "c.started_at > ? AND (c.outcome = 'blocked' OR r.classification = 'blocked')",
    at: 'c.started_at',
    params: (s) => [s],
    listing: 'COALESCE(c.listing_id, r.listing_id)',
  },
  'takedowns-overdue': {
    from: 'takedown_reports t',
    where: `t.reported_on <= ? AND NOT EXISTS (SELECT 1 FROM recaptures x WHERE x.listing_id = t.listing_id AND x.classification = 'removed' AND x.at >= t.reported_on)`,
    at: 't.reported_on',
    params: (_s, overdue) => [overdue],
    listing: 't.listing_id',
  },
  // A capture with no seller, that is not a re-check of something already filed.
  unfiled: {
    from: 'captures c LEFT JOIN recaptures r ON r.capture_id = c.id',
    where: 'c.seller_id IS NULL AND r.capture_id IS NULL AND c.started_at > ?',
    at: 'c.started_at',
    params: () => [''],
    listing: 'c.listing_id',
  },
};

const ROW_COLUMNS: Record<AttentionKind, string> = {
  changed: 'c.id AS captureId, NULL AS reportId, c.outcome, r.listing_id AS listingId',
  removed: 'c.id AS captureId, NULL AS reportId, c.outcome, r.listing_id AS listingId',
  reappeared: 'c.id AS captureId, NULL AS reportId, c.outcome, r.listing_id AS listingId',
  blocked: 'c.id AS captureId, NULL AS reportId, c.outcome, COALESCE(c.listing_id, r.listing_id) AS listingId',
  'takedowns-overdue': 't.id AS captureId, t.id AS reportId, NULL AS outcome, t.listing_id AS listingId',
  unfiled: 'c.id AS captureId, NULL AS reportId, c.outcome, c.listing_id AS listingId',
};

/**
 * The listings of a seller and of the sellers merged into it, as its
 * timeline gathers them: filed under it, or re-checked for it.
 */
export const SELLER_LISTINGS = `SELECT id FROM listings WHERE seller_id IN (SELECT id FROM sellers WHERE id = ? OR merged_into = ?)
     UNION SELECT listing_id FROM recaptures WHERE listing_id IS NOT NULL AND seller_id IN (SELECT id FROM sellers WHERE id = ? OR merged_into = ?)`;

/** The listings of a seller and those merged into it (SELLER_LISTINGS), by id. */
export async function listingIdsOfSeller(db: Db, sellerId: string): Promise<string[]> {
  return parseRows(z.object({ id: col.text }), await db.all(SELLER_LISTINGS, [sellerId, sellerId, sellerId, sellerId]), 'listings (of a seller)').map((r) => r.id);
}

/** What a count or its rows are kept to: a seller's listings (the seller timeline's count, the Watch card's run is a since/until window). */
export interface AttentionScope {
  sellerId?: string;
}

function scoped(s: Source, scope: AttentionScope): { where: string; params: string[] } {
  if (!scope.sellerId) return { where: '', params: [] };
  const id = scope.sellerId;
  return { where: ` AND ${s.listing} IN (${SELLER_LISTINGS})`, params: [id, id, id, id] };
}

/** The window a count or its rows cover: after `since` ('' from the beginning), up to `until`; takedowns sent on or before `overdueBefore` are overdue. */
export interface AttentionWindow {
  since: string;
  until: string;
  overdueBefore: string;
}

function window(kind: AttentionKind, w: AttentionWindow): string[] {
  return [...SOURCES[kind].params(w.since, w.overdueBefore), kind === 'takedowns-overdue' ? w.overdueBefore : w.until];
}

const count = z.object({ n: col.int });

/** How many rows of one kind fall in the window. */
export async function countAttention(db: Db, kind: AttentionKind, w: AttentionWindow, scope: AttentionScope = {}): Promise<number> {
  const s = SOURCES[kind];
  const sc = scoped(s, scope);
  return parseRow(count, await db.get(`SELECT COUNT(*) AS n FROM ${s.from} WHERE ${s.where} AND ${s.at} <= ?${sc.where}`, [...window(kind, w), ...sc.params]), `count of ${kind}`).n;
}

/** One row behind a count: the capture (or takedown report) and what it is about. */
export interface AttentionRow {
  at: string;
  captureId: string | null;
  reportId: string | null;
  outcome: string | null;
  listingId: string | null;
  /** MARKETPLACE:ID of the listing */
  listing: string | null;
  title: string | null;
  sellerId: string | null;
  /** MARKETPLACE:ID of the seller */
  seller: string | null;
  url: string | null;
}

const attentionRow = z.object({
  at: col.text,
  captureId: col.textOrNull,
  reportId: col.textOrNull,
  outcome: col.textOrNull,
  listingId: col.textOrNull,
  listing: col.textOrNull,
  title: col.textOrNull,
  sellerId: col.textOrNull,
  seller: col.textOrNull,
  url: col.textOrNull,
}) satisfies z.ZodType<AttentionRow>;

/** The rows of one kind in the window, newest first (at most `limit`); a takedown report's row carries its id as captureId too. */
export async function attentionRows(db: Db, kind: AttentionKind, w: AttentionWindow, limit: number, scope: AttentionScope = {}): Promise<AttentionRow[]> {
  const s = SOURCES[kind];
  const sc = scoped(s, scope);
  const rows = await db.all(
    `SELECT q.at, q.captureId, q.reportId, q.outcome, q.listingId,
       l.marketplace || ':' || l.listing_key AS listing, l.title, COALESCE(l.seller_id, c2.seller_id) AS sellerId,
       se.marketplace || ':' || se.seller_key AS seller, COALESCE(c2.final_url, c2.requested_url, l.url) AS url
     FROM (SELECT ${s.at} AS at, ${ROW_COLUMNS[kind]} FROM ${s.from} WHERE ${s.where} AND ${s.at} <= ?${sc.where} ORDER BY ${s.at} DESC LIMIT ?) q
     LEFT JOIN listings l ON l.id = q.listingId
     LEFT JOIN captures c2 ON c2.id = q.captureId AND q.reportId IS NULL
     LEFT JOIN sellers se ON se.id = COALESCE(l.seller_id, c2.seller_id)
     ORDER BY q.at DESC`,
    [...window(kind, w), ...sc.params, limit],
  );
  return parseRows(attentionRow, rows, `rows of ${kind}`);
}

export interface CaseHeader {
  id: string;
  name: string;
  reference: string | null;
  notes: string;
  createdAt: string;
}

const caseHeaderRow = z.object({ id: col.text, name: col.text, reference: col.textOrNull, notes: col.text, createdAt: col.text }) satisfies z.ZodType<CaseHeader>;

export async function caseHeaderById(db: Db, caseId: string): Promise<CaseHeader | undefined> {
  return parseOptionalRow(caseHeaderRow, await db.get('SELECT id, name, reference, notes, created_at AS createdAt FROM cases WHERE id = ?', [caseId]), 'cases');
}

export interface CaseMemberRow {
  kind: 'seller' | 'listing' | 'capture';
  memberId: string;
  addedAt: string;
}

const caseMember = z.object({ kind: z.enum(['seller', 'listing', 'capture']), memberId: col.text, addedAt: col.text }) satisfies z.ZodType<CaseMemberRow>;

/** What was added to a case by hand, in the order it was added. */
export async function caseMembers(db: Db, caseId: string): Promise<CaseMemberRow[]> {
  return parseRows(caseMember, await db.all('SELECT kind, member_id AS memberId, added_at AS addedAt FROM case_members WHERE case_id = ? ORDER BY added_at, kind, member_id', [caseId]), 'case_members');
}

/** Why a capture is in the case: made for it, added itself, or brought in by its listing or its seller. */
export type CaseCaptureVia = 'captured' | 'member' | 'listing' | 'seller';

export interface CaseCapture extends CaptureLine {
  via: CaseCaptureVia;
  /** MARKETPLACE:ID of the seller it is filed under, or null: not filed */
  seller: string | null;
  title: string | null;
}

const caseCapture = captureLine.extend({
  via: z.enum(['captured', 'member', 'listing', 'seller']),
  seller: col.textOrNull,
  title: col.textOrNull,
}) satisfies z.ZodType<CaseCapture>;

/** The captures of a case (CASE_CAPTURE_IDS), newest first, each with why it is in it. */
export async function caseCaptures(db: Db, caseId: string): Promise<CaseCapture[]> {
  return parseRows(
    caseCapture,
    await db.all(
      `SELECT c.id, c.listing_id AS listingId, l.listing_key AS listingKey, c.seller_id AS sellerId, COALESCE(c.final_url, c.requested_url) AS url,
       c.http_status AS httpStatus, c.outcome, c.started_at AS startedAt, c.manifest_sha256 AS manifestSha256,
       s.marketplace || ':' || s.seller_key AS seller, l.title,
       CASE WHEN c.case_id = ?1 THEN 'captured'
            WHEN EXISTS (SELECT 1 FROM case_members m WHERE m.case_id = ?1 AND m.kind = 'capture' AND m.member_id = c.id) THEN 'member'
            WHEN EXISTS (SELECT 1 FROM case_members m WHERE m.case_id = ?1 AND m.kind = 'listing' AND m.member_id = c.listing_id) THEN 'listing'
            ELSE 'seller' END AS via
     FROM captures c LEFT JOIN listings l ON l.id = c.listing_id LEFT JOIN sellers s ON s.id = c.seller_id
     WHERE c.id IN (${CASE_CAPTURE_IDS})
     ORDER BY c.started_at DESC, c.id DESC`,
      [caseId],
    ),
    'captures (of a case)',
  );
}

/**
 * The listings of a case: added to it, of its captures, or filed under a
 * seller added to it (or one merged into that seller); most recently seen first.
 */
export async function caseListings(db: Db, caseId: string): Promise<ListingLine[]> {
  return parseRows(
    listingLine,
    await db.all(
      `SELECT ${LISTING_LINE_COLUMNS} FROM listings l LEFT JOIN sellers s ON s.id = l.seller_id
       WHERE l.id IN (SELECT member_id FROM case_members WHERE case_id = ?1 AND kind = 'listing')
          OR l.id IN (SELECT listing_id FROM captures WHERE id IN (${CASE_CAPTURE_IDS}))
          OR l.seller_id IN (SELECT s2.id FROM sellers s2 JOIN case_members m ON m.kind = 'seller' AND m.case_id = ?1 AND (s2.id = m.member_id OR s2.merged_into = m.member_id))
       ORDER BY l.last_seen IS NULL, l.last_seen DESC, l.id`,
      [caseId],
    ),
    'listings (of a case)',
  );
}
