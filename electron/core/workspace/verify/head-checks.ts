import type { KeyObject } from 'node:crypto';
import { custodySigningText } from '../custody.js';
import type { Db } from '../db.js';
import { verifyEd25519 } from '../signing-key.js';
import type { Problem } from './report.js';

export interface HeadFindings {
  problems: Problem[];
  notices: string[];
}

interface HeadRow {
  anchored_from: number;
  seq: number | null;
  hash: string | null;
  signature: string | null;
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
export async function checkCustodyHead(db: Db, publicKey: KeyObject, last: { seq: number; hash: string } | null, bornSigned: boolean): Promise<HeadFindings> {
  const problems: Problem[] = [];
  const notices: string[] = [];
  const where = 'custody log head';
  const hasTable = await db.get<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'custody_head'");
  if (!hasTable) {
    notices.push('the custody log is not anchored by a signed head (the workspace was opened read-only and is not yet upgraded): only its hash chain was checked');
    return { problems, notices };
  }
  const row = await db.get<HeadRow>('SELECT anchored_from, seq, hash, signature FROM custody_head WHERE id = 1');
  if (!row) {
    problems.push({ area: 'custody', where, message: 'the signed head record is gone (deleted from the database): a cut or recomputed log cannot be ruled out' });
    return { problems, notices };
  }
  if (bornSigned && row.anchored_from !== 1) {
    problems.push({ area: 'custody', where, message: `the head record says signing began at entry #${row.anchored_from}, but this workspace signed its log from its first entry: the record was reset` });
  }
  if (row.seq === null || row.hash === null || row.signature === null) {
    if (last && last.seq >= row.anchored_from) {
      problems.push({ area: 'custody', where, message: `entries #${row.anchored_from}–#${last.seq} should be under a signed head, but the head record is empty: it was reset` });
    } else {
      notices.push(`the custody log is not anchored before entry #${row.anchored_from}: the workspace was made before Exhibit signed its log, so only the hash chain vouches for entries before it (they are anchored by the next entry written)`);
    }
    return { problems, notices };
  }
  if (row.anchored_from > 1) {
    notices.push(`the custody log is not anchored before entry #${row.anchored_from}: those entries were written before Exhibit signed its log; the signed head covers them through the hash chain from then on`);
  }
  if (!verifyEd25519(publicKey, custodySigningText('head', row.seq, row.hash), Buffer.from(row.signature, 'base64'))) {
    problems.push({ area: 'custody', where, message: `the head record (entry #${row.seq}) is not signed by the workspace key: it was forged or swapped` });
    return { problems, notices };
  }
  const lastSeq = last?.seq ?? 0;
  if (row.seq > lastSeq) {
    const range = row.seq === lastSeq + 1 ? `#${row.seq}` : `#${lastSeq + 1}–#${row.seq}`;
    problems.push({ area: 'custody', where: `custody entry ${range}`, message: `missing: cut from the end of the log (the signed head names entry #${row.seq}, the log ends at #${lastSeq})` });
    return { problems, notices };
  }
  const atHead = await hashAt(db, row.seq);
  if (atHead !== row.hash) {
    const first = await firstUnsigned(db, publicKey, row.anchored_from, row.seq);
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
  return { problems, notices };
}

async function hashAt(db: Db, seq: number): Promise<string | null> {
  return (await db.get<{ hash: string }>('SELECT hash FROM custody_log WHERE seq = ?', [seq]))?.hash ?? null;
}

async function signedAsStored(db: Db, publicKey: KeyObject, seq: number): Promise<boolean> {
  const row = await db.get<{ hash: string; signature: string | null }>('SELECT l.hash, s.signature FROM custody_log l LEFT JOIN custody_signatures s ON s.seq = l.seq WHERE l.seq = ?', [seq]);
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
