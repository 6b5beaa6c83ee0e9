import { z } from 'zod';
import { pgCol, rowsOf, type HubQueryable } from './db.js';

/*
 * The hub's read side for the app's case screens: a team case is what its
 * held members (not removed) bring in, from every workspace that claimed it.
 * Sellers, listings and captures keep the hub's own ids, as views.ts does.
 */

/** The members held in a case, the captures, listings and sellers they bring in (as a workspace's case does). */
const IN_CASE = `WITH m AS (SELECT kind, how, seller_id, listing_id, capture_id FROM hub_case_members WHERE case_id = $1 AND removed_at IS NULL),
  cc AS (SELECT c.id, c.listing_id FROM hub_captures c LEFT JOIN hub_listings l ON l.id = c.listing_id
         WHERE c.id IN (SELECT capture_id FROM m WHERE capture_id IS NOT NULL)
            OR c.listing_id IN (SELECT listing_id FROM m WHERE listing_id IS NOT NULL)
            OR l.seller_id IN (SELECT seller_id FROM m WHERE seller_id IS NOT NULL)),
  cl AS (SELECT l.id, l.seller_id FROM hub_listings l
         WHERE l.id IN (SELECT listing_id FROM m WHERE listing_id IS NOT NULL)
            OR l.id IN (SELECT listing_id FROM cc)
            OR l.seller_id IN (SELECT seller_id FROM m WHERE seller_id IS NOT NULL)),
  cs AS (SELECT seller_id AS id FROM m WHERE seller_id IS NOT NULL UNION SELECT seller_id FROM cl WHERE seller_id IS NOT NULL)`;

const caseLine = z.object({ id: pgCol.bigint, name: pgCol.text, reference: pgCol.textOrNull, created_at: pgCol.text, sellers: pgCol.bigint, captures: pgCol.bigint });
export type HubCaseLine = z.output<typeof caseLine>;

/** Every team case, oldest first, with how many sellers were added to it and how many captures it holds (all it brings in). */
export async function caseLines(q: HubQueryable): Promise<HubCaseLine[]> {
  return rowsOf(
    q,
    caseLine,
    'hub_cases',
    `SELECT k.id, k.name, k.reference, k.created_at,
       (SELECT COUNT(DISTINCT seller_id) FROM hub_case_members m WHERE m.case_id = k.id AND m.removed_at IS NULL AND m.seller_id IS NOT NULL) AS sellers,
       (SELECT COUNT(DISTINCT c.id) FROM hub_captures c LEFT JOIN hub_listings l ON l.id = c.listing_id JOIN hub_case_members m ON m.case_id = k.id AND m.removed_at IS NULL
          AND (m.capture_id = c.id OR m.listing_id = c.listing_id OR m.seller_id = l.seller_id)) AS captures
     FROM hub_cases k ORDER BY k.created_at, k.id`,
  );
}

/** One team case by the hub's id, or by its name or reference (case-insensitive). */
export async function caseHeader(q: HubQueryable, ref: string): Promise<{ id: number; name: string; reference: string | null; created_at: string } | undefined> {
  const schema = z.object({ id: pgCol.bigint, name: pgCol.text, reference: pgCol.textOrNull, created_at: pgCol.text });
  const [where, values] = /^\d{1,15}$/.test(ref) ? ['id = $1', [Number(ref)]] : ['lower(name) = lower($1) OR lower(reference) = lower($1)', [ref]];
  return (await rowsOf(q, schema, 'hub_cases', `SELECT id, name, reference, created_at FROM hub_cases WHERE ${where} ORDER BY id LIMIT 1`, values))[0];
}

/** The ids of a case's sellers: added to it, or of its listings. */
export async function sellerIdsOfCase(q: HubQueryable, caseId: number): Promise<number[]> {
  return (await rowsOf(q, z.object({ id: pgCol.bigint }), 'hub_case_members', `${IN_CASE} SELECT id FROM cs ORDER BY id`, [caseId])).map((r) => r.id);
}

const listingRow = z.object({
  id: pgCol.bigint,
  marketplace: pgCol.text,
  listing_key: pgCol.text,
  url: pgCol.text,
  title: pgCol.textOrNull,
  seller_id: pgCol.bigintOrNull,
  seller_key: pgCol.textOrNull,
  seller_name: pgCol.textOrNull,
  captures: pgCol.bigint,
  first: pgCol.textOrNull,
  last: pgCol.textOrNull,
  member: z.boolean(),
});
export type HubCaseListing = z.output<typeof listingRow>;

/** A case's listings (added, of its captures, or of a seller added), most recently captured first. */
export async function listingsOfCase(q: HubQueryable, caseId: number): Promise<HubCaseListing[]> {
  return rowsOf(
    q,
    listingRow,
    'hub_listings',
    `${IN_CASE}
     SELECT l.id, l.marketplace, l.listing_key, l.url, l.title, l.seller_id, s.seller_key, s.name AS seller_name,
            COUNT(c.id) AS captures, MIN(c.captured_at) AS first, MAX(c.captured_at) AS last,
            EXISTS (SELECT 1 FROM m WHERE m.listing_id = l.id) AS member
     FROM hub_listings l JOIN cl ON cl.id = l.id LEFT JOIN hub_sellers s ON s.id = l.seller_id LEFT JOIN hub_captures c ON c.listing_id = l.id
     GROUP BY l.id, s.id ORDER BY MAX(c.captured_at) DESC NULLS LAST, l.id`,
    [caseId],
  );
}

const captureRow = z.object({
  id: pgCol.text,
  listing_id: pgCol.bigintOrNull,
  listing_key: pgCol.textOrNull,
  seller_id: pgCol.bigintOrNull,
  url: pgCol.text,
  captured_at: pgCol.text,
  outcome: pgCol.text,
  manifest_sha256: pgCol.text,
  seller: pgCol.textOrNull,
  title: pgCol.textOrNull,
  via: z.enum(['captured', 'member', 'listing', 'seller']),
});
export type HubCaseCapture = z.output<typeof captureRow>;

/** A case's captures, newest first, each with why it is in it. */
export async function capturesOfCase(q: HubQueryable, caseId: number): Promise<HubCaseCapture[]> {
  return rowsOf(
    q,
    captureRow,
    'hub_captures',
    `${IN_CASE}
     SELECT c.id, c.listing_id, l.listing_key, l.seller_id, c.url, c.captured_at, c.outcome, c.manifest_sha256,
            s.marketplace || ':' || s.seller_key AS seller, l.title,
            CASE WHEN EXISTS (SELECT 1 FROM m WHERE m.capture_id = c.id AND m.how = 'captured') THEN 'captured'
                 WHEN EXISTS (SELECT 1 FROM m WHERE m.capture_id = c.id) THEN 'member'
                 WHEN EXISTS (SELECT 1 FROM m WHERE m.listing_id = c.listing_id) THEN 'listing'
                 ELSE 'seller' END AS via
     FROM hub_captures c JOIN cc ON cc.id = c.id LEFT JOIN hub_listings l ON l.id = c.listing_id LEFT JOIN hub_sellers s ON s.id = l.seller_id
     ORDER BY c.captured_at DESC, c.id DESC`,
    [caseId],
  );
}

const ts = z.union([z.date(), z.string()]).transform((v) => (typeof v === 'string' ? new Date(v) : v).toISOString());
const memberRow = z.object({
  kind: z.enum(['seller', 'listing', 'capture']),
  how: z.enum(['added', 'captured']),
  member_id: pgCol.text,
  label: pgCol.text,
  workspace: pgCol.text,
  investigator: pgCol.text,
  case_name: pgCol.text,
  added_ws_at: pgCol.text,
  added_by: pgCol.text,
  added_at: ts,
  removed_ws_at: pgCol.textOrNull,
  removed_by: pgCol.textOrNull,
  removed_at: ts.nullable(),
});
export type HubCaseMemberLine = z.output<typeof memberRow>;

/** Every member row of a case, held or removed, with the workspace that claimed it and who pushed the claim, in the order the hub took them. */
export async function memberLines(q: HubQueryable, caseId: number): Promise<HubCaseMemberLine[]> {
  return rowsOf(
    q,
    memberRow,
    'hub_case_members',
    `SELECT m.kind, m.how, COALESCE(m.seller_id::text, m.listing_id::text, m.capture_id) AS member_id,
            COALESCE(s.marketplace || ':' || s.seller_key, l.marketplace || ':' || l.listing_key, m.capture_id) AS label,
            m.workspace, w.investigator, wc.name AS case_name, m.added_ws_at, ua.name AS added_by, m.added_at, m.removed_ws_at, ur.name AS removed_by, m.removed_at
     FROM hub_case_members m JOIN hub_workspaces w ON w.key_fingerprint = m.workspace
     JOIN hub_workspace_cases wc ON wc.workspace = m.workspace AND wc.local_id = m.local_case_id
     JOIN hub_users ua ON ua.id = m.added_by LEFT JOIN hub_users ur ON ur.id = m.removed_by
     LEFT JOIN hub_sellers s ON s.id = m.seller_id LEFT JOIN hub_listings l ON l.id = m.listing_id
     WHERE m.case_id = $1 ORDER BY m.id`,
    [caseId],
  );
}
