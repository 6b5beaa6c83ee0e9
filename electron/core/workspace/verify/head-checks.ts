import type { KeyObject } from 'node:crypto';
import type { AnchorRead } from '../custody-anchor.js';
import { custodySigningText } from '../custody.js';
import type { Db } from '../db.js';
import { verifyEd25519 } from '../signing-key.js';
import type { Problem } from './report.js';
import type { StampedHead } from './timestamp-checks.js';
import { custody } from '../../store/index.js';

export interface HeadFindings {
  problems: Problem[];
  notices: string[];
}

/**
 * The custody log against its signed head (migration 006). The hash chain
 * finds an entry edited or deleted in the middle; the head finds what the
 * chain alone cannot: its end cut off (sqlite_sequence lowered with it), or
 * an entry edited and every hash after it recomputed. Neither can be made to
 * match again without the workspace's private key.
 *
 * `bornSigned`: the workspace was created by an Exhibit that signs its log,
 * so its very first entry must be signed.
 */
export async function checkCustodyHead(db: Db, publicKey: KeyObject, last: { seq: number; hash: string } | null, bornSigned: boolean, anchor: AnchorRead): Promise<HeadFindings> {
  const found = await checkDatabaseHead(db, publicKey, last, bornSigned);
  if (found.signedSeq !== undefined) found.problems.push(...(await checkAnchor(db, publicKey, last, found.signedSeq, anchor)));
  return { problems: found.problems, notices: found.notices };
}

/**
 * The copy of the head outside the database (custody-head.json): a database
 * rolled back to an older copy, its signed head with it, still ends before
 * the head this file names. A file that names an older head than the
 * database's is expected (a process killed between the commit and the copy).
 */
async function checkAnchor(db: Db, publicKey: KeyObject, last: { seq: number; hash: string } | null, signedSeq: number | null, anchor: AnchorRead): Promise<Problem[]> {
  const where = 'custody-head.json';
  if (anchor.kind === 'missing') {
    return signedSeq === null ? [] : [{ area: 'custody', where, message: 'missing: the copy of the signed head kept outside the database was deleted, so a database rolled back to an older copy could not be found' }];
  }
  if (anchor.kind === 'unreadable') return [{ area: 'custody', where, message: `cannot be read (${anchor.detail}): the copy of the signed head kept outside the database was damaged` }];
  const a = anchor.anchor;
  if (!verifyEd25519(publicKey, custodySigningText('head', a.seq, a.hash), Buffer.from(a.signature, 'base64'))) {
    return [{ area: 'custody', where, message: `the head it names (entry #${a.seq}) is not signed by the workspace key: it was forged` }];
  }
  if (signedSeq !== null && a.seq <= signedSeq) return [];
  const lastSeq = last?.seq ?? 0;
  if (a.seq > lastSeq) {
    const range = a.seq === lastSeq + 1 ? `#${a.seq}` : `#${lastSeq + 1}–#${a.seq}`;
    return [{ area: 'custody', where: `custody entry ${range}`, message: `missing: cut from the end of the log, and the database's signed head rolled back with it (custody-head.json names entry #${a.seq}, the log ends at #${lastSeq})` }];
  }
  if ((await hashAt(db, a.seq)) !== a.hash) {
    return [{ area: 'custody', where: `custody entry #${a.seq}`, message: 'rewritten: it no longer has the hash custody-head.json signed for it, and the database\'s signed head was rolled back' }];
  }
  return [];
}

/** undefined: no head table (nothing more to compare); null: no head signed yet; else the seq the database's head signs. */
async function checkDatabaseHead(
  db: Db,
  publicKey: KeyObject,
  last: { seq: number; hash: string } | null,
  bornSigned: boolean,
): Promise<HeadFindings & { signedSeq: number | null | undefined }> {
  const problems: Problem[] = [];
  const notices: string[] = [];
  const where = 'custody log head';
  if (!(await custody.hasSignedHeadTable(db))) {
    notices.push('the custody log is not anchored by a signed head (the workspace was opened read-only and is not yet upgraded): only its hash chain was checked');
    return { problems, notices, signedSeq: undefined };
  }
  const row = await custody.signedHead(db);
  if (!row) {
    problems.push({ area: 'custody', where, message: 'the signed head record is gone (deleted from the database): a cut or recomputed log cannot be ruled out' });
    return { problems, notices, signedSeq: null };
  }
  if (bornSigned && row.anchoredFrom !== 1) {
    problems.push({ area: 'custody', where, message: `the head record says signing began at entry #${row.anchoredFrom}, but this workspace signed its log from its first entry: the record was reset` });
  }
  if (row.seq === null || row.hash === null || row.signature === null) {
    if (last && last.seq >= row.anchoredFrom) {
      problems.push({ area: 'custody', where, message: `entries #${row.anchoredFrom}–#${last.seq} should be under a signed head, but the head record is empty: it was reset` });
    } else {
      notices.push(`the custody log is not anchored before entry #${row.anchoredFrom}: the workspace was made before Exhibit signed its log, so only the hash chain vouches for entries before it (they are anchored by the next entry written)`);
    }
    return { problems, notices, signedSeq: null };
  }
  if (row.anchoredFrom > 1) {
    notices.push(`the custody log is not anchored before entry #${row.anchoredFrom}: those entries were written before Exhibit signed its log; the signed head covers them through the hash chain from then on`);
  }
  if (!verifyEd25519(publicKey, custodySigningText('head', row.seq, row.hash), Buffer.from(row.signature, 'base64'))) {
    problems.push({ area: 'custody', where, message: `the head record (entry #${row.seq}) is not signed by the workspace key: it was forged or swapped` });
    return { problems, notices, signedSeq: null };
  }
  const lastSeq = last?.seq ?? 0;
  if (row.seq > lastSeq) {
    const range = row.seq === lastSeq + 1 ? `#${row.seq}` : `#${lastSeq + 1}–#${row.seq}`;
    problems.push({ area: 'custody', where: `custody entry ${range}`, message: `missing: cut from the end of the log (the signed head names entry #${row.seq}, the log ends at #${lastSeq})` });
    return { problems, notices, signedSeq: row.seq };
  }
  const atHead = await hashAt(db, row.seq);
  if (atHead !== row.hash) {
    const first = await firstUnsigned(db, publicKey, row.anchoredFrom, row.seq);
    problems.push({
      area: 'custody',
      where: `custody entry #${first}`,
      message: `rewritten: the log from here on was recomputed (entry #${first} no longer has the hash the workspace key signed; the signed head names ${row.hash.slice(0, 12)}… for entry #${row.seq}, the log holds ${(atHead ?? 'nothing').slice(0, 12)}…)`,
    });
  }
  // Entries after the signed head were not written by Exhibit: each appended entry moves the head.
  if (lastSeq > row.seq) {
    const range = lastSeq === row.seq + 1 ? `#${lastSeq}` : `#${row.seq + 1}–#${lastSeq}`;
    problems.push({ area: 'custody', where: `custody entry ${range}`, message: `added without the workspace key: the signed head ends at entry #${row.seq}` });
  }
  return { problems, notices, signedSeq: row.seq };
}

async function hashAt(db: Db, seq: number): Promise<string | null> {
  return custody.hashAt(db, seq);
}

async function signedAsStored(db: Db, publicKey: KeyObject, seq: number): Promise<boolean> {
  const row = await custody.entrySignature(db, seq);
  if (!row?.signature) return false;
  return verifyEd25519(publicKey, custodySigningText('entry', seq, row.hash), Buffer.from(row.signature, 'base64'));
}

/**
 * The first entry whose hash is not the one the key signed. A recomputed log
 * keeps every entry before the edit and changes every one from it on, so a
 * binary search finds it in a few signature checks, however long the log.
 */
async function firstUnsigned(db: Db, publicKey: KeyObject, from: number, to: number): Promise<number> {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (await signedAsStored(db, publicKey, mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface StampedHeadFindings {
  problems: Problem[];
  notices: string[];
  /** the latest head a valid token stamps */
  latest: StampedHead | null;
}

/**
 * The custody heads time-stamped with the captures (each digest list names
 * the signed head of its moment). The workspace key can re-sign a log
 * recomputed from an earlier entry, custody-head.json with it; it cannot
 * make an authority's token name the new hash. A head that no longer
 * matches the log places the rewrite at or before its entry, and after the
 * latest stamped head that still matches.
 */
export async function checkStampedHeads(db: Db, stamped: readonly StampedHead[], last: { seq: number; hash: string } | null): Promise<StampedHeadFindings> {
  const problems: Problem[] = [];
  const notices: string[] = [];
  const lastSeq = last?.seq ?? 0;
  const bySeq = new Map<number, StampedHead>();
  for (const h of [...stamped].sort((a, b) => a.seq - b.seq)) if (!bySeq.has(h.seq)) bySeq.set(h.seq, h);
  let latest: StampedHead | null = null;
  let lastGood = 0;
  for (const h of bySeq.values()) {
    const by = `time-stamp token ${h.tokenSha256.slice(0, 12)}… (${h.where}, ${h.authorityUrl}, ${h.genTime})`;
    if (h.seq > lastSeq) {
      const range = h.seq === lastSeq + 1 ? `#${h.seq}` : `#${lastSeq + 1}–#${h.seq}`;
      problems.push({ area: 'custody', where: `custody entry ${range}`, message: `missing: cut from the end of the log; ${by} vouches that the log reached entry #${h.seq}, it ends at #${lastSeq}` });
      continue;
    }
    const held = await hashAt(db, h.seq);
    if (held !== h.hash) {
      problems.push({
        area: 'custody',
        where: `custody entry #${h.seq}`,
        message: `rewritten: the log was recomputed at or before this entry${lastGood > 0 ? ` and after entry #${lastGood}, whose stamped hash still holds` : ''}; ${by} vouches for hash ${h.hash.slice(0, 12)}… here, the log holds ${(held ?? 'nothing').slice(0, 12)}… (a head re-signed with the workspace key cannot change a time-stamp)`,
      });
      continue;
    }
    lastGood = h.seq;
    latest = h;
  }
  if (bySeq.size === 0) {
    notices.push('the custody head is not yet time-stamped: it is stamped with the next capture stamped (offline, `exhibit stamp` sends it); this is not an error');
  } else if (latest && latest.seq < lastSeq) {
    notices.push(`the custody log is time-stamped up to entry #${latest.seq}; entries #${latest.seq + 1}–#${lastSeq} are vouched for by the signed head and custody-head.json until the next stamp`);
  }
  return { problems, notices, latest };
}
