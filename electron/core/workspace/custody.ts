import { userInfo } from 'node:os';
import { canonicalJson, type JsonValue } from '../util/canonical-json.js';
import { sha256Hex } from '../util/hash.js';
import { utcNow } from '../util/time.js';
import { writeCustodyAnchor } from './custody-anchor.js';
import type { Db } from './db.js';
import { custody, settings } from '../store/index.js';

/** The events the custody log knows. */
export type CustodyAction =
  | 'workspace.created'
  | 'settings.changed'
  | 'case.created'
  | 'case.member-added'
  | 'case.member-removed'
  | 'seller.created'
  | 'seller.renamed'
  | 'seller.status-changed'
  | 'seller.tagged'
  | 'seller.untagged'
  | 'seller.merged'
  | 'seller.unmerged'
  | 'listing.created'
  | 'capture.stored'
  | 'capture.filed'
  | 'artifact.added'
  | 'field.corrected'
  | 'note.edited'
  | 'export.made'
  | 'verification.run'
  | 'watch.added'
  | 'watch.changed'
  | 'recapture.classified'
  | 'listing.reported'
  | 'tsa.added'
  | 'tsa.removed'
  | 'capture.stamped'
  | 'key.stamped'
  | 'identity.created'
  | 'identity.imported'
  | 'brand.created'
  | 'brand.imported'
  | 'brand.seller-authorised'
  | 'monitor.added'
  | 'monitor.removed'
  | 'monitor.ran'
  | 'monitor.listings'
  | 'triage.decided'
  | 'score.weights-set'
  | 'listing.offer-filed'
  | 'dossier.verified'
  | 'seller.link-confirmed'
  | 'seller.link-rejected'
  | 'hub.pushed';

export interface CustodyEvent {
  action: CustodyAction;
  /** the id of what the event is about (a capture, a case…), or null for the workspace */
  subject: string | null;
  details: { [key: string]: JsonValue };
}

export interface CustodyEntry {
  seq: number;
  at: string;
  investigator: string;
  osUser: string;
  action: string;
  subject: string | null;
  /** canonical JSON, hashed as stored */
  details: string;
  prevHash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

interface CustodyRow {
  seq: number;
  at: string;
  investigator: string;
  os_user: string;
  action: string;
  subject: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

/**
 * What an entry's hash covers. Published in the dossier's verification
 * section: SHA-256 of the canonical JSON of exactly these fields,
 *   {action, actor: {investigator, osUser}, at, details, prevHash, seq, subject}.
 * Written out here in that key order rather than through canonicalJson:
 * verification hashes every entry of the log, and the general serialiser
 * costs several times more. A test holds the two equal.
 */
export function custodyEntryHash(entry: Omit<CustodyEntry, 'hash'>): string {
  if (!Number.isSafeInteger(entry.seq)) throw new TypeError(`custody entry: seq ${entry.seq} is not an integer`);
  const s = JSON.stringify;
  return sha256Hex(
    `{"action":${s(entry.action)},"actor":{"investigator":${s(entry.investigator)},"osUser":${s(entry.osUser)}},"at":${s(entry.at)},"details":${s(entry.details)},"prevHash":${s(entry.prevHash)},"seq":${entry.seq},"subject":${s(entry.subject)}}`,
  );
}

export function osUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}

/** What signs the log's entries and head: the workspace key, or nothing on a connection opened without it. */
export interface CustodySigner {
  sign(data: Uint8Array): string;
}

const signers = new WeakMap<Db, CustodySigner>();
/** Connections whose transaction under way appended an entry: their head is copied out after it commits. */
const appended = new WeakSet<Db>();

/**
 * Entries appended on this connection are signed with this key (see
 * migration 006), and after each transaction that appended one, the signed
 * head is copied to `anchorFile` outside the database.
 */
export function signCustodyWith(db: Db, signer: CustodySigner, anchorFile: string): void {
  signers.set(db, signer);
  db.onCommit(async () => {
    if (!appended.has(db)) return;
    appended.delete(db);
    await writeCustodyAnchor(db, anchorFile);
  });
}

/**
 * The bytes the workspace key signs for an entry and for the head. Two
 * different texts, so that an entry's signature cannot stand in for a head
 * when the log's end is cut off.
 */
export function custodySigningText(what: 'entry' | 'head', seq: number, hash: string): Buffer {
  return Buffer.from(`exhibit.custody-${what}\n${seq}\n${hash}\n`, 'utf8');
}

/**
 * Appends inside the caller's transaction, so the event commits or rolls back
 * with the change it records. The next number comes from sqlite_sequence, the
 * highest number ever handed out, so an entry deleted from the tail leaves a
 * gap that verification finds rather than a number reused.
 */
export async function appendCustody(tx: Db, event: CustodyEvent): Promise<CustodyEntry> {
  const lastHash = await custody.lastEntryHash(tx);
  const issued = await custody.highestIssuedSeq(tx);
  const investigator = await settings.investigatorName(tx);
  const base = {
    seq: (issued ?? 0) + 1,
    at: utcNow(),
    investigator,
    osUser: osUserName(),
    action: event.action,
    subject: event.subject,
    details: canonicalJson(event.details),
    prevHash: lastHash ?? GENESIS_HASH,
  };
  const entry: CustodyEntry = { ...base, hash: custodyEntryHash(base) };
  await custody.insertEntry(tx, entry);
  const signer = signers.get(tx);
  if (signer) {
    await custody.insertEntrySignature(tx, entry.seq, signer.sign(custodySigningText('entry', entry.seq, entry.hash)));
    await custody.moveSignedHead(tx, entry.seq, entry.hash, signer.sign(custodySigningText('head', entry.seq, entry.hash)));
    appended.add(tx);
  }
  return entry;
}

export function entryFromRow(row: CustodyRow): CustodyEntry {
  return {
    seq: row.seq,
    at: row.at,
    investigator: row.investigator,
    osUser: row.os_user,
    action: row.action,
    subject: row.subject,
    details: row.details,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

export async function readCustodyLog(db: Db, filter: { subject?: string } = {}): Promise<CustodyEntry[]> {
  return custody.entries(db, filter);
}

/** Streams the whole log in order, for verification of large workspaces. */
export function eachCustodyEntry(db: Db, onEntry: (entry: CustodyEntry) => void): Promise<number> {
  return custody.eachEntry(db, onEntry);
}
