import { createPublicKey } from 'node:crypto';
import { custodyEntryHash, custodySigningText } from '../workspace/custody.js';
import { parseManifest } from '../workspace/manifest.js';
import { publicKeyFingerprint, verifyEd25519 } from '../workspace/signing-key.js';
import { canonicalJson } from '../util/canonical-json.js';
import { verifyTimeStampResponseFrom } from '../timestamp/verify-token.js';
import { parseBatch } from '../workspace/verify/timestamp-checks.js';
import { EXTRACTED_ARTIFACT } from '../workspace/verify/extraction-checks.js';
import { hubCases, hubCatalogue, hubCustody, hubUploads } from '../store/pg/index.js';
import { takeCases } from './cases.js';
import { signedTitle } from './hub-extracted.js';
import { PushRefused } from './refused.js';
import { appendHubCustody, chainHead } from './custody.js';
import { inHubTransaction, type HubClient, type HubPool } from './db.js';
import { hubTrustedRootsPem } from './roots.js';
import { cleanAbandonedUploads, dropUploadsOf, objectsPresent } from './uploads.js';
import type { HubObjectStore } from './object-store.js';
import { casesDigest, type CommitRequest, type CommitResponse, type PushedCapture, type StatusRequest, type StatusResponse } from './protocol.js';
import type { HubUser } from './users.js';

export { PushRefused } from './refused.js';

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

/**
 * Which of these objects and captures the hub lacks, and where the
 * workspace's chain stands in the hub: answered from the hub's database (the
 * catalogue, and the objects received for pushes not yet committed), never
 * by asking the store object by object. A killed push's leftovers, anyone's,
 * are cleaned first.
 */
export async function pushStatus(pool: HubPool, store: HubObjectStore, user: HubUser, req: StatusRequest): Promise<StatusResponse> {
  const chain = workspaceFingerprint(req.workspaceKeyPem);
  await hubUploads.noteActivity(pool, user.id);
  await cleanAbandonedUploads(pool, store);
  const unique = [...new Set(req.objects)];
  const present = await objectsPresent(pool, unique);
  const missingObjects = unique.filter((sha) => !present.has(sha));
  const knownCaptures = await hubCatalogue.knownCaptures(pool, chain, req.captures);
  const casesKnown = req.casesSha256 === undefined ? undefined : (await hubCases.casesSha256(pool, chain)) === req.casesSha256;
  return { missingObjects, knownCaptures, custodyHead: await chainHead(pool, chain), user: user.name, ...(casesKnown === undefined ? {} : { casesKnown }) };
}

/**
 * Takes a push in one transaction, after checking everything in it: each
 * capture's manifest read back from the store, hashed and its signature
 * checked against the workspace key; every artifact it lists present; each
 * time-stamp token checked against the manifest; the custody entries
 * continuing the chain the hub holds, each hash recomputed and signature
 * checked. The first thing wrong refuses the whole push, and the objects the
 * user sent that no catalogue names are deleted: nothing of it is kept.
 * The catalogue's transaction takes the objects' uploads as it names them
 * (each was hashed on arrival), so it never names an object the store lacks.
 */
export async function receivePush(pool: HubPool, store: HubObjectStore, user: HubUser, req: CommitRequest, within?: InPush): Promise<CommitResponse> {
  if (user.role !== 'investigator') throw new PushRefused(`${user.name} is a ${user.role}: only an investigator pushes evidence`);
  try {
    return await checkAndStore(pool, store, user, req, within);
  } catch (e) {
    if (e instanceof PushRefused) await dropUploadsOf(pool, store, user.id);
    throw e;
  }
}

/** More work done in the push's own transaction (a worker marks its job done there), after the captures are stored. */
export type InPush = (client: HubClient) => Promise<void>;

async function checkAndStore(pool: HubPool, store: HubObjectStore, user: HubUser, req: CommitRequest, within: InPush | undefined): Promise<CommitResponse> {
  const chain = workspaceFingerprint(req.workspaceKeyPem);
  const roots = await hubTrustedRootsPem(pool);
  const checked: CheckedCapture[] = [];
  for (const c of req.captures) checked.push(await checkCapture(pool, store, roots, req.workspaceKeyPem, chain, c));
  checkCustody(req.workspaceKeyPem, req.custody);
  const retention = await store.retentionSupport();

  return inHubTransaction<CommitResponse>(pool, async (client) => {
    await hubCustody.lockChain(client, chain);
    await hubCatalogue.insertWorkspace(client, { fingerprint: chain, publicKeyPem: req.workspaceKeyPem, investigator: req.custody[0]?.investigator ?? '', userId: user.id });
    const head = await chainHead(client, chain);
    const fresh = req.custody.filter((e) => e.seq > head.seq);
    if (req.custody.length > 0 && fresh.length < req.custody.length) {
      throw new PushRefused(`custody entry ${req.custody[0]?.seq} is already in the hub (its chain for this workspace ends at ${head.seq}): a replayed entry`);
    }
    const first = fresh[0];
    if (first && (first.seq !== head.seq + 1 || first.prevHash !== head.hash)) {
      throw new PushRefused(`custody entry ${first.seq} does not continue the hub's chain for this workspace (which ends at entry ${head.seq})`);
    }
    await hubCustody.insertEntries(client, chain, fresh, user.id);

    // Every object the push names: catalogued already, or received (hashed on arrival) and taken here.
    const sizes = new Map(checked.flatMap((c) => c.objects.map((o) => [o.sha256, o.size] as const)));
    const wanted = [...sizes.keys()];
    const known = await hubCatalogue.catalogued(client, wanted);
    const taken = await hubUploads.takeForCommit(client, wanted.filter((sha) => !known.has(sha)));
    const absent = wanted.find((sha) => !known.has(sha) && !taken.has(sha));
    if (absent) throw new PushRefused(`object ${absent} was not sent (or was cleaned up as a killed push's leftover): push again`);
    for (const sha of taken) await hubCatalogue.insertObject(client, sha, sizes.get(sha) ?? 0);

    let capturesAdded = 0;
    for (const c of checked) if (await storeCapture(client, chain, user, c)) capturesAdded++;
    // After the captures and the custody entries: the case claims are checked against both.
    const cases = req.cases ? await takeCases(client, chain, user, req.cases) : undefined;
    if (req.cases) await hubCases.setCasesSha256(client, chain, casesDigest(req.cases));
    if (within) await within(client);
    // Last before the commit, once nothing can refuse the push any more.
    for (const sha of taken) await store.retain(sha);
    const receipt = await appendHubCustody(
      client,
      { actor: user.name, action: 'push.received', subject: chain, details: canonicalJson({ user: user.name, workspace: chain, capturesAdded, custodyAdded: fresh.length, custodyHead: fresh.at(-1)?.seq ?? head.seq, ...(cases ? { cases } : {}) }) },
      user.id,
    );
    return {
      capturesAdded,
      custodyAdded: fresh.length,
      retention: retention.supported ? `Object Lock: COMPLIANCE, ${retention.days} days` : retention.reason,
      ...(cases ? { cases } : {}),
      receipt: { seq: receipt.seq, hash: receipt.hash },
    };
  });
}

interface CheckedCapture {
  capture: PushedCapture;
  url: string;
  capturedAt: string;
  outcome: string;
  /** the page's title as the capture's signed extracted.json gives it */
  title: string | null;
  objects: { sha256: string; size: number }[];
  artifacts: { name: string; sha256: string }[];
}

async function checkCapture(pool: HubPool, store: HubObjectStore, rootsPem: string, keyPem: string, chain: string, c: PushedCapture): Promise<CheckedCapture> {
  const where = `capture ${c.id}`;
  const readOrRefuse = async (sha256: string, what: string): Promise<Buffer> => {
    try {
      return await store.get(sha256);
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
  const present = await objectsPresent(pool, manifest.value.artifacts.map((a) => a.sha256));
  for (const a of manifest.value.artifacts) {
    if (!present.has(a.sha256)) throw new PushRefused(`${where}: artifact ${a.name} (${a.sha256}) was not sent`);
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
    // The hub's own roots decide (and those shipped with Exhibit): never the root the pusher sent.
    const verdict = await verifyTimeStampResponseFrom(token, { imprintHex: s.imprint, nonce: s.nonce, authorityRootsPem: rootsPem });
    if (!verdict.ok && verdict.error.kind === 'untrusted') {
      throw new PushRefused(`${where}: time-stamp from ${s.authorityUrl}: its authority is not one this hub trusts (its administrator adds roots with exhibit hub init --tsa-roots FILE): ${verdict.error.message}`);
    }
    if (!verdict.ok) throw new PushRefused(`${where}: time-stamp from ${s.authorityUrl}: ${verdict.error.message}`);
    if (verdict.value.genTime !== s.genTime) throw new PushRefused(`${where}: time-stamp from ${s.authorityUrl} says ${verdict.value.genTime}, the push says ${s.genTime}`);
  }
  const m = manifest.value;
  const extracted = m.artifacts.find((a) => a.name === EXTRACTED_ARTIFACT);
  const title = extracted ? signedTitle(await readOrRefuse(extracted.sha256, `${where}: its ${EXTRACTED_ARTIFACT}`)) : null;
  return { capture: c, url: m.finalUrl ?? m.requestedUrl, capturedAt: m.startedAt, outcome: m.outcome, title, objects, artifacts: m.artifacts.map((a) => ({ name: a.name, sha256: a.sha256 })) };
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
  const known = await hubCatalogue.captureWorkspace(client, c.capture.id);
  if (known !== undefined && known !== chain) throw new PushRefused(`capture ${c.capture.id} is in the hub already, from another workspace`);
  if (known !== undefined) {
    // A capture pushed before its time-stamps came (stamped offline, later): its new tokens, checked like the rest.
    await hubCatalogue.insertStamps(client, c.capture.id, c.capture.stamps);
    return false;
  }
  const s = c.capture.seller;
  const sellerId = s ? await hubCatalogue.upsertSeller(client, s) : null;
  const l = c.capture.listing;
  const listingId = l ? await hubCatalogue.upsertListing(client, l, sellerId) : null;
  await hubCatalogue.insertCapture(client, {
    id: c.capture.id,
    workspace: chain,
    listingId,
    url: c.url,
    capturedAt: c.capturedAt,
    outcome: c.outcome,
    title: c.title,
    manifestSha256: c.capture.manifestSha256,
    signature: c.capture.signature,
    pushedBy: user.id,
    artifacts: c.artifacts,
  });
  await hubCatalogue.insertStamps(client, c.capture.id, c.capture.stamps);
  return true;
}
