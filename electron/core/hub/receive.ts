import { createPublicKey } from 'node:crypto';
import { custodyEntryHash, custodySigningText } from '../workspace/custody.js';
import { parseManifest } from '../workspace/manifest.js';
import { publicKeyFingerprint, verifyEd25519 } from '../workspace/signing-key.js';
import { canonicalJson } from '../util/canonical-json.js';
import { trustedRootsFor } from '../timestamp/trust.js';
import { verifyTimeStampResponse } from '../timestamp/verify-token.js';
import { parseBatch } from '../workspace/verify/timestamp-checks.js';
import { appendHubCustody, chainHead, insertCustody, lockChain } from './custody.js';
import { inHubTransaction, type HubClient, type HubPool } from './db.js';
import type { HubObjectStore } from './object-store.js';
import type { CommitRequest, CommitResponse, PushedCapture, StatusRequest, StatusResponse } from './protocol.js';
import type { HubUser } from './users.js';

/** A push the hub will not take, with the reason the pusher is told. Nothing of it is stored. */
export class PushRefused extends Error {
  override readonly name = 'PushRefused';
}

/** The fingerprint that names a workspace's chain, from its Ed25519 public key. */
export function workspaceFingerprint(publicKeyPem: string): string {
  let key;
  try {
    key = createPublicKey(publicKeyPem);
  } catch {
    throw new PushRefused('the workspace key is not a public key');
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new PushRefused('the workspace key is not an Ed25519 key');
  return publicKeyFingerprint(key).replace(/ /g, '');
}

/** Which of these objects and captures the hub lacks, and where the workspace's chain stands in the hub. */
export async function pushStatus(pool: HubPool, store: HubObjectStore, user: HubUser, req: StatusRequest): Promise<StatusResponse> {
  const chain = workspaceFingerprint(req.workspaceKeyPem);
  const known = new Set((await pool.query<{ sha256: string }>('SELECT sha256 FROM hub_objects WHERE sha256 = ANY($1)', [req.objects])).rows.map((r) => r.sha256));
  // An object sent by a push that was cut short waits in the user's incoming area: it need not travel again.
  const unknown = [...new Set(req.objects)].filter((sha) => !known.has(sha));
  const missingObjects: string[] = [];
  for (let i = 0; i < unknown.length; i += 16) {
    const batch = unknown.slice(i, i + 16);
    const present = await Promise.all(batch.map(async (sha) => (await store.has(sha)) || (await store.hasIncoming(user.id, sha))));
    batch.forEach((sha, j) => {
      if (!present[j]) missingObjects.push(sha);
    });
  }
  const knownCaptures = (await pool.query<{ id: string }>('SELECT id FROM hub_captures WHERE workspace = $1 AND id = ANY($2)', [chain, req.captures])).rows.map((r) => r.id);
  const client = await pool.connect();
  try {
    return { missingObjects, knownCaptures, custodyHead: await chainHead(client, chain) };
  } finally {
    client.release();
  }
}

/**
 * Takes a push in one transaction, after checking everything in it: each
 * capture's manifest read back from the store, hashed and its signature
 * checked against the workspace key; every artifact it lists present; each
 * time-stamp token checked against the manifest; the custody entries
 * continuing the chain the hub holds, each hash recomputed and signature
 * checked. The first thing wrong refuses the whole push, and the objects it
 * sent are dropped from the user's incoming area: nothing of it is kept.
 * Objects of an accepted push move into objects/ before the catalogue's
 * transaction commits, so the catalogue never names an object the store lacks.
 */
export async function receivePush(pool: HubPool, store: HubObjectStore, user: HubUser, req: CommitRequest, within?: InPush): Promise<CommitResponse> {
  if (user.role !== 'investigator') throw new PushRefused(`${user.name} is a ${user.role}: only an investigator pushes evidence`);
  let response: CommitResponse;
  let promoted: string[];
  try {
    [response, promoted] = await checkAndStore(pool, store, user, req, within);
  } catch (e) {
    if (e instanceof PushRefused) await store.dropAllIncoming(user.id);
    throw e;
  }
  for (const sha of promoted) await store.dropIncoming(user.id, sha);
  return response;
}

/** More work done in the push's own transaction (a worker marks its job done there), after the captures are stored. */
export type InPush = (client: HubClient) => Promise<void>;

async function checkAndStore(pool: HubPool, store: HubObjectStore, user: HubUser, req: CommitRequest, within: InPush | undefined): Promise<[CommitResponse, string[]]> {
  const chain = workspaceFingerprint(req.workspaceKeyPem);
  const checked: CheckedCapture[] = [];
  for (const c of req.captures) checked.push(await checkCapture(store, user.id, req.workspaceKeyPem, chain, c));
  checkCustody(req.workspaceKeyPem, req.custody);
  const retention = await store.retentionSupport();

  return inHubTransaction<[CommitResponse, string[]]>(pool, async (client) => {
    await lockChain(client, chain);
    await client.query(
      `INSERT INTO hub_workspaces (key_fingerprint, public_key_pem, investigator, first_pushed_by) VALUES ($1, $2, $3, $4) ON CONFLICT (key_fingerprint) DO NOTHING`,
      [chain, req.workspaceKeyPem, req.custody[0]?.investigator ?? '', user.id],
    );
    const head = await chainHead(client, chain);
    const fresh = req.custody.filter((e) => e.seq > head.seq);
    if (req.custody.length > 0 && fresh.length < req.custody.length) {
      throw new PushRefused(`custody entry ${req.custody[0]?.seq} is already in the hub (its chain for this workspace ends at ${head.seq}): a replayed entry`);
    }
    const first = fresh[0];
    if (first && (first.seq !== head.seq + 1 || first.prevHash !== head.hash)) {
      throw new PushRefused(`custody entry ${first.seq} does not continue the hub's chain for this workspace (which ends at entry ${head.seq})`);
    }
    await insertCustody(client, chain, fresh, user.id);

    let capturesAdded = 0;
    for (const c of checked) if (await storeCapture(client, chain, user, c)) capturesAdded++;
    if (within) await within(client);
    // Last before the commit, once nothing can refuse the push any more.
    const objects = [...new Set(checked.flatMap((c) => c.objects.map((o) => o.sha256)))];
    for (const sha of objects) await store.promote(user.id, sha);
    await appendHubCustody(
      client,
      { actor: user.name, action: 'push.received', subject: chain, details: canonicalJson({ user: user.name, workspace: chain, capturesAdded, custodyAdded: fresh.length, custodyHead: fresh.at(-1)?.seq ?? head.seq }) },
      user.id,
    );
    const response = { capturesAdded, custodyAdded: fresh.length, retention: retention.supported ? `Object Lock: COMPLIANCE, ${retention.days} days` : retention.reason };
    return [response, objects];
  });
}

interface CheckedCapture {
  capture: PushedCapture;
  url: string;
  capturedAt: string;
  outcome: string;
  objects: { sha256: string; size: number }[];
  artifacts: { name: string; sha256: string }[];
}

async function checkCapture(store: HubObjectStore, userId: number, keyPem: string, chain: string, c: PushedCapture): Promise<CheckedCapture> {
  const where = `capture ${c.id}`;
  const readOrRefuse = async (sha256: string, what: string): Promise<Buffer> => {
    try {
      return await store.getForCheck(userId, sha256);
    } catch (e) {
      if (e instanceof Error && (e.name === 'NoSuchKey' || e.name === 'NotFound')) throw new PushRefused(`${what} (${sha256}) was not sent`);
      throw new PushRefused(`${what} (${sha256}): ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const bytes = await readOrRefuse(c.manifestSha256, `${where}: its manifest`);
  if (!verifyEd25519(keyPem, bytes, Buffer.from(c.signature, 'base64'))) throw new PushRefused(`${where}: the manifest's signature does not verify with the pushing workspace's key`);
  const manifest = parseManifest(bytes);
  if (!manifest.ok) throw new PushRefused(`${where}: the manifest cannot be read: ${manifest.error}`);
  if (manifest.value.captureId !== c.id) throw new PushRefused(`${where}: the manifest is that of capture ${manifest.value.captureId}`);
  if (manifest.value.signer.publicKeyFingerprint.replace(/ /g, '') !== chain) throw new PushRefused(`${where}: the manifest names another signing key`);
  const objects = [{ sha256: c.manifestSha256, size: bytes.length }];
  for (const a of manifest.value.artifacts) {
    if (!(await store.has(a.sha256)) && !(await store.hasIncoming(userId, a.sha256))) throw new PushRefused(`${where}: artifact ${a.name} (${a.sha256}) was not sent`);
    objects.push({ sha256: a.sha256, size: a.bytes });
  }
  for (const s of c.stamps) {
    const token = await readOrRefuse(s.tokenSha256, `${where}: its time-stamp token`);
    objects.push({ sha256: s.tokenSha256, size: token.length });
    if (s.batchSha256) {
      const batch = await readOrRefuse(s.batchSha256, `${where}: the digest list its time-stamp covers`);
      objects.push({ sha256: s.batchSha256, size: batch.length });
      const list = parseBatch(batch);
      if (s.imprint !== s.batchSha256 || !list?.imprints.some((i) => i.kind === 'capture' && i.subject === c.id && i.sha256 === c.manifestSha256)) {
        throw new PushRefused(`${where}: the digest list its time-stamp covers does not name this manifest`);
      }
    } else if (s.imprint !== c.manifestSha256) {
      throw new PushRefused(`${where}: its time-stamp is for another document (${s.imprint.slice(0, 12)}…), not this manifest`);
    }
    const verdict = await verifyTimeStampResponse(token, { imprintHex: s.imprint, nonce: s.nonce, roots: trustedRootsFor(s.rootPem, token) });
    if (!verdict.ok) throw new PushRefused(`${where}: time-stamp from ${s.authorityUrl}: ${verdict.error.message}`);
    if (verdict.value.genTime !== s.genTime) throw new PushRefused(`${where}: time-stamp from ${s.authorityUrl} says ${verdict.value.genTime}, the push says ${s.genTime}`);
  }
  const m = manifest.value;
  return { capture: c, url: m.finalUrl ?? m.requestedUrl, capturedAt: m.startedAt, outcome: m.outcome, objects, artifacts: m.artifacts.map((a) => ({ name: a.name, sha256: a.sha256 })) };
}

function checkCustody(keyPem: string, entries: CommitRequest['custody']): void {
  let prev: (typeof entries)[number] | undefined;
  for (const e of entries) {
    if (prev && (e.seq !== prev.seq + 1 || e.prevHash !== prev.hash)) throw new PushRefused(`custody entry ${e.seq} does not follow entry ${prev.seq}`);
    const { signature, hash, ...base } = e;
    if (custodyEntryHash(base) !== hash) throw new PushRefused(`custody entry ${e.seq}: its content does not match its hash (altered)`);
    if (signature === null) throw new PushRefused(`custody entry ${e.seq} is not signed with the workspace key`);
    if (!verifyEd25519(keyPem, custodySigningText('entry', e.seq, e.hash), Buffer.from(signature, 'base64'))) throw new PushRefused(`custody entry ${e.seq}: its signature does not verify with the workspace key`);
    prev = e;
  }
}

async function storeCapture(client: HubClient, chain: string, user: HubUser, c: CheckedCapture): Promise<boolean> {
  const exists = await client.query<{ workspace: string }>('SELECT workspace FROM hub_captures WHERE id = $1', [c.capture.id]);
  const known = exists.rows[0];
  if (known && known.workspace !== chain) throw new PushRefused(`capture ${c.capture.id} is in the hub already, from another workspace`);
  for (const o of c.objects) await client.query('INSERT INTO hub_objects (sha256, size) VALUES ($1, $2) ON CONFLICT (sha256) DO NOTHING', [o.sha256, o.size]);
  if (known) {
    // A capture pushed before its time-stamps came (stamped offline, later): its new tokens, checked like the rest.
    await insertStamps(client, c.capture);
    return false;
  }
  for (const o of c.objects) await client.query('INSERT INTO hub_objects (sha256, size) VALUES ($1, $2) ON CONFLICT (sha256) DO NOTHING', [o.sha256, o.size]);
  let sellerId: string | null = null;
  const s = c.capture.seller;
  if (s) {
    const r = await client.query<{ id: string }>(
      `INSERT INTO hub_sellers (marketplace, seller_key, name) VALUES ($1, $2, $3)
       ON CONFLICT (marketplace, seller_key) DO UPDATE SET name = COALESCE(hub_sellers.name, EXCLUDED.name) RETURNING id`,
      [s.marketplace, s.sellerKey, s.name],
    );
    sellerId = r.rows[0]?.id ?? null;
  }
  let listingId: string | null = null;
  const l = c.capture.listing;
  if (l) {
    const r = await client.query<{ id: string }>(
      `INSERT INTO hub_listings (marketplace, listing_key, url, seller_id, title) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (marketplace, listing_key) DO UPDATE SET seller_id = COALESCE(hub_listings.seller_id, EXCLUDED.seller_id) RETURNING id`,
      [l.marketplace, l.listingKey, l.url, sellerId, l.title],
    );
    listingId = r.rows[0]?.id ?? null;
  }
  await client.query(
    `INSERT INTO hub_captures (id, workspace, listing_id, url, captured_at, outcome, manifest_sha256, signature, pushed_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [c.capture.id, chain, listingId, c.url, c.capturedAt, c.outcome, c.capture.manifestSha256, c.capture.signature, user.id],
  );
  for (const a of c.artifacts) await client.query('INSERT INTO hub_capture_artifacts (capture_id, name, sha256) VALUES ($1, $2, $3)', [c.capture.id, a.name, a.sha256]);
  await insertStamps(client, c.capture);
  return true;
}

async function insertStamps(client: HubClient, c: PushedCapture): Promise<void> {
  for (const st of c.stamps) {
    await client.query(
      'INSERT INTO hub_stamps (capture_id, authority, token_sha256, imprint, batch_sha256, nonce, root_pem, gen_time) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING',
      [c.id, st.authorityUrl, st.tokenSha256, st.imprint, st.batchSha256, st.nonce, st.rootPem, st.genTime],
    );
  }
}

