import { z } from 'zod';
import { pgCol, rowsOf, type HubQueryable } from './db.js';

/*
 * The hub's read side for the app's screens (exhibit hub serve): sellers,
 * their listings and captures across every pushed workspace, each capture
 * with who pushed it. Ids the app shows are the hub's own (a seller's and a
 * listing's BIGSERIAL as text); a capture keeps the id its workspace gave it.
 */

const sellerRow = z.object({
  id: pgCol.bigint,
  marketplace: pgCol.text,
  seller_key: pgCol.text,
  name: pgCol.textOrNull,
  listings: pgCol.bigint,
  captures: pgCol.bigint,
  first: pgCol.textOrNull,
  last: pgCol.textOrNull,
});
export type HubSellerLine = z.output<typeof sellerRow>;

const SELLER_LINES = `SELECT s.id, s.marketplace, s.seller_key, s.name, COUNT(DISTINCT l.id) AS listings, COUNT(DISTINCT c.id) AS captures,
            MIN(c.captured_at) AS first, MAX(c.captured_at) AS last
     FROM hub_sellers s LEFT JOIN hub_listings l ON l.seller_id = s.id LEFT JOIN hub_captures c ON c.listing_id = l.id`;

/** Every seller of the team, most recently captured first. */
export async function sellerLines(q: HubQueryable, page: { limit: number; offset: number }): Promise<HubSellerLine[]> {
  return rowsOf(q, sellerRow, 'hub_sellers', `${SELLER_LINES} GROUP BY s.id ORDER BY MAX(c.captured_at) DESC NULLS LAST, s.id LIMIT $1 OFFSET $2`, [page.limit, page.offset]);
}

/** One seller, by the hub's id or by its marketplace and the marketplace's own id. */
export async function sellerLine(q: HubQueryable, ref: { id: number } | { marketplace: string; sellerKey: string }): Promise<HubSellerLine | undefined> {
  const [where, values] = 'id' in ref ? ['s.id = $1', [ref.id]] : ['s.marketplace = $1 AND s.seller_key = $2', [ref.marketplace, ref.sellerKey]];
  return (await rowsOf(q, sellerRow, 'hub_sellers', `${SELLER_LINES} WHERE ${where} GROUP BY s.id`, values))[0];
}

const listingLine = z.object({
  id: pgCol.bigint,
  marketplace: pgCol.text,
  listing_key: pgCol.text,
  url: pgCol.text,
  title: pgCol.textOrNull,
  seller_id: pgCol.bigintOrNull,
  captures: pgCol.bigint,
  first: pgCol.textOrNull,
  last: pgCol.textOrNull,
});
export type HubListingLine = z.output<typeof listingLine>;

const LISTING_LINES = `SELECT l.id, l.marketplace, l.listing_key, l.url, l.title, l.seller_id, COUNT(c.id) AS captures, MIN(c.captured_at) AS first, MAX(c.captured_at) AS last
     FROM hub_listings l LEFT JOIN hub_captures c ON c.listing_id = l.id`;

/** A seller's listings, most recently captured first. */
export async function listingsOfSeller(q: HubQueryable, sellerId: number): Promise<HubListingLine[]> {
  return rowsOf(q, listingLine, 'hub_listings', `${LISTING_LINES} WHERE l.seller_id = $1 GROUP BY l.id ORDER BY MAX(c.captured_at) DESC NULLS LAST, l.id`, [sellerId]);
}

/** Every listing of the team (or of one seller), most recently captured first. */
export async function listingLines(q: HubQueryable, page: { sellerId?: number; limit: number }): Promise<HubListingLine[]> {
  const [where, values] = page.sellerId === undefined ? ['', [page.limit]] : ['WHERE l.seller_id = $2', [page.limit, page.sellerId]];
  return rowsOf(q, listingLine, 'hub_listings', `${LISTING_LINES} ${where} GROUP BY l.id ORDER BY MAX(c.captured_at) DESC NULLS LAST, l.id LIMIT $1`, values);
}

/** One listing, by the hub's id or by its marketplace and the marketplace's own id. */
export async function listingLineOf(q: HubQueryable, ref: { id: number } | { marketplace: string; listingKey: string }): Promise<HubListingLine | undefined> {
  const [where, values] = 'id' in ref ? ['l.id = $1', [ref.id]] : ['l.marketplace = $1 AND l.listing_key = $2', [ref.marketplace, ref.listingKey]];
  return (await rowsOf(q, listingLine, 'hub_listings', `${LISTING_LINES} WHERE ${where} GROUP BY l.id`, values))[0];
}

const captureLine = z.object({
  id: pgCol.text,
  workspace: pgCol.text,
  listing_id: pgCol.bigintOrNull,
  listing_key: pgCol.textOrNull,
  seller_id: pgCol.bigintOrNull,
  url: pgCol.text,
  captured_at: pgCol.text,
  outcome: pgCol.text,
  manifest_sha256: pgCol.text,
  signature: pgCol.text,
  public_key_pem: pgCol.text,
  investigator: pgCol.text,
  pushed_by: pgCol.text,
  pushed_at: z.union([z.date(), z.string()]).transform((v) => (typeof v === 'string' ? new Date(v) : v).toISOString()),
});
export type HubCaptureLine = z.output<typeof captureLine>;

const CAPTURE_LINES = `SELECT c.id, c.workspace, c.listing_id, l.listing_key, l.seller_id, c.url, c.captured_at, c.outcome, c.manifest_sha256, c.signature,
            w.public_key_pem, w.investigator, u.name AS pushed_by, c.pushed_at
     FROM hub_captures c JOIN hub_workspaces w ON w.key_fingerprint = c.workspace JOIN hub_users u ON u.id = c.pushed_by
     LEFT JOIN hub_listings l ON l.id = c.listing_id`;

/** A seller's captures, from every workspace that pushed one, oldest first. */
export async function capturesOfSeller(q: HubQueryable, sellerId: number): Promise<HubCaptureLine[]> {
  return rowsOf(q, captureLine, 'hub_captures', `${CAPTURE_LINES} WHERE l.seller_id = $1 ORDER BY c.captured_at, c.id`, [sellerId]);
}

/** A listing's captures, from every workspace that pushed one, oldest first. */
export async function capturesOfListing(q: HubQueryable, listingId: number): Promise<HubCaptureLine[]> {
  return rowsOf(q, captureLine, 'hub_captures', `${CAPTURE_LINES} WHERE c.listing_id = $1 ORDER BY c.captured_at, c.id`, [listingId]);
}

/** One capture, with the key of the workspace that signed it and who pushed it. */
export async function captureLineById(q: HubQueryable, id: string): Promise<HubCaptureLine | undefined> {
  return (await rowsOf(q, captureLine, 'hub_captures', `${CAPTURE_LINES} WHERE c.id = $1`, [id]))[0];
}

/** A capture's artifacts as the push catalogued them: name and SHA-256. */
export async function artifactsOf(q: HubQueryable, captureId: string): Promise<Map<string, string>> {
  const rows = await rowsOf(q, z.object({ name: pgCol.text, sha256: pgCol.text }), 'hub_capture_artifacts', 'SELECT name, sha256 FROM hub_capture_artifacts WHERE capture_id = $1', [captureId]);
  return new Map(rows.map((r) => [r.name, r.sha256]));
}

/**
 * The screenshots a seller page's thumbnails are cut from, by the names the
 * capture engine gives them (screenshot-viewport.png; screenshot-full*.png,
 * its full page's strips): the app's evidence routes check each against the
 * capture's signed manifest before serving it.
 */
export async function screenshotNames(q: HubQueryable, captureIds: readonly string[]): Promise<{ capture_id: string; name: string }[]> {
  if (captureIds.length === 0) return [];
  return rowsOf(
    q,
    z.object({ capture_id: pgCol.text, name: pgCol.text }),
    'hub_capture_artifacts',
    `SELECT capture_id, name FROM hub_capture_artifacts
     WHERE capture_id = ANY($1) AND (name = 'screenshot-viewport.png' OR name LIKE 'screenshot-full%.png') ORDER BY capture_id, name`,
    [captureIds],
  );
}

/** The hash each capture's artifact of that name was catalogued under (e.g. extracted.json), by capture. */
export async function artifactNamed(q: HubQueryable, captureIds: readonly string[], name: string): Promise<Map<string, string>> {
  if (captureIds.length === 0) return new Map();
  const rows = await rowsOf(q, z.object({ capture_id: pgCol.text, sha256: pgCol.text }), 'hub_capture_artifacts', 'SELECT capture_id, sha256 FROM hub_capture_artifacts WHERE capture_id = ANY($1) AND name = $2', [captureIds, name]);
  return new Map(rows.map((r) => [r.capture_id, r.sha256]));
}

const stampLine = z.object({ authority: pgCol.text, token_sha256: pgCol.text, imprint: pgCol.text, batch_sha256: pgCol.textOrNull, nonce: pgCol.text, gen_time: pgCol.text });
export type HubStampLine = z.output<typeof stampLine>;

/** A capture's time-stamps, earliest first. */
export async function stampsOf(q: HubQueryable, captureId: string): Promise<HubStampLine[]> {
  return rowsOf(q, stampLine, 'hub_stamps', 'SELECT authority, token_sha256, imprint, batch_sha256, nonce, gen_time FROM hub_stamps WHERE capture_id = $1 ORDER BY gen_time, token_sha256', [captureId]);
}

const custodyLine = z.object({ seq: pgCol.bigint, at: pgCol.text, investigator: pgCol.text, os_user: pgCol.text, action: pgCol.text, subject: pgCol.textOrNull, details: pgCol.text, prev_hash: pgCol.text, hash: pgCol.text });
export type HubCustodyLine = z.output<typeof custodyLine>;

/** Every entry about these captures in the chain of the workspace that pushed each, in time order. */
export async function custodyAboutCaptures(q: HubQueryable, captureIds: readonly string[]): Promise<(HubCustodyLine & { chain: string })[]> {
  if (captureIds.length === 0) return [];
  return rowsOf(
    q,
    custodyLine.extend({ chain: pgCol.text }),
    'hub_custody',
    `SELECT e.chain, e.seq, e.at, e.investigator, e.os_user, e.action, e.subject, e.details, e.prev_hash, e.hash
     FROM hub_custody e JOIN hub_captures c ON c.id = e.subject AND c.workspace = e.chain
     WHERE e.subject = ANY($1) ORDER BY e.at, e.chain, e.seq`,
    [captureIds],
  );
}

/** The entries a workspace's chain holds about one subject, in order. */
export async function custodyOfSubject(q: HubQueryable, chain: string, subject: string): Promise<HubCustodyLine[]> {
  return rowsOf(q, custodyLine, 'hub_custody', 'SELECT seq, at, investigator, os_user, action, subject, details, prev_hash, hash FROM hub_custody WHERE chain = $1 AND subject = $2 ORDER BY seq', [chain, subject]);
}

/** The entries of one action about each of these captures, from the chain of the workspace that made it, in order. */
export async function custodyOfCaptures(q: HubQueryable, captureIds: readonly string[], action: string): Promise<HubCustodyLine[]> {
  if (captureIds.length === 0) return [];
  return rowsOf(
    q,
    custodyLine,
    'hub_custody',
    `SELECT e.seq, e.at, e.investigator, e.os_user, e.action, e.subject, e.details, e.prev_hash, e.hash
     FROM hub_custody e JOIN hub_captures c ON c.id = e.subject AND c.workspace = e.chain
     WHERE e.subject = ANY($1) AND e.action = $2 ORDER BY e.chain, e.seq`,
    [captureIds, action],
  );
}

/** How much the hub holds, for the app's first screen. */
export async function totals(q: HubQueryable): Promise<{ sellers: number; captures: number; workspaces: number; people: number }> {
  const rows = await rowsOf(
    q,
    z.object({ sellers: pgCol.bigint, captures: pgCol.bigint, workspaces: pgCol.bigint, people: pgCol.bigint }),
    'hub_captures',
    'SELECT (SELECT COUNT(*) FROM hub_sellers) AS sellers, (SELECT COUNT(*) FROM hub_captures) AS captures, (SELECT COUNT(*) FROM hub_workspaces) AS workspaces, (SELECT COUNT(DISTINCT pushed_by) FROM hub_captures) AS people',
  );
  return rows[0] ?? { sellers: 0, captures: 0, workspaces: 0, people: 0 };
}
