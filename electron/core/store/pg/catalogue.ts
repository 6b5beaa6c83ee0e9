import { z } from 'zod';
import { pgCol, rowsOf, type HubClient, type HubQueryable } from './db.js';

/** Which of these objects the catalogue names (an object is in the hub only once it does). */
export async function catalogued(q: HubQueryable, shas: readonly string[]): Promise<Set<string>> {
  if (shas.length === 0) return new Set();
  const rows = await rowsOf(q, z.object({ sha256: pgCol.text }), 'hub_objects', 'SELECT sha256 FROM hub_objects WHERE sha256 = ANY($1)', [shas]);
  return new Set(rows.map((r) => r.sha256));
}

export async function insertObject(client: HubClient, sha256: string, size: number): Promise<void> {
  await client.query('INSERT INTO hub_objects (sha256, size) VALUES ($1, $2) ON CONFLICT (sha256) DO NOTHING', [sha256, size]);
}

/** Every object the catalogue names, by hash. */
export async function allObjects(q: HubQueryable): Promise<string[]> {
  return (await rowsOf(q, z.object({ sha256: pgCol.text }), 'hub_objects', 'SELECT sha256 FROM hub_objects ORDER BY sha256')).map((r) => r.sha256);
}

/** Of these captures, those the hub holds from this workspace. */
export async function knownCaptures(q: HubQueryable, workspace: string, ids: readonly string[]): Promise<string[]> {
  const rows = await rowsOf(q, z.object({ id: pgCol.text }), 'hub_captures', 'SELECT id FROM hub_captures WHERE workspace = $1 AND id = ANY($2)', [workspace, ids]);
  return rows.map((r) => r.id);
}

/** The workspace a capture was pushed from, undefined when the hub lacks it. */
export async function captureWorkspace(q: HubQueryable, id: string): Promise<string | undefined> {
  return (await rowsOf(q, z.object({ workspace: pgCol.text }), 'hub_captures', 'SELECT workspace FROM hub_captures WHERE id = $1', [id]))[0]?.workspace;
}

export async function insertWorkspace(client: HubClient, w: { fingerprint: string; publicKeyPem: string; investigator: string; userId: number }): Promise<void> {
  await client.query('INSERT INTO hub_workspaces (key_fingerprint, public_key_pem, investigator, first_pushed_by) VALUES ($1, $2, $3, $4) ON CONFLICT (key_fingerprint) DO NOTHING', [
    w.fingerprint,
    w.publicKeyPem,
    w.investigator,
    w.userId,
  ]);
}

/** Every pushing workspace's public key, by its fingerprint. */
export async function workspaceKeys(q: HubQueryable): Promise<Map<string, string>> {
  const rows = await rowsOf(q, z.object({ key_fingerprint: pgCol.text, public_key_pem: pgCol.text }), 'hub_workspaces', 'SELECT key_fingerprint, public_key_pem FROM hub_workspaces');
  return new Map(rows.map((r) => [r.key_fingerprint, r.public_key_pem]));
}

/** The seller's id, made if new; a name is kept once known. */
export async function upsertSeller(client: HubClient, s: { marketplace: string; sellerKey: string; name: string | null }): Promise<number | null> {
  const rows = await rowsOf(
    client,
    z.object({ id: pgCol.bigint }),
    'hub_sellers',
    `INSERT INTO hub_sellers (marketplace, seller_key, name) VALUES ($1, $2, $3)
     ON CONFLICT (marketplace, seller_key) DO UPDATE SET name = COALESCE(hub_sellers.name, EXCLUDED.name) RETURNING id`,
    [s.marketplace, s.sellerKey, s.name],
  );
  return rows[0]?.id ?? null;
}

/** The listing's id, made if new; its seller is kept once known. */
export async function upsertListing(client: HubClient, l: { marketplace: string; listingKey: string; url: string; title: string | null }, sellerId: number | null): Promise<number | null> {
  const rows = await rowsOf(
    client,
    z.object({ id: pgCol.bigint }),
    'hub_listings',
    `INSERT INTO hub_listings (marketplace, listing_key, url, seller_id, title) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (marketplace, listing_key) DO UPDATE SET seller_id = COALESCE(hub_listings.seller_id, EXCLUDED.seller_id) RETURNING id`,
    [l.marketplace, l.listingKey, l.url, sellerId, l.title],
  );
  return rows[0]?.id ?? null;
}

/** A page watched by URL alone (no marketplace names it): its listing, made if new. */
export async function webListing(client: HubClient, url: string): Promise<number> {
  const rows = await rowsOf(
    client,
    z.object({ id: pgCol.bigint }),
    'hub_listings',
    `INSERT INTO hub_listings (marketplace, listing_key, url) VALUES ('web', $1, $1)
     ON CONFLICT (marketplace, listing_key) DO UPDATE SET url = hub_listings.url RETURNING id`,
    [url],
  );
  const id = rows[0]?.id;
  if (id === undefined) throw new Error('hub_listings: no id returned');
  return id;
}

export interface CaptureInsert {
  id: string;
  workspace: string;
  listingId: number | null;
  url: string;
  capturedAt: string;
  outcome: string;
  /** the page's title as the capture's signed extracted.json gives it */
  title: string | null;
  manifestSha256: string;
  signature: string;
  pushedBy: number;
  artifacts: readonly { name: string; sha256: string }[];
}

export async function insertCapture(client: HubClient, c: CaptureInsert): Promise<void> {
  await client.query(
    'INSERT INTO hub_captures (id, workspace, listing_id, url, captured_at, outcome, title, manifest_sha256, signature, pushed_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
    [c.id, c.workspace, c.listingId, c.url, c.capturedAt, c.outcome, c.title, c.manifestSha256, c.signature, c.pushedBy],
  );
  for (const a of c.artifacts) await client.query('INSERT INTO hub_capture_artifacts (capture_id, name, sha256) VALUES ($1, $2, $3)', [c.id, a.name, a.sha256]);
}

export interface StampInsert {
  authorityUrl: string;
  tokenSha256: string;
  imprint: string;
  batchSha256: string | null;
  nonce: string;
  rootPem: string;
  genTime: string;
}

/** A capture's time-stamps; one already there is left as it is. */
export async function insertStamps(client: HubClient, captureId: string, stamps: readonly StampInsert[]): Promise<void> {
  for (const st of stamps) {
    await client.query(
      'INSERT INTO hub_stamps (capture_id, authority, token_sha256, imprint, batch_sha256, nonce, root_pem, gen_time) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING',
      [captureId, st.authorityUrl, st.tokenSha256, st.imprint, st.batchSha256, st.nonce, st.rootPem, st.genTime],
    );
  }
}

const captureRow = z.object({ id: pgCol.text, workspace: pgCol.text, manifest_sha256: pgCol.text, signature: pgCol.text });

export async function allCaptures(q: HubQueryable): Promise<z.output<typeof captureRow>[]> {
  return rowsOf(q, captureRow, 'hub_captures', 'SELECT id, workspace, manifest_sha256, signature FROM hub_captures ORDER BY id');
}

const stampRow = z.object({
  capture_id: pgCol.text,
  authority: pgCol.text,
  token_sha256: pgCol.text,
  imprint: pgCol.text,
  batch_sha256: pgCol.textOrNull,
  nonce: pgCol.text,
  gen_time: pgCol.text,
  manifest_sha256: pgCol.text,
});

/** Every time-stamp with its capture's manifest hash. */
export async function allStamps(q: HubQueryable): Promise<z.output<typeof stampRow>[]> {
  return rowsOf(
    q,
    stampRow,
    'hub_stamps',
    `SELECT s.capture_id, s.authority, s.token_sha256, s.imprint, s.batch_sha256, s.nonce, s.gen_time, c.manifest_sha256
     FROM hub_stamps s JOIN hub_captures c ON c.id = s.capture_id ORDER BY s.capture_id, s.token_sha256`,
  );
}

const sellerRow = z.object({
  marketplace: pgCol.text,
  seller_key: pgCol.text,
  name: pgCol.textOrNull,
  listings: pgCol.bigint,
  captures: pgCol.bigint,
  investigators: z.array(z.string()).nullable(),
  last: pgCol.textOrNull,
});

/** Who is on the team's sellers, from every capture pushed. */
export async function teamSellers(q: HubQueryable): Promise<z.output<typeof sellerRow>[]> {
  return rowsOf(
    q,
    sellerRow,
    'hub_sellers',
    `SELECT s.marketplace, s.seller_key, s.name, COUNT(DISTINCT l.id) AS listings, COUNT(DISTINCT c.id) AS captures,
            array_agg(DISTINCT u.name) FILTER (WHERE u.name IS NOT NULL) AS investigators, MAX(c.captured_at) AS last
     FROM hub_sellers s LEFT JOIN hub_listings l ON l.seller_id = s.id LEFT JOIN hub_captures c ON c.listing_id = l.id LEFT JOIN hub_users u ON u.id = c.pushed_by
     GROUP BY s.id ORDER BY s.marketplace, s.seller_key`,
  );
}

/** A worker's capture belongs to the watched listing; the seller its page names is linked to that listing when it had none. */
export async function attachToListing(client: HubClient, captureId: string, listingId: number, seller: { marketplace: string; sellerKey: string } | null): Promise<void> {
  await client.query('UPDATE hub_captures SET listing_id = $1 WHERE id = $2', [listingId, captureId]);
  if (seller) {
    await client.query('UPDATE hub_listings SET seller_id = (SELECT id FROM hub_sellers WHERE marketplace = $2 AND seller_key = $3) WHERE id = $1 AND seller_id IS NULL', [
      listingId,
      seller.marketplace,
      seller.sellerKey,
    ]);
  }
}
