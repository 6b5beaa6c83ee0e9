import { z } from 'zod';
import type { Db } from '../workspace/db.js';
import type { CustodyEntry } from '../workspace/custody.js';
import { col, parseOptionalRow, parseRow, parseRows } from './rows.js';

/** The custody log, its per-entry signatures and its signed head. */

const entryRow = z
  .object({
    seq: col.int,
    at: col.text,
    investigator: col.text,
    os_user: col.text,
    action: col.text,
    subject: col.textOrNull,
    // canonical JSON kept as text: it is hashed exactly as stored
    details: col.text,
    prev_hash: col.text,
    hash: col.text,
  })
  .transform(
    (r): CustodyEntry => ({
      seq: r.seq,
      at: r.at,
      investigator: r.investigator,
      osUser: r.os_user,
      action: r.action,
      subject: r.subject,
      details: r.details,
      prevHash: r.prev_hash,
      hash: r.hash,
    }),
  );

const hashRow = z.object({ hash: col.text });
const seqRow = z.object({ seq: col.int });

/** The hash of the log's last entry; undefined when the log is empty. */
export async function lastEntryHash(tx: Db): Promise<string | undefined> {
  return parseOptionalRow(hashRow, await tx.get('SELECT hash FROM custody_log ORDER BY seq DESC LIMIT 1'), 'custody_log')?.hash;
}

/** The highest entry number ever handed out (sqlite_sequence), whether or not the entry is still there; undefined before the first. */
export async function highestIssuedSeq(db: Db): Promise<number | undefined> {
  return parseOptionalRow(seqRow, await db.get("SELECT seq FROM sqlite_sequence WHERE name = 'custody_log'"), 'sqlite_sequence (custody_log)')?.seq;
}

export async function insertEntry(tx: Db, entry: CustodyEntry): Promise<void> {
  await tx.run(
    `INSERT INTO custody_log (seq, at, investigator, os_user, action, subject, details, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [entry.seq, entry.at, entry.investigator, entry.osUser, entry.action, entry.subject, entry.details, entry.prevHash, entry.hash],
  );
}

export async function insertEntrySignature(tx: Db, seq: number, signature: string): Promise<void> {
  await tx.run('INSERT INTO custody_signatures (seq, signature) VALUES (?, ?)', [seq, signature]);
}

/** Moves the signed head to this entry. */
export async function moveSignedHead(tx: Db, seq: number, hash: string, signature: string): Promise<void> {
  await tx.run('UPDATE custody_head SET seq = ?, hash = ?, signature = ? WHERE id = 1', [seq, hash, signature]);
}

/** The whole log, or one subject's entries, in order. */
export async function entries(db: Db, filter: { subject?: string } = {}): Promise<CustodyEntry[]> {
  const rows =
    filter.subject === undefined
      ? await db.all('SELECT * FROM custody_log ORDER BY seq')
      : await db.all('SELECT * FROM custody_log WHERE subject = ? ORDER BY seq', [filter.subject]);
  return parseRows(entryRow, rows, 'custody_log');
}

/** The entries from `seq` on, in order: what a push sends after the hub's head (and the head itself, to check it is this log's). */
export async function entriesFrom(db: Db, seq: number): Promise<CustodyEntry[]> {
  return parseRows(entryRow, await db.all('SELECT * FROM custody_log WHERE seq >= ? ORDER BY seq', [seq]), 'custody_log');
}

/** Streams the whole log in order, for verification of large workspaces. */
export function eachEntry(db: Db, onEntry: (entry: CustodyEntry) => void): Promise<number> {
  return db.each('SELECT * FROM custody_log ORDER BY seq', [], (row) => onEntry(parseRow(entryRow, row, 'custody_log')));
}

const headRow = z.object({ anchored_from: col.int, seq: col.intOrNull, hash: col.textOrNull, signature: col.textOrNull });
export interface SignedHeadRow {
  /** the first entry signing covers (1 for a workspace that signed from its start) */
  anchoredFrom: number;
  seq: number | null;
  hash: string | null;
  signature: string | null;
}

/** Whether the database has the signed-head table (a workspace opened read-only before its upgrade has not). */
export async function hasSignedHeadTable(db: Db): Promise<boolean> {
  return (await db.get("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'custody_head'")) !== undefined;
}

/** The signed head record; undefined when the row is gone. */
export async function signedHead(db: Db): Promise<SignedHeadRow | undefined> {
  const row = parseOptionalRow(headRow, await db.get('SELECT anchored_from, seq, hash, signature FROM custody_head WHERE id = 1'), 'custody_head');
  return row && { anchoredFrom: row.anchored_from, seq: row.seq, hash: row.hash, signature: row.signature };
}

/** The hash entry `seq` holds now; null when there is no such entry. */
export async function hashAt(db: Db, seq: number): Promise<string | null> {
  return parseOptionalRow(hashRow, await db.get('SELECT hash FROM custody_log WHERE seq = ?', [seq]), 'custody_log')?.hash ?? null;
}

const signedRow = z.object({ hash: col.text, signature: col.textOrNull });

/** Entry `seq`'s hash and the signature kept for it (null when none); undefined when there is no such entry. */
export async function entrySignature(db: Db, seq: number): Promise<{ hash: string; signature: string | null } | undefined> {
  return parseOptionalRow(
    signedRow,
    await db.get('SELECT l.hash, s.signature FROM custody_log l LEFT JOIN custody_signatures s ON s.seq = l.seq WHERE l.seq = ?', [seq]),
    'custody_log/custody_signatures',
  );
}

const certificateRow = z.object({ sha256: z.unknown() });

/** The certificate fingerprints the log records being made or imported (as json_extract returns them: a malformed entry gives null). */
export async function recordedCertificates(db: Db): Promise<unknown[]> {
  const rows = await db.all("SELECT json_extract(details, '$.certificateSha256') AS sha256 FROM custody_log WHERE action IN ('identity.created', 'identity.imported')");
  return parseRows(certificateRow, rows, 'custody_log (identity entries)').map((r) => r.sha256);
}

const exportRow = z.object({ seq: col.int, at: col.text });

/** The first custody entry recording a WACZ export of this file (by its SHA-256); null when none does. */
export async function waczExportEntry(db: Db, sha256: string): Promise<{ seq: number; at: string } | null> {
  const row = await db.get(
    "SELECT seq, at FROM custody_log WHERE action = 'export.made' AND json_extract(details, '$.kind') = 'wacz' AND json_extract(details, '$.sha256') = ? ORDER BY seq LIMIT 1",
    [sha256],
  );
  return parseOptionalRow(exportRow, row, 'custody_log (export entries)') ?? null;
}
