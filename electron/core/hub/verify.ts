import { custodySigningText } from '../workspace/custody.js';
import { verifyEd25519 } from '../workspace/signing-key.js';
import { trustedRootsFor } from '../timestamp/trust.js';
import { verifyTimeStampResponse } from '../timestamp/verify-token.js';
import { parseBatch } from '../workspace/verify/timestamp-checks.js';
import { verifyHubCustody, HUB_CHAIN } from './custody.js';
import type { HubPool } from './db.js';
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
  problems: HubProblem[];
}

/**
 * Re-checks everything the hub holds: every object re-read from the store
 * and hashed, every capture's manifest signature against its workspace's
 * key, every time-stamp token against its manifest, every custody chain
 * walked and each workspace entry's signature checked.
 */
export async function verifyHub(pool: HubPool, store: HubObjectStore): Promise<HubVerification> {
  const problems: HubProblem[] = [];
  const objects = (await pool.query<{ sha256: string }>('SELECT sha256 FROM hub_objects ORDER BY sha256')).rows;
  const bytesOf = new Map<string, Buffer>();
  for (const { sha256 } of objects) {
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
  const keys = new Map((await pool.query<{ key_fingerprint: string; public_key_pem: string }>('SELECT key_fingerprint, public_key_pem FROM hub_workspaces')).rows.map((r) => [r.key_fingerprint, r.public_key_pem]));
  const captures = (await pool.query<{ id: string; workspace: string; manifest_sha256: string; signature: string }>('SELECT id, workspace, manifest_sha256, signature FROM hub_captures ORDER BY id')).rows;
  for (const c of captures) {
    const manifest = bytesOf.get(c.manifest_sha256);
    if (!manifest) {
      problems.push({ where: `capture ${c.id}`, problem: `its manifest ${c.manifest_sha256} cannot be read` });
      continue;
    }
    const key = keys.get(c.workspace);
    if (!key || !verifyEd25519(key, manifest, Buffer.from(c.signature, 'base64'))) problems.push({ where: `capture ${c.id}`, problem: "the manifest's signature does not verify with its workspace's key" });
  }
  const stamps = (
    await pool.query<{ capture_id: string; authority: string; token_sha256: string; imprint: string; batch_sha256: string | null; nonce: string; root_pem: string; gen_time: string; manifest_sha256: string }>(
      `SELECT s.capture_id, s.authority, s.token_sha256, s.imprint, s.batch_sha256, s.nonce, s.root_pem, s.gen_time, c.manifest_sha256
       FROM hub_stamps s JOIN hub_captures c ON c.id = s.capture_id ORDER BY s.capture_id, s.token_sha256`,
    )
  ).rows;
  for (const s of stamps) {
    const token = bytesOf.get(s.token_sha256);
    const where = `capture ${s.capture_id} time-stamp from ${s.authority}`;
    if (!token) {
      problems.push({ where, problem: `its token ${s.token_sha256} cannot be read` });
      continue;
    }
    if (s.batch_sha256 !== null) {
      const batch = bytesOf.get(s.batch_sha256);
      const list = batch ? parseBatch(batch) : null;
      if (s.imprint !== s.batch_sha256 || !list?.imprints.some((i) => i.kind === 'capture' && i.subject === s.capture_id && i.sha256 === s.manifest_sha256)) {
        problems.push({ where, problem: `the digest list it stamps (${s.batch_sha256}) cannot be read or does not name this capture's manifest` });
        continue;
      }
    } else if (s.imprint !== s.manifest_sha256) {
      problems.push({ where, problem: "it stamps another document, not this capture's manifest" });
      continue;
    }
    const v = await verifyTimeStampResponse(token, { imprintHex: s.imprint, nonce: s.nonce, roots: trustedRootsFor(s.root_pem, token) });
    if (!v.ok) problems.push({ where, problem: v.error.message });
    else if (v.value.genTime !== s.gen_time) problems.push({ where, problem: `the token says ${v.value.genTime}, the hub says ${s.gen_time}` });
  }
  bytesOf.clear();

  const chain = await verifyHubCustody(pool);
  for (const p of chain.problems) problems.push({ where: `custody chain ${p.chain === HUB_CHAIN ? 'of the hub' : `of workspace ${p.chain.slice(0, 16)}…`}, entry ${p.seq}`, problem: p.problem });
  const signed = (await pool.query<{ chain: string; seq: string; hash: string; signature: string | null }>("SELECT chain, seq, hash, signature FROM hub_custody WHERE chain <> $1 ORDER BY chain, seq", [HUB_CHAIN])).rows;
  for (const e of signed) {
    const key = keys.get(e.chain);
    const seq = Number(e.seq);
    if (!key || e.signature === null || !verifyEd25519(key, custodySigningText('entry', seq, e.hash), Buffer.from(e.signature, 'base64'))) {
      problems.push({ where: `custody chain of workspace ${e.chain.slice(0, 16)}…, entry ${seq}`, problem: "its signature does not verify with the workspace's key" });
    }
  }
  return { objects: objects.length, captures: captures.length, custodyEntries: chain.entries, stamps: stamps.length, problems };
}
