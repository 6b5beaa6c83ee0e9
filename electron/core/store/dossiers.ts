import { z } from 'zod';
import type { CustodyEntry } from '../workspace/custody.js';
import type { Db } from '../workspace/db.js';
import { col, jsonText, parseOptionalRow, parseRow, parseRows } from './rows.js';

/*
 * What dossiers read: the captures they are made of, and the custody log,
 * where each dossier made, stamped and checked is recorded.
 */

/** The record of a dossier made (export.made, kind 'dossier'), as far as it is read back. */
export interface DossierMadeDetails {
  dossierId?: string;
  file?: string;
  path?: string;
  sha256?: string;
  lang?: string;
  pages?: number | null;
  captures?: string[];
}

const dossierMade = jsonText(
  z.object({
    dossierId: z.string().optional(),
    file: z.string().optional(),
    path: z.string().optional(),
    sha256: z.string().optional(),
    lang: z.string().optional(),
    pages: z.number().nullable().optional(),
    captures: z.array(z.string()).optional(),
  }),
);

const madeOf = z.object({ at: col.text, details: dossierMade });

/** The dossiers made of a subject (a case or seller id), newest first. */
export async function dossiersMadeOf(db: Db, subject: string): Promise<{ at: string; details: DossierMadeDetails }[]> {
  return parseRows(
    madeOf,
    await db.all("SELECT at, details FROM custody_log WHERE subject = ? AND action = 'export.made' AND json_extract(details, '$.kind') = 'dossier' ORDER BY seq DESC", [subject]),
    'custody_log (dossiers made)',
  );
}

export interface DossierMadeEntry {
  seq: number;
  at: string;
  investigator: string;
  osUser: string;
  subject: string | null;
  details: DossierMadeDetails;
}

const madeEntry = z.object({ seq: col.int, at: col.text, investigator: col.text, osUser: col.text, subject: col.textOrNull, details: dossierMade }) satisfies z.ZodType<DossierMadeEntry, unknown>;

/** Every dossier this workspace made, newest first. */
export async function dossiersMade(db: Db): Promise<DossierMadeEntry[]> {
  return parseRows(
    madeEntry,
    await db.all("SELECT seq, at, investigator, os_user AS osUser, subject, details FROM custody_log WHERE action = 'export.made' AND json_extract(details, '$.kind') = 'dossier' ORDER BY seq DESC"),
    'custody_log (dossiers made)',
  );
}

const stamped = z.object({ details: jsonText(z.object({ dossierId: z.string().optional(), sha256: z.string().optional() })) });

/** Each time `exhibit stamp` added a document time-stamp to a dossier, oldest first: the dossier and the stamped file's SHA-256. */
export async function dossiersStamped(db: Db): Promise<{ dossierId?: string; sha256?: string }[]> {
  return parseRows(stamped, await db.all("SELECT details FROM custody_log WHERE action = 'export.made' AND json_extract(details, '$.kind') = 'dossier-stamped' ORDER BY seq"), 'custody_log (dossiers stamped)').map(
    (r) => r.details,
  );
}

export interface DossierCheckEntry {
  seq: number;
  at: string;
  details: { dossierId?: string; ok?: boolean; missing?: boolean; problems?: number };
}

const checkEntry = z.object({
  seq: col.int,
  at: col.text,
  details: jsonText(z.object({ dossierId: z.string().optional(), ok: z.boolean().optional(), missing: z.boolean().optional(), problems: z.number().optional() })),
}) satisfies z.ZodType<DossierCheckEntry, unknown>;

/** Every check of a dossier against its PDF (dossier.verified), oldest first. */
export async function dossierChecks(db: Db): Promise<DossierCheckEntry[]> {
  return parseRows(checkEntry, await db.all("SELECT seq, at, details FROM custody_log WHERE action = 'dossier.verified' ORDER BY seq"), 'custody_log (dossier checks)');
}

const recordRow = z.object({ seq: col.int, at: col.text, details: dossierMade });

/** The custody entry that records making this dossier (the first, should there be two). */
export async function dossierMadeRecord(db: Db, dossierId: string): Promise<{ seq: number; at: string; details: DossierMadeDetails } | undefined> {
  return parseOptionalRow(
    recordRow,
    await db.get(
      "SELECT seq, at, details FROM custody_log WHERE action = 'export.made' AND json_extract(details, '$.kind') = 'dossier' AND json_extract(details, '$.dossierId') = ? ORDER BY seq LIMIT 1",
      [dossierId],
    ),
    'custody_log (dossier made)',
  );
}

const sha = z.object({ sha256: col.textOrNull });

/** The SHA-256s `exhibit stamp` recorded for this dossier after adding its document time-stamp. */
export async function stampedShas(db: Db, dossierId: string): Promise<string[]> {
  const rows = parseRows(
    sha,
    await db.all(
      "SELECT json_extract(details, '$.sha256') AS sha256 FROM custody_log WHERE action = 'export.made' AND json_extract(details, '$.kind') = 'dossier-stamped' AND json_extract(details, '$.dossierId') = ?",
      [dossierId],
    ),
    'custody_log (dossiers stamped)',
  );
  return rows.flatMap((r) => (r.sha256 === null ? [] : [r.sha256]));
}

/** The SHA-256s of the certificates this workspace has signed PDFs with: made at init or first use, or imported. */
export async function identityCertificateShas(db: Db): Promise<string[]> {
  const rows = parseRows(
    sha,
    await db.all("SELECT json_extract(details, '$.certificateSha256') AS sha256 FROM custody_log WHERE action IN ('identity.created', 'identity.imported')"),
    'custody_log (identities)',
  );
  return rows.flatMap((r) => (r.sha256 === null ? [] : [r.sha256]));
}

function marks(ids: readonly string[]): string {
  return ids.map(() => '?').join(',');
}

/** Case names by id. */
export async function caseNames(db: Db, ids: readonly string[]): Promise<{ id: string; name: string }[]> {
  if (ids.length === 0) return [];
  return parseRows(z.object({ id: col.text, name: col.text }), await db.all(`SELECT id, name FROM cases WHERE id IN (${marks(ids)})`, ids), 'cases');
}

const sellerName = z.object({ id: col.text, marketplace: col.text, sellerKey: col.text, displayName: col.textOrNull });

/** Sellers' marketplace, id and display name, by Exhibit's id. */
export async function sellerNames(db: Db, ids: readonly string[]): Promise<{ id: string; marketplace: string; sellerKey: string; displayName: string | null }[]> {
  if (ids.length === 0) return [];
  return parseRows(sellerName, await db.all(`SELECT id, marketplace, seller_key AS sellerKey, display_name AS displayName FROM sellers WHERE id IN (${marks(ids)})`, ids), 'sellers');
}

const label = z.object({ id: col.text, label: col.text });

/** How a reader knows each id that is a seller, listing or case: ebay:1234, amazon.de:B0…, “the case's name”. */
export async function labelsOf(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const labels = new Map<string, string>();
  // In slices: SQLite caps the parameters of one statement.
  for (let i = 0; i < ids.length; i += 500) {
    const part = ids.slice(i, i + 500);
    const m = marks(part);
    const rows = await db.all(
      `SELECT id, marketplace || ':' || seller_key AS label FROM sellers WHERE id IN (${m})
       UNION ALL SELECT id, marketplace || ':' || listing_key FROM listings WHERE id IN (${m})
       UNION ALL SELECT id, '“' || name || '”' FROM cases WHERE id IN (${m})`,
      [...part, ...part, ...part],
    );
    for (const r of parseRows(label, rows, 'labels (sellers, listings, cases)')) labels.set(r.id, r.label);
  }
  return labels;
}

const idRow = z.object({ id: col.text });

/** These captures, oldest first (ids that are no capture are left out). */
export async function capturesInOrder(db: Db, ids: readonly string[]): Promise<string[]> {
  return parseRows(idRow, await db.all(`SELECT id FROM captures WHERE id IN (${ids.map(() => '?').join(', ')}) ORDER BY started_at, id`, ids), 'captures').map((r) => r.id);
}

/** The captures filed under a seller or one merged into it, oldest first. */
export async function capturesOfSellerGroup(db: Db, sellerId: string): Promise<string[]> {
  return parseRows(idRow, await db.all('SELECT id FROM captures WHERE seller_id IN (SELECT id FROM sellers WHERE id = ? OR merged_into = ?) ORDER BY started_at, id', [sellerId, sellerId]), 'captures').map((r) => r.id);
}

export interface ExhibitCapture {
  manifestSha256: string;
  signature: string;
  listingId: string | null;
  sellerId: string | null;
}

const exhibitCapture = z.object({ manifestSha256: col.text, signature: col.text, listingId: col.textOrNull, sellerId: col.textOrNull }) satisfies z.ZodType<ExhibitCapture>;

/** What a dossier reads of a capture's row: its signed manifest and where it is filed. */
export async function exhibitCaptureRow(db: Db, captureId: string): Promise<ExhibitCapture | undefined> {
  return parseOptionalRow(
    exhibitCapture,
    await db.get('SELECT manifest_sha256 AS manifestSha256, signature, listing_id AS listingId, seller_id AS sellerId FROM captures WHERE id = ?', [captureId]),
    'captures',
  );
}

const exhibitListing = z.object({ id: col.text, marketplace: col.text, listingKey: col.text, title: col.textOrNull });

export async function exhibitListingRow(db: Db, listingId: string): Promise<{ id: string; marketplace: string; listingKey: string; title: string | null } | undefined> {
  return parseOptionalRow(exhibitListing, await db.get('SELECT id, marketplace, listing_key AS listingKey, title FROM listings WHERE id = ?', [listingId]), 'listings');
}

const exhibitSeller = z.object({ id: col.text, marketplace: col.text, sellerKey: col.text, displayName: col.textOrNull, mergedInto: col.textOrNull });

export async function exhibitSellerRow(db: Db, sellerId: string): Promise<{ id: string; marketplace: string; sellerKey: string; displayName: string | null; mergedInto: string | null } | undefined> {
  return parseOptionalRow(
    exhibitSeller,
    await db.get('SELECT id, marketplace, seller_key AS sellerKey, display_name AS displayName, merged_into AS mergedInto FROM sellers WHERE id = ?', [sellerId]),
    'sellers',
  );
}

/** A custody entry as the dossier prints it: details kept as the canonical JSON text that was hashed. */
const custodyEntry = z
  .object({ seq: col.int, at: col.text, investigator: col.text, os_user: col.text, action: col.text, subject: col.textOrNull, details: col.text, prev_hash: col.text, hash: col.text })
  .transform(
    (r): CustodyEntry => ({ seq: r.seq, at: r.at, investigator: r.investigator, osUser: r.os_user, action: r.action, subject: r.subject, details: r.details, prevHash: r.prev_hash, hash: r.hash }),
  );

const head = z.object({ seq: col.int, hash: col.text });

/** The custody log's last entry. */
export async function custodyHead(db: Db): Promise<{ seq: number; hash: string } | undefined> {
  return parseOptionalRow(head, await db.get('SELECT seq, hash FROM custody_log ORDER BY seq DESC LIMIT 1'), 'custody_log');
}

/** How many custody entries there are up to `seq`. */
export async function custodyCount(db: Db, upTo: number): Promise<number> {
  return parseRow(z.object({ n: col.int }), await db.get('SELECT COUNT(*) AS n FROM custody_log WHERE seq <= ?', [upTo]), 'custody_log').n;
}

/** Every custody entry up to `seq`, in order. */
export async function custodyUpTo(db: Db, upTo: number): Promise<CustodyEntry[]> {
  return parseRows(custodyEntry, await db.all('SELECT * FROM custody_log WHERE seq <= ? ORDER BY seq', [upTo]), 'custody_log');
}

/** The custody entries up to `seq` about these subjects, and every workspace-level entry (no subject), in order. */
export async function custodyAboutUpTo(db: Db, upTo: number, subjects: Iterable<string>): Promise<CustodyEntry[]> {
  return parseRows(
    custodyEntry,
    await db.all('SELECT * FROM custody_log WHERE seq <= ? AND (subject IS NULL OR subject IN (SELECT value FROM json_each(?))) ORDER BY seq', [upTo, JSON.stringify([...subjects])]),
    'custody_log',
  );
}
