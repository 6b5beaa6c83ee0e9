import { custodySigningText } from '../workspace/custody.js';
import { verifyEd25519 } from '../workspace/signing-key.js';
import { verifyHubCustody, HUB_CHAIN } from './custody.js';
import { hubCases, hubCatalogue, hubCustody } from '../store/pg/index.js';
import { entryBacksMember } from './cases.js';
import type { HubPool } from './db.js';
import { hubTrustedRootsPem } from './roots.js';
import { checkHubStamp } from './stamp-check.js';
import { cleanAbandonedUploads } from './uploads.js';
import { HubObjectCorrupt, type HubObjectStore } from './object-store.js';

export interface HubProblem {
  /** where: an object, a capture, a chain's entry */
  where: string;
  problem: string;
}

export interface HubVerification {
  objects: number;
  captures: number;
  custodyEntries: number;
  stamps: number;
  /** objects of killed pushes, never committed, deleted from the store */
  leftoversCleaned: number;
  problems: HubProblem[];
}

/**
 * Re-checks everything the hub holds: every object re-read from the store
 * and hashed, every capture's manifest signature against its workspace's
 * key, every time-stamp token against its manifest, every custody chain
 * walked and each workspace entry's signature checked, every case member
 * traced to the workspace entry that added (and removed) it. Time-stamps are
 * checked against the hub's own roots (and Exhibit's), never a pusher's.
 * First, the leftovers of pushes killed and never resumed are deleted.
 */
export async function verifyHub(pool: HubPool, store: HubObjectStore): Promise<HubVerification> {
  const leftoversCleaned = await cleanAbandonedUploads(pool, store);
  const problems: HubProblem[] = [];
  const objects = await hubCatalogue.allObjects(pool);
  const bytesOf = new Map<string, Buffer>();
  for (const sha256 of objects) {
    try {
      const b = await store.get(sha256);
      bytesOf.set(sha256, b);
    } catch (e) {
      if (e instanceof HubObjectCorrupt) problems.push({ where: `object ${sha256}`, problem: `altered in the store: it now hashes to ${e.actual}` });
      else if (e instanceof Error && (e.name === 'NoSuchKey' || e.name === 'NotFound')) problems.push({ where: `object ${sha256}`, problem: 'missing from the store' });
      else throw e;
    }
  }
  // Manifests are small and read again for their signatures; artifacts need not stay in memory.
  const keys = await hubCatalogue.workspaceKeys(pool);
  const captures = await hubCatalogue.allCaptures(pool);
  for (const c of captures) {
    const manifest = bytesOf.get(c.manifest_sha256);
    if (!manifest) {
      problems.push({ where: `capture ${c.id}`, problem: `its manifest ${c.manifest_sha256} cannot be read` });
      continue;
    }
    const key = keys.get(c.workspace);
    if (!key || !verifyEd25519(key, manifest, Buffer.from(c.signature, 'base64'))) problems.push({ where: `capture ${c.id}`, problem: "the manifest's signature does not verify with its workspace's key" });
  }
  const stamps = await hubCatalogue.allStamps(pool);
  const rootsPem = await hubTrustedRootsPem(pool);
  for (const s of stamps) {
    const checked = await checkHubStamp(s, s.manifest_sha256, (sha) => Promise.resolve(bytesOf.get(sha)), rootsPem);
    if (!checked.ok) problems.push({ where: `capture ${s.capture_id} time-stamp from ${s.authority}`, problem: checked.error });
  }
  bytesOf.clear();

  const chain = await verifyHubCustody(pool);
  for (const p of chain.problems) problems.push({ where: `custody chain ${p.chain === HUB_CHAIN ? 'of the hub' : `of workspace ${p.chain.slice(0, 16)}…`}, entry ${p.seq}`, problem: p.problem });
  const signed = (await hubCustody.allEntries(pool)).filter((e) => e.chain !== HUB_CHAIN);
  for (const e of signed) {
    const key = keys.get(e.chain);
    const seq = e.seq;
    if (!key || e.signature === null || !verifyEd25519(key, custodySigningText('entry', seq, e.hash), Buffer.from(e.signature, 'base64'))) {
      problems.push({ where: `custody chain of workspace ${e.chain.slice(0, 16)}…, entry ${seq}`, problem: "its signature does not verify with the workspace's key" });
    }
  }
  // Every case member the hub holds or marked removed goes back to the workspace's signed entry that added or removed it.
  const entryAt = new Map(signed.map((e) => [`${e.chain}:${e.seq}`, e]));
  for (const m of await hubCases.allMembers(pool)) {
    const where = `case member ${m.id} (${m.kind} ${m.local_member_id} of workspace ${m.workspace.slice(0, 16)}…'s case ${m.local_case_id})`;
    const added = entryAt.get(`${m.workspace}:${m.added_seq}`);
    if (!added || !entryBacksMember(added, m, 'added')) problems.push({ where, problem: `its workspace's custody entry ${m.added_seq} does not add it to that case` });
    if (m.removed_seq === null) continue;
    const removed = entryAt.get(`${m.workspace}:${m.removed_seq}`);
    if (!removed || !entryBacksMember(removed, m, 'removed')) problems.push({ where, problem: `its workspace's custody entry ${m.removed_seq} does not remove it from that case` });
  }
  return { objects: objects.length, captures: captures.length, custodyEntries: chain.entries, stamps: stamps.length, leftoversCleaned, problems };
}
