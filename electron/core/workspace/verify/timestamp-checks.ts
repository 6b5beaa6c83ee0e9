import { z } from 'zod';
import { sha256Hex } from '../../util/hash.js';
import { BATCH_FORMAT } from '../../timestamp/stamper.js';
import { trustedRootsFor } from '../../timestamp/trust.js';
import { verifyTimeStampResponse } from '../../timestamp/verify-token.js';
import type { Db } from '../db.js';
import type { ObjectStore } from '../object-store.js';
import { countPendingStamps, eachTimestamp, listAuthorities, parseRootPem, type TimestampRecord } from '../timestamps.js';
import { stampKey, type ChainFindings } from './custody-chain.js';
import type { ObjectInventory } from './object-checks.js';
import type { Problem } from './report.js';
import { integrity } from '../../store/index.js';

const batchSchema = z.object({
  format: z.literal(BATCH_FORMAT),
  custodyHead: z.object({ seq: z.number().int().positive(), hash: z.string() }).optional(),
  imprints: z.array(z.object({ kind: z.string(), subject: z.string(), sha256: z.string() })),
});

/** A custody head a digest list names, with the valid token that stamps it. */
export interface StampedHead {
  seq: number;
  hash: string;
  tokenSha256: string;
  authorityUrl: string;
  genTime: string;
  /** where the token is, for the report */
  where: string;
}

export interface TimestampFindings {
  problems: Problem[];
  tokens: number;
  pending: number;
  /** custody heads stamped with captures, one per valid token */
  stampedHeads: StampedHead[];
}

/**
 * Every time-stamp token against what it vouches for: it is the one the
 * custody log recorded, its bytes are intact, it stamps this capture's
 * signed manifest (or a digest list naming it) or this workspace's key, its
 * nonce is the one sent, its signature holds, its signer may time-stamp,
 * and it chains to a root trusted for its authority. A root counts only if
 * it ships with Exhibit or its addition is in the custody log.
 */
export async function checkTimestamps(db: Db, store: ObjectStore, keyFingerprint: string, chain: Pick<ChainFindings, 'stamps' | 'authorityRoots'>, objects: ObjectInventory): Promise<TimestampFindings> {
  const problems: Problem[] = [];
  const roots = new Map<string, string>();
  for (const a of await listAuthorities(db, { all: true })) {
    const parsed = a.roots ? parseRootPem(a.roots) : null;
    if (!parsed) continue;
    if (!parsed.ok) {
      problems.push({ area: 'timestamp', where: `time-stamping authority ${a.url}`, message: 'its root certificates cannot be read' });
      continue;
    }
    const logged = chain.authorityRoots.get(a.url) ?? new Set<string>();
    const trusted = parsed.value.filter((r) => logged.has(r.sha256));
    for (const r of parsed.value.filter((r) => !logged.has(r.sha256))) {
      problems.push({ area: 'timestamp', where: `time-stamping authority ${a.url}`, message: `root ${r.subject} (SHA-256 ${r.sha256}) is trusted for it, but the custody log records no one adding it` });
    }
    roots.set(a.url, trusted.map((r) => r.pem).join(''));
  }

  const rows: TimestampRecord[] = [];
  await eachTimestamp(db, (t) => rows.push(t));
  const manifests = new Map<string, string>();
  for (const r of await integrity.stampedCaptureManifests(db)) {
    manifests.set(r.id, r.manifest_sha256);
  }
  const seen = new Set<string>();
  const verdicts = new Map<string, Promise<string | null>>();
  const keyHex = keyFingerprint.replace(/ /g, '');
  const stampedHeads = new Map<string, StampedHead>();

  for (const t of rows) {
    const key = stampKey(t.kind, t.subject, t.name);
    seen.add(key);
    const where = t.kind === 'capture' ? `capture ${t.subject} time-stamp ${t.name}` : `workspace key time-stamp ${t.name}`;
    const fail = (message: string) => problems.push({ area: 'timestamp', where, message });
    objects.markReferenced(t.tokenSha256);
    if (t.batchSha256) objects.markReferenced(t.batchSha256);

    const logged = chain.stamps.get(key);
    if (!logged) fail('the custody log has no record of this token being received (inserted into the database?)');
    else if (logged.tokenSha256 !== t.tokenSha256 || logged.genTime !== t.genTime || logged.serial !== t.serial || logged.imprint !== t.subjectImprint) {
      fail('it differs from the token the custody log recorded (token, time, serial or imprint changed)');
    }

    if (t.kind === 'capture') {
      const manifest = manifests.get(t.subject);
      if (manifest === undefined) fail('it belongs to no capture of this workspace');
      else if (manifest !== t.subjectImprint) fail(`it was made for another document (${t.subjectImprint.slice(0, 12)}…), not this capture's signed manifest (${manifest.slice(0, 12)}…): a token from another capture or workspace`);
    } else if (t.subjectImprint !== keyHex) {
      fail(`it stamps key ${t.subjectImprint.slice(0, 12)}…, not this workspace's key ${keyHex.slice(0, 12)}…: a token from another workspace`);
    }

    let head: { seq: number; hash: string } | undefined;
    if (t.batchSha256) {
      const batch = await readObject(store, t.batchSha256);
      const list = batch === null ? null : parseBatch(batch);
      if (batch === null) fail(`the digest list it stamps (object ${t.batchSha256}) is missing from the object store`);
      else if (sha256Hex(batch) !== t.batchSha256) fail(`the digest list it stamps (object ${t.batchSha256}) was altered`);
      else if (!list?.imprints.some((i) => i.kind === t.kind && i.subject === t.subject && i.sha256 === t.subjectImprint)) fail('the digest list it stamps does not name this imprint');
      else head = list.custodyHead;
      if (t.imprint !== t.batchSha256) fail('it is recorded as stamping a digest list, but names another imprint');
    } else if (t.imprint !== t.subjectImprint) {
      fail('the imprint it is recorded as stamping is not its subject’s');
    }

    const token = await readObject(store, t.tokenSha256);
    if (token === null) {
      fail(`the token (object ${t.tokenSha256}) is missing from the object store`);
      continue;
    }
    if (sha256Hex(token) !== t.tokenSha256) {
      fail(`the token (object ${t.tokenSha256}) was altered`);
      continue;
    }
    const verdictKey = `${t.tokenSha256} ${t.imprint} ${t.nonce} ${t.authorityUrl}`;
    let verdict = verdicts.get(verdictKey);
    if (!verdict) {
      verdict = verifyTimeStampResponse(token, { imprintHex: t.imprint, nonce: t.nonce, roots: trustedRootsFor(roots.get(t.authorityUrl) ?? '', token) }).then((r) => {
        if (!r.ok) return `${r.error.message} (${r.error.kind})`;
        if (r.value.genTime !== t.genTime || r.value.serial !== t.serial) return `the token says ${r.value.genTime}, serial ${r.value.serial}; the database says ${t.genTime}, serial ${t.serial}`;
        return null;
      });
      verdicts.set(verdictKey, verdict);
    }
    const message = await verdict;
    if (message) fail(message);
    else if (head && t.imprint === t.batchSha256 && !stampedHeads.has(t.tokenSha256)) {
      stampedHeads.set(t.tokenSha256, { ...head, tokenSha256: t.tokenSha256, authorityUrl: t.authorityUrl, genTime: t.genTime, where });
    }
  }

  for (const key of chain.stamps.keys()) {
    if (seen.has(key)) continue;
    const [kind, subject, name] = key.split(' ');
    problems.push({ area: 'timestamp', where: kind === 'capture' ? `capture ${subject} time-stamp ${name}` : `workspace key time-stamp ${name}`, message: 'the custody log records this token, but it is gone from the database (deleted)' });
  }
  return { problems, tokens: rows.length, pending: await countPendingStamps(db), stampedHeads: [...stampedHeads.values()] };
}

async function readObject(store: ObjectStore, sha256: string): Promise<Buffer | null> {
  try {
    return await store.read(sha256);
  } catch {
    return null;
  }
}

/** A digest list as the stamper writes it, or null when it is not one. */
export function parseBatch(batch: Buffer): z.infer<typeof batchSchema> | null {
  try {
    const parsed = batchSchema.safeParse(JSON.parse(batch.toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
