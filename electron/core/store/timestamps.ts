import { z } from 'zod';
import type { Db } from '../workspace/db.js';
import type { Authority, StampRequest, StampSubjectKind, TimestampRecord } from '../workspace/timestamps.js';
import { col, parseOptionalRow, parseRow, parseRows } from './rows.js';

/** The trusted-time tables: authorities, the stamp queue and the tokens received. */

const kind = z.enum(['capture', 'key']);

const AUTHORITY_COLUMNS = 'url, name, roots, min_interval_ms AS minIntervalMs, added_at AS addedAt, removed_at AS removedAt';
const authorityRow = z.object({ url: col.text, name: col.text, roots: col.text, minIntervalMs: col.int, addedAt: col.text, removedAt: col.textOrNull }) satisfies z.ZodType<Authority>;

const REQUEST_COLUMNS = `id, subject_kind AS kind, subject, imprint, queued_at AS queuedAt, attempts, last_attempt_at AS lastAttemptAt,
  last_error AS lastError, done_at AS doneAt`;
const requestRow = z.object({
  id: col.int,
  kind,
  subject: col.text,
  imprint: col.text,
  queuedAt: col.text,
  attempts: col.int,
  lastAttemptAt: col.textOrNull,
  lastError: col.textOrNull,
  doneAt: col.textOrNull,
}) satisfies z.ZodType<StampRequest>;

const TIMESTAMP_COLUMNS = `seq, subject_kind AS kind, subject, name, authority_url AS authorityUrl, authority_name AS authorityName,
  token_sha256 AS tokenSha256, imprint, subject_imprint AS subjectImprint, batch_sha256 AS batchSha256, nonce, gen_time AS genTime,
  serial, stamped_at AS stampedAt`;
const timestampRow = z.object({
  seq: col.int,
  kind,
  subject: col.text,
  name: col.text,
  authorityUrl: col.text,
  authorityName: col.text,
  tokenSha256: col.text,
  imprint: col.text,
  subjectImprint: col.text,
  batchSha256: col.textOrNull,
  nonce: col.text,
  genTime: col.text,
  serial: col.text,
  stampedAt: col.text,
}) satisfies z.ZodType<TimestampRecord>;

const countRow = z.object({ n: col.int });

/** The authorities asked, in order; with `all`, also those removed. */
export async function authorities(db: Db, o: { all?: boolean } = {}): Promise<Authority[]> {
  return parseRows(authorityRow, await db.all(`SELECT ${AUTHORITY_COLUMNS} FROM time_authorities ${o.all ? '' : 'WHERE removed_at IS NULL'} ORDER BY position, url`), 'time_authorities');
}

/** The authority at this address, removed or not. */
export async function authorityByUrl(db: Db, url: string): Promise<Authority | undefined> {
  return parseOptionalRow(authorityRow, await db.get(`SELECT ${AUTHORITY_COLUMNS} FROM time_authorities WHERE url = ?`, [url]), 'time_authorities');
}

/** The authority at this address, unless it was removed. */
export async function activeAuthorityByUrl(db: Db, url: string): Promise<Authority | undefined> {
  return parseOptionalRow(authorityRow, await db.get(`SELECT ${AUTHORITY_COLUMNS} FROM time_authorities WHERE url = ? AND removed_at IS NULL`, [url]), 'time_authorities');
}

/** Brings an authority back (if removed), renames it and appends roots (PEM) to those it has. */
export async function restoreAuthority(tx: Db, url: string, name: string, addedRootsPem: string): Promise<void> {
  await tx.run('UPDATE time_authorities SET roots = roots || ?, removed_at = NULL, name = ? WHERE url = ?', [addedRootsPem, name, url]);
}

/** Adds an authority after the last one. */
export async function insertAuthority(tx: Db, a: { url: string; name: string; roots: string; addedAt: string }): Promise<void> {
  const position = parseOptionalRow(z.object({ p: col.intOrNull }), await tx.get('SELECT MAX(position) AS p FROM time_authorities'), 'time_authorities')?.p ?? 0;
  await tx.run('INSERT INTO time_authorities (url, name, roots, added_at, position) VALUES (?, ?, ?, ?, ?)', [a.url, a.name, a.roots, a.addedAt, position + 1]);
}

export async function markAuthorityRemoved(tx: Db, url: string, at: string): Promise<void> {
  await tx.run('UPDATE time_authorities SET removed_at = ? WHERE url = ?', [at, url]);
}

/** Queues a stamp; a subject already queued (or stamped) is left as it is. */
export async function enqueue(tx: Db, kind: StampSubjectKind, subject: string, imprint: string, queuedAt: string): Promise<void> {
  await tx.run('INSERT OR IGNORE INTO stamp_requests (subject_kind, subject, imprint, queued_at) VALUES (?, ?, ?, ?)', [kind, subject, imprint, queuedAt]);
}

/** What still waits for a stamp, oldest first. */
export async function pendingRequests(db: Db, limit: number): Promise<StampRequest[]> {
  return parseRows(requestRow, await db.all(`SELECT ${REQUEST_COLUMNS} FROM stamp_requests WHERE done_at IS NULL ORDER BY id LIMIT ?`, [limit]), 'stamp_requests');
}

export async function countPending(db: Db): Promise<number> {
  return parseOptionalRow(countRow, await db.get('SELECT COUNT(*) AS n FROM stamp_requests WHERE done_at IS NULL'), 'stamp_requests')?.n ?? 0;
}

export async function requestOf(db: Db, kind: StampSubjectKind, subject: string): Promise<StampRequest | undefined> {
  return parseOptionalRow(requestRow, await db.get(`SELECT ${REQUEST_COLUMNS} FROM stamp_requests WHERE subject_kind = ? AND subject = ?`, [kind, subject]), 'stamp_requests');
}

/** Notes a failed attempt on a request not yet done. */
export async function recordAttemptFailed(tx: Db, id: number, at: string, error: string): Promise<void> {
  await tx.run('UPDATE stamp_requests SET attempts = attempts + 1, last_attempt_at = ?, last_error = ? WHERE id = ? AND done_at IS NULL', [at, error, id]);
}

/** Whether the request still waits (another process may have stamped it meanwhile). */
export async function isStillPending(tx: Db, id: number): Promise<boolean> {
  return (await tx.get('SELECT id FROM stamp_requests WHERE id = ? AND done_at IS NULL', [id])) !== undefined;
}

export async function markRequestDone(tx: Db, id: number, at: string): Promise<void> {
  await tx.run('UPDATE stamp_requests SET done_at = ?, attempts = attempts + 1, last_attempt_at = ?, last_error = NULL WHERE id = ?', [at, at, id]);
}

/** How many tokens a subject has: the next one is timestamp-(n+1).tsr. */
export async function countOf(tx: Db, kind: StampSubjectKind, subject: string): Promise<number> {
  return parseOptionalRow(countRow, await tx.get('SELECT COUNT(*) AS n FROM timestamps WHERE subject_kind = ? AND subject = ?', [kind, subject]), 'timestamps')?.n ?? 0;
}

export async function insertTimestamp(tx: Db, t: Omit<TimestampRecord, 'seq'>): Promise<void> {
  await tx.run(
    `INSERT INTO timestamps (subject_kind, subject, name, authority_url, authority_name, token_sha256, imprint, subject_imprint, batch_sha256, nonce, gen_time, serial, stamped_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [t.kind, t.subject, t.name, t.authorityUrl, t.authorityName, t.tokenSha256, t.imprint, t.subjectImprint, t.batchSha256, t.nonce, t.genTime, t.serial, t.stampedAt],
  );
}

/** A subject's tokens, in the order received. */
export async function timestampsOf(db: Db, kind: StampSubjectKind, subject: string): Promise<TimestampRecord[]> {
  return parseRows(timestampRow, await db.all(`SELECT ${TIMESTAMP_COLUMNS} FROM timestamps WHERE subject_kind = ? AND subject = ? ORDER BY seq`, [kind, subject]), 'timestamps');
}

/** Streams every token, in the order received. */
export function eachTimestamp(db: Db, onRow: (t: TimestampRecord) => void): Promise<number> {
  return db.each(`SELECT ${TIMESTAMP_COLUMNS} FROM timestamps ORDER BY seq`, [], (row) => onRow(parseRow(timestampRow, row, 'timestamps')));
}

const hashRow = z.object({ h: col.text });

/** Every token's and digest list's object hash: the objects the time-stamp checks read. */
export async function tokenObjectHashes(db: Db): Promise<string[]> {
  const rows = await db.all('SELECT token_sha256 AS h FROM timestamps UNION SELECT batch_sha256 FROM timestamps WHERE batch_sha256 IS NOT NULL');
  return parseRows(hashRow, rows, 'timestamps').map((r) => r.h);
}

const holderRow = z.object({ subject_kind: col.text, subject: col.text, name: col.text });

/** The tokens stored as this object (their own file or their digest list), in the order received. */
export async function tokensStoredAs(db: Db, sha256: string): Promise<{ subject_kind: string; subject: string; name: string }[]> {
  return parseRows(holderRow, await db.all('SELECT subject_kind, subject, name FROM timestamps WHERE token_sha256 = ? OR batch_sha256 = ? ORDER BY seq', [sha256, sha256]), 'timestamps');
}
