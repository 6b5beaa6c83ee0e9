import { z } from 'zod';
import type { Db } from '../workspace/db.js';
import { col, jsonText, parseOptionalRow, parseRows } from './rows.js';

/*
 * Sellers: who sells what, their names, tags, status history and merges.
 * A seller's "group" is the seller and those merged into it.
 */

export const SELLER_STATUSES = ['active', 'reported', 'removed'] as const;
export type SellerStatus = (typeof SELLER_STATUSES)[number];

export interface SellerRow {
  id: string;
  marketplace: string;
  sellerKey: string;
  displayName: string | null;
  profileUrl: string | null;
  notes: string;
  status: SellerStatus;
  mergedInto: string | null;
  createdAt: string;
}

const sellerRow = z.object({
  id: col.text,
  marketplace: col.text,
  sellerKey: col.text,
  displayName: col.textOrNull,
  profileUrl: col.textOrNull,
  notes: col.text,
  status: z.enum(SELLER_STATUSES),
  mergedInto: col.textOrNull,
  createdAt: col.text,
}) satisfies z.ZodType<SellerRow>;

const SELLER_COLUMNS = `id, marketplace, seller_key AS sellerKey, display_name AS displayName, profile_url AS profileUrl,
  notes, status, merged_into AS mergedInto, created_at AS createdAt`;

/** A seller by the marketplace and the marketplace's own seller id. */
export async function sellerByKey(db: Db, marketplace: string, sellerKey: string): Promise<SellerRow | undefined> {
  return parseOptionalRow(sellerRow, await db.get(`SELECT ${SELLER_COLUMNS} FROM sellers WHERE marketplace = ? AND seller_key = ?`, [marketplace, sellerKey]), 'sellers');
}

/** A seller by Exhibit's own id. */
export async function sellerById(db: Db, id: string): Promise<SellerRow | undefined> {
  return parseOptionalRow(sellerRow, await db.get(`SELECT ${SELLER_COLUMNS} FROM sellers WHERE id = ?`, [id]), 'sellers');
}

/** The sellers merged into this one, oldest first. */
export async function sellersMergedInto(db: Db, id: string): Promise<SellerRow[]> {
  return parseRows(sellerRow, await db.all(`SELECT ${SELLER_COLUMNS} FROM sellers WHERE merged_into = ? ORDER BY created_at`, [id]), 'sellers');
}

export interface SellerSummary {
  id: string;
  marketplace: string;
  sellerKey: string;
  displayName: string | null;
  status: string;
  tags: string[];
  listings: number;
  captures: number;
  firstSeen: string | null;
  lastSeen: string | null;
  /** how many other sellers were merged into this one */
  merged: number;
}

const sellerSummary = z.object({
  id: col.text,
  marketplace: col.text,
  sellerKey: col.text,
  displayName: col.textOrNull,
  status: col.text,
  // group_concat with the unit separator, which no tag may hold
  tags: col.textOrNull.transform((t) => (t ? t.split('\u001f').sort() : [])),
  listings: col.int,
  captures: col.int,
  firstSeen: col.textOrNull,
  lastSeen: col.textOrNull,
  merged: col.int,
}) satisfies z.ZodType<SellerSummary, unknown>;

/** The sellers of a case, with its sellers' listings and captures brought in. */
const IN_CASE = `
  SELECT COALESCE(s.merged_into, s.id) FROM sellers s WHERE s.id IN (
    SELECT member_id FROM case_members WHERE case_id = ? AND kind = 'seller'
    UNION SELECT l.seller_id FROM case_members m JOIN listings l ON l.id = m.member_id WHERE m.case_id = ? AND m.kind = 'listing'
    UNION SELECT x.seller_id FROM captures x WHERE x.case_id = ?
    UNION SELECT x.seller_id FROM case_members m JOIN captures x ON x.id = m.member_id WHERE m.case_id = ? AND m.kind = 'capture')`;

export interface SellerFilter {
  caseId?: string;
  tag?: string;
  status?: string;
  limit?: number;
  offset?: number;
}

/**
 * Every seller (merged ones counted under the seller they were merged
 * into), most recently seen first. Counts come from columns the database
 * keeps current (see migration 002), so this stays fast at any size.
 */
export async function sellerSummaries(db: Db, filter: SellerFilter = {}): Promise<SellerSummary[]> {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (filter.caseId !== undefined) {
    where.push(`g.id IN (${IN_CASE})`);
    params.push(filter.caseId, filter.caseId, filter.caseId, filter.caseId);
  }
  if (filter.tag !== undefined) {
    where.push('g.id IN (SELECT seller_id FROM seller_tags WHERE tag = ?)');
    params.push(filter.tag);
  }
  if (filter.status !== undefined) {
    where.push('g.status = ?');
    params.push(filter.status);
  }
  // Most sellers were never merged: their own columns are their totals, and
  // only the few groups with members need adding up.
  const rows = await db.all(
    `SELECT g.id, g.marketplace, g.seller_key AS sellerKey, g.display_name AS displayName, g.status,
       (SELECT group_concat(tag, char(31)) FROM seller_tags t WHERE t.seller_id = g.id) AS tags,
       g.listing_count + COALESCE(m.listings, 0) AS listings, g.capture_count + COALESCE(m.captures, 0) AS captures,
       CASE WHEN m.firstSeen IS NULL OR g.first_seen < m.firstSeen THEN COALESCE(g.first_seen, m.firstSeen) ELSE m.firstSeen END AS firstSeen,
       CASE WHEN m.lastSeen IS NULL OR g.last_seen > m.lastSeen THEN COALESCE(g.last_seen, m.lastSeen) ELSE m.lastSeen END AS lastSeen,
       COALESCE(m.merged, 0) AS merged
     FROM sellers g
     LEFT JOIN (SELECT merged_into AS id, SUM(listing_count) AS listings, SUM(capture_count) AS captures, MIN(first_seen) AS firstSeen, MAX(last_seen) AS lastSeen, COUNT(*) AS merged
                FROM sellers WHERE merged_into IS NOT NULL GROUP BY merged_into) m ON m.id = g.id
     WHERE g.merged_into IS NULL ${where.length > 0 ? `AND ${where.join(' AND ')}` : ''}
     ORDER BY lastSeen IS NULL, lastSeen DESC, g.id
     LIMIT ? OFFSET ?`,
    [...params, filter.limit ?? -1, filter.offset ?? 0],
  );
  return parseRows(sellerSummary, rows, 'sellers (summary)');
}

function marks(ids: readonly string[]): string {
  return ids.map(() => '?').join(', ');
}

const sellerName = z.object({ name: col.text, firstSeen: col.text, sellerId: col.text });

/** Every display name the group was seen under, with when it was first seen, first seen first. */
export async function namesOfGroup(db: Db, group: readonly string[]): Promise<{ name: string; firstSeen: string; sellerId: string }[]> {
  return parseRows(
    sellerName,
    await db.all(
      `SELECT alias AS name, MIN(first_seen) AS firstSeen, seller_id AS sellerId FROM seller_aliases WHERE kind = 'name' AND seller_id IN (${marks(group)}) GROUP BY alias ORDER BY firstSeen`,
      group,
    ),
    'seller_aliases',
  );
}

/** A seller's tags, in order. */
export async function tagsOf(db: Db, sellerId: string): Promise<string[]> {
  return parseRows(z.object({ tag: col.text }), await db.all('SELECT tag FROM seller_tags WHERE seller_id = ? ORDER BY tag', [sellerId]), 'seller_tags').map((r) => r.tag);
}

const statusChange = z.object({ at: col.text, status: col.text, note: col.text });

/** Every status the group's sellers were given, oldest first. */
export async function statusHistoryOfGroup(db: Db, group: readonly string[]): Promise<{ at: string; status: string; note: string }[]> {
  return parseRows(statusChange, await db.all(`SELECT at, status, note FROM seller_status_history WHERE seller_id IN (${marks(group)}) ORDER BY at`, group), 'seller_status_history');
}

export interface CaptureLine {
  id: string;
  listingId: string | null;
  listingKey: string | null;
  sellerId: string | null;
  url: string;
  httpStatus: number | null;
  outcome: string;
  startedAt: string;
  manifestSha256: string;
}

export const captureLine = z.object({
  id: col.text,
  listingId: col.textOrNull,
  listingKey: col.textOrNull,
  sellerId: col.textOrNull,
  url: col.text,
  httpStatus: col.intOrNull,
  outcome: col.text,
  startedAt: col.text,
  manifestSha256: col.text,
}) satisfies z.ZodType<CaptureLine>;

/** The captures filed under the group's sellers, oldest first: the seller's history. */
export async function capturesOfGroup(db: Db, group: readonly string[]): Promise<CaptureLine[]> {
  return parseRows(
    captureLine,
    await db.all(
      `SELECT c.id, c.listing_id AS listingId, l.listing_key AS listingKey, c.seller_id AS sellerId, COALESCE(c.final_url, c.requested_url) AS url,
       c.http_status AS httpStatus, c.outcome, c.started_at AS startedAt, c.manifest_sha256 AS manifestSha256
     FROM captures c LEFT JOIN listings l ON l.id = c.listing_id
     WHERE c.seller_id IN (${marks(group)}) ORDER BY c.started_at, c.id`,
      group,
    ),
    'captures (of a seller)',
  );
}

/** Sets a seller's status and records it in its history (the caller's transaction). */
export async function recordStatus(tx: Db, sellerId: string, status: SellerStatus, note: string, at: string): Promise<void> {
  await tx.run('UPDATE sellers SET status = ? WHERE id = ?', [status, sellerId]);
  await tx.run('INSERT INTO seller_status_history (seller_id, at, status, note) VALUES (?, ?, ?, ?)', [sellerId, at, status, note]);
}

/** Tags a seller; false when it already had the tag. */
export async function addTag(tx: Db, sellerId: string, tag: string): Promise<boolean> {
  return (await tx.run('INSERT OR IGNORE INTO seller_tags (seller_id, tag) VALUES (?, ?)', [sellerId, tag])).changes > 0;
}

/** Takes a tag off a seller; false when it did not have it. */
export async function removeTag(tx: Db, sellerId: string, tag: string): Promise<boolean> {
  return (await tx.run('DELETE FROM seller_tags WHERE seller_id = ? AND tag = ?', [sellerId, tag])).changes > 0;
}

export async function setNotes(tx: Db, sellerId: string, notes: string): Promise<void> {
  await tx.run('UPDATE sellers SET notes = ? WHERE id = ?', [notes, sellerId]);
}

/** The seller and those merged into it, by id. */
export async function groupMemberIds(tx: Db, sellerId: string): Promise<string[]> {
  return parseRows(z.object({ id: col.text }), await tx.all('SELECT id FROM sellers WHERE id = ? OR merged_into = ? ORDER BY id', [sellerId, sellerId]), 'sellers').map((r) => r.id);
}

export interface MergeRecord {
  id: string;
  absorbed: string;
  intoId: string;
  /** every seller the merge moved */
  members: string[];
}

/** Points `members` at `intoId` and records the merge (the caller's transaction). */
export async function recordMerge(tx: Db, merge: MergeRecord & { mergedAt: string }): Promise<void> {
  await tx.run(`UPDATE sellers SET merged_into = ? WHERE id IN (${marks(merge.members)})`, [merge.intoId, ...merge.members]);
  await tx.run('INSERT INTO seller_merges (id, absorbed, into_id, members, merged_at) VALUES (?, ?, ?, ?, ?)', [merge.id, merge.absorbed, merge.intoId, JSON.stringify(merge.members), merge.mergedAt]);
}

const mergeRow = z.object({ id: col.text, absorbed: col.text, intoId: col.text, members: jsonText(z.array(z.string())) }) satisfies z.ZodType<MergeRecord, unknown>;

/** The latest merge that absorbed this seller and is not undone. */
export async function latestOpenMerge(tx: Db, absorbedId: string): Promise<MergeRecord | undefined> {
  return parseOptionalRow(
    mergeRow,
    await tx.get('SELECT id, absorbed, into_id AS intoId, members FROM seller_merges WHERE absorbed = ? AND undone_at IS NULL ORDER BY merged_at DESC LIMIT 1', [absorbedId]),
    'seller_merges',
  );
}

/**
 * Undoes a merge (the caller's transaction): the seller stands on its own,
 * and those of `others` still under `wasUnder` come back under it.
 */
export async function recordUnmerge(tx: Db, u: { mergeId: string; sellerId: string; wasUnder: string; others: readonly string[]; at: string }): Promise<void> {
  await tx.run('UPDATE sellers SET merged_into = NULL WHERE id = ?', [u.sellerId]);
  if (u.others.length > 0) await tx.run(`UPDATE sellers SET merged_into = ? WHERE merged_into = ? AND id IN (${marks(u.others)})`, [u.sellerId, u.wasUnder, ...u.others]);
  await tx.run('UPDATE seller_merges SET undone_at = ? WHERE id = ?', [u.at, u.mergeId]);
}

const sighted = z.object({ id: col.text, displayName: col.textOrNull, profileUrl: col.textOrNull });

/** What filing needs of a seller met again: its id, current name and profile address. */
export async function sellerForSighting(tx: Db, marketplace: string, sellerKey: string): Promise<{ id: string; displayName: string | null; profileUrl: string | null } | undefined> {
  return parseOptionalRow(
    sighted,
    await tx.get('SELECT id, display_name AS displayName, profile_url AS profileUrl FROM sellers WHERE marketplace = ? AND seller_key = ?', [marketplace, sellerKey]),
    'sellers',
  );
}

export async function insertSeller(tx: Db, s: { id: string; marketplace: string; sellerKey: string; displayName: string | null; profileUrl: string | null; createdAt: string }): Promise<void> {
  await tx.run('INSERT INTO sellers (id, marketplace, seller_key, display_name, profile_url, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
    s.id,
    s.marketplace,
    s.sellerKey,
    s.displayName,
    s.profileUrl,
    s.createdAt,
  ]);
}

export async function setDisplayName(tx: Db, sellerId: string, name: string): Promise<void> {
  await tx.run('UPDATE sellers SET display_name = ? WHERE id = ?', [name, sellerId]);
}

export async function setProfileUrl(tx: Db, sellerId: string, url: string): Promise<void> {
  await tx.run('UPDATE sellers SET profile_url = ? WHERE id = ?', [url, sellerId]);
}

/** Keeps a name the seller was seen under (once: the first sighting's time stays). */
export async function addNameAlias(tx: Db, sellerId: string, name: string, seenAt: string): Promise<void> {
  await tx.run("INSERT OR IGNORE INTO seller_aliases (seller_id, kind, alias, first_seen) VALUES (?, 'name', ?, ?)", [sellerId, name, seenAt]);
}
