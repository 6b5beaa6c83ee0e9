import { X509Certificate } from 'node:crypto';
import { err, ok, type Result } from '../util/result.js';
import { utcNow } from '../util/time.js';
import { appendCustody } from './custody.js';
import type { Db } from './db.js';
import { timestamps } from '../store/index.js';

/** The one home of the trusted-time tables: authorities, the stamp queue and the tokens received. */

export type StampSubjectKind = 'capture' | 'key';

export interface Authority {
  url: string;
  name: string;
  /** PEM: roots the investigator added for this authority */
  roots: string;
  minIntervalMs: number;
  addedAt: string;
  removedAt: string | null;
}

export interface StampRequest {
  id: number;
  kind: StampSubjectKind;
  subject: string;
  imprint: string;
  queuedAt: string;
  attempts: number;
  lastAttemptAt: string | null;
  lastError: string | null;
  doneAt: string | null;
}

export interface TimestampRecord {
  seq: number;
  kind: StampSubjectKind;
  subject: string;
  name: string;
  authorityUrl: string;
  authorityName: string;
  tokenSha256: string;
  /** what the token stamps: subjectImprint itself, or the digest list batchSha256 */
  imprint: string;
  subjectImprint: string;
  batchSha256: string | null;
  nonce: string;
  genTime: string;
  serial: string;
  stampedAt: string;
}

/** The authorities asked, in order; with `all`, also those removed (their roots still check old tokens). */
export function listAuthorities(db: Db, o: { all?: boolean } = {}): Promise<Authority[]> {
  return timestamps.authorities(db, o);
}

export type AuthorityError = { kind: 'bad-url'; url: string; reason: string } | { kind: 'bad-root'; reason: string } | { kind: 'not-found'; url: string };

export function describeAuthorityError(e: AuthorityError): string {
  switch (e.kind) {
    case 'bad-url':
      return `Not a time-stamping authority's address: ${JSON.stringify(e.url)} (${e.reason}). Give an http:// or https:// URL, e.g. http://timestamp.digicert.com.`;
    case 'bad-root':
      return `The root certificate cannot be used: ${e.reason}. Give a PEM file holding the authority's root CA certificate.`;
    case 'not-found':
      return `No time-stamping authority ${e.url} is configured (exhibit tsa list shows them).`;
  }
}

/** Checks a TSA address: http(s) only, no credentials in it. */
export function parseAuthorityUrl(url: string): Result<string, AuthorityError> {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return err({ kind: 'bad-url', url, reason: 'not a URL' });
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return err({ kind: 'bad-url', url, reason: `${u.protocol.replace(':', '')} is not http or https` });
  if (u.username || u.password) return err({ kind: 'bad-url', url, reason: 'credentials in the address would be stored in clear' });
  return ok(u.href.replace(/\/$/, u.pathname === '/' ? '' : '/'));
}

/** The certificates of a PEM text, each checked to be a CA certificate; their DER SHA-256 in hex. */
export function parseRootPem(pem: string): Result<{ pem: string; sha256: string; subject: string }[], AuthorityError> {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) return err({ kind: 'bad-root', reason: 'no PEM certificate in it' });
  const out: { pem: string; sha256: string; subject: string }[] = [];
  for (const block of blocks) {
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(block);
    } catch (e) {
      return err({ kind: 'bad-root', reason: `a certificate does not parse (${(e as Error).message})` });
    }
    if (!cert.ca) return err({ kind: 'bad-root', reason: `${cert.subject.replace(/\n/g, ', ')} is not a CA certificate` });
    out.push({ pem: `${block}\n`, sha256: cert.fingerprint256.replace(/:/g, '').toLowerCase(), subject: cert.subject.replace(/\n/g, ', ') });
  }
  return ok(out);
}

/**
 * Adds an authority (or brings a removed one back), with roots trusted for
 * it; adding roots to one already there appends them. Logged in custody with
 * each root's fingerprint, so a root slipped into the table later is found.
 */
export async function addAuthority(db: Db, input: { url: string; name?: string; rootPem?: string }): Promise<Result<Authority, AuthorityError>> {
  const url = parseAuthorityUrl(input.url);
  if (!url.ok) return url;
  const roots = input.rootPem === undefined ? ok([]) : parseRootPem(input.rootPem);
  if (!roots.ok) return roots;
  const authority = await db.transaction(async (tx) => {
    const existing = await timestamps.authorityByUrl(tx, url.value);
    const existingRoots = existing?.roots ? parseRootPem(existing.roots) : undefined;
    const known = new Set(existingRoots?.ok ? existingRoots.value.map((r) => r.sha256) : []);
    const added = roots.value.filter((r) => !known.has(r.sha256));
    const name = input.name?.trim() || existing?.name || new URL(url.value).host;
    if (existing) {
      await timestamps.restoreAuthority(tx, url.value, name, added.map((r) => r.pem).join(''));
    } else {
      await timestamps.insertAuthority(tx, { url: url.value, name, roots: added.map((r) => r.pem).join(''), addedAt: utcNow() });
    }
    await appendCustody(tx, { action: 'tsa.added', subject: null, details: { url: url.value, name, roots: added.map((r) => ({ sha256: r.sha256, subject: r.subject })) } });
    return (await timestamps.authorityByUrl(tx, url.value))!;
  });
  return ok(authority);
}

export async function removeAuthority(db: Db, rawUrl: string): Promise<Result<Authority, AuthorityError>> {
  const url = parseAuthorityUrl(rawUrl);
  const key = url.ok ? url.value : rawUrl;
  return db.transaction(async (tx) => {
    const existing = await timestamps.activeAuthorityByUrl(tx, key);
    if (!existing) return err({ kind: 'not-found', url: rawUrl } as const);
    const at = utcNow();
    await timestamps.markAuthorityRemoved(tx, key, at);
    await appendCustody(tx, { action: 'tsa.removed', subject: null, details: { url: key } });
    return ok({ ...existing, removedAt: at });
  });
}

/** Queues a stamp inside the caller's transaction: the capture and its place in the queue commit together. */
export async function enqueueStamp(tx: Db, kind: StampSubjectKind, subject: string, imprint: string): Promise<void> {
  await timestamps.enqueue(tx, kind, subject, imprint, utcNow());
}

/** What still waits for a stamp, oldest first. */
export function pendingStamps(db: Db, limit: number): Promise<StampRequest[]> {
  return timestamps.pendingRequests(db, limit);
}

export async function countPendingStamps(db: Db): Promise<number> {
  return timestamps.countPending(db);
}

export function stampRequestOf(db: Db, kind: StampSubjectKind, subject: string): Promise<StampRequest | undefined> {
  return timestamps.requestOf(db, kind, subject);
}

/** Notes a pass that got no token for these requests, and why. */
export async function recordStampFailure(db: Db, ids: readonly number[], error: string): Promise<void> {
  if (ids.length === 0) return;
  await db.transaction(async (tx) => {
    const at = utcNow();
    for (const id of ids) await timestamps.recordAttemptFailed(tx, id, at, error);
  });
}

export interface ReceivedToken {
  authorityUrl: string;
  authorityName: string;
  tokenSha256: string;
  imprint: string;
  batchSha256: string | null;
  /** the custody log's signed head the digest list names, stamped with it */
  custodyHead?: { seq: number; hash: string } | null;
  nonce: string;
  genTime: string;
  serial: string;
}

/**
 * Records the tokens one pass received for these requests, each as the
 * subject's next timestamp-N.tsr with its custody entry, and marks the
 * requests done, in one transaction. A request another process stamped in
 * the meantime is left as it is.
 */
export async function recordTokens(db: Db, requests: readonly StampRequest[], tokens: readonly ReceivedToken[]): Promise<number> {
  return db.transaction(async (tx) => {
    let stamped = 0;
    const at = utcNow();
    for (const r of requests) {
      if (!(await timestamps.isStillPending(tx, r.id))) continue;
      let n = await timestamps.countOf(tx, r.kind, r.subject);
      for (const t of tokens) {
        const name = `timestamp-${++n}.tsr`;
        await timestamps.insertTimestamp(tx, {
          kind: r.kind,
          subject: r.subject,
          name,
          authorityUrl: t.authorityUrl,
          authorityName: t.authorityName,
          tokenSha256: t.tokenSha256,
          imprint: t.imprint,
          subjectImprint: r.imprint,
          batchSha256: t.batchSha256,
          nonce: t.nonce,
          genTime: t.genTime,
          serial: t.serial,
          stampedAt: at,
        });
        await appendCustody(tx, {
          action: r.kind === 'capture' ? 'capture.stamped' : 'key.stamped',
          subject: r.subject,
          details: {
            token: name,
            tokenSha256: t.tokenSha256,
            authority: t.authorityUrl,
            genTime: t.genTime,
            serial: t.serial,
            imprint: r.imprint,
            ...(t.batchSha256 ? { batch: { sha256: t.batchSha256, how: 'the token stamps the SHA-256 of a list of imprints, this one among them' } } : {}),
            ...(t.custodyHead ? { custodyHead: { seq: t.custodyHead.seq, hash: t.custodyHead.hash, how: "the list also names the custody log's signed head at the time, stamped with it" } } : {}),
          },
        });
      }
      await timestamps.markRequestDone(tx, r.id, at);
      stamped++;
    }
    return stamped;
  });
}

export function timestampsOf(db: Db, kind: StampSubjectKind, subject: string): Promise<TimestampRecord[]> {
  return timestamps.timestampsOf(db, kind, subject);
}

export function eachTimestamp(db: Db, onRow: (t: TimestampRecord) => void): Promise<number> {
  return timestamps.eachTimestamp(db, onRow);
}

/** A subject's stamp as the UI, the CLI and the dossier state it. */
export type StampStatus =
  | { status: 'stamped'; tokens: TimestampRecord[] }
  | { status: 'pending'; queuedAt: string; attempts: number; lastError: string | null }
  | { status: 'not-stamped' };

export async function stampStatus(db: Db, kind: StampSubjectKind, subject: string): Promise<StampStatus> {
  const tokens = await timestampsOf(db, kind, subject);
  if (tokens.length > 0) return { status: 'stamped', tokens };
  const request = await stampRequestOf(db, kind, subject);
  if (request && request.doneAt === null) return { status: 'pending', queuedAt: request.queuedAt, attempts: request.attempts, lastError: request.lastError };
  return { status: 'not-stamped' };
}

/** Each authority's URL and the roots the investigator trusts for it (removed authorities too: their tokens stay). */
export async function authorityRootMap(db: Db): Promise<Map<string, string>> {
  return new Map((await listAuthorities(db, { all: true })).map((a) => [a.url, a.roots]));
}
