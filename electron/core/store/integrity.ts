import { z } from 'zod';
import type { Db } from '../workspace/db.js';
import type { ExtractionRow, FieldRow } from '../workspace/verify/extraction-checks.js';
import { col, listingCols, parseOptionalRow, parseRow, parseRows } from './rows.js';

/**
 * What keeps the database whole, and the reads `exhibit verify` makes across
 * tables to compare rows with the custody log and the signed manifests.
 * Verification streams most tables: each row is parsed with a small schema
 * (a row of the wrong shape is reported with its table, never compared as
 * if it were sound), and the column names stay those of the table where the
 * checks quote them.
 */

/** Every connection the workspace opens for writing: WAL, and FULL so a committed capture survives power loss, not only a crashed process. */
export async function configureConnection(db: Db): Promise<void> {
  await db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;');
}

/** Streams a query's rows, each parsed. */
function eachParsed<S extends z.ZodTypeAny>(db: Db, sql: string, schema: S, what: string, onRow: (row: z.output<S>) => void): Promise<number> {
  return db.each(sql, [], (row) => onRow(parseRow(schema, row, what)));
}

// --- SQLite's own checks

/** SQLite's integrity check: its lines, 'ok' alone when the file is sound. */
export async function integrityCheck(db: Db): Promise<string[]> {
  return parseRows(z.object({ integrity_check: col.text }), await db.all('PRAGMA integrity_check'), 'PRAGMA integrity_check').map((r) => r.integrity_check);
}

const fkRow = z.object({ table: col.text, rowid: z.number().nullable(), parent: col.text });

/** Rows that refer to a row that does not exist. */
export async function foreignKeyViolations(db: Db): Promise<z.infer<typeof fkRow>[]> {
  return parseRows(fkRow, await db.all('PRAGMA foreign_key_check'), 'PRAGMA foreign_key_check');
}

/** The names of the triggers in the schema. */
export async function triggerNames(db: Db): Promise<string[]> {
  return parseRows(z.object({ name: col.text }), await db.all("SELECT name FROM sqlite_master WHERE type = 'trigger'"), 'sqlite_master').map((r) => r.name);
}

// --- captures against their signed manifests

const captureRow = z.object({
  id: col.text,
  requested_url: col.text,
  final_url: col.textOrNull,
  http_status: col.intOrNull,
  started_at: col.text,
  finished_at: col.text,
  outcome: col.text,
  manifest_sha256: col.text,
  signature: col.text,
});
export type VerifiedCaptureRow = z.infer<typeof captureRow>;

const artifactRow = z.object({ capture_id: col.text, name: col.text, kind: col.text, sha256: col.text, bytes: col.int, media_type: col.text });
export type VerifiedArtifactRow = z.infer<typeof artifactRow>;

const fieldRow = z.object({ captureId: col.text, field: col.text, value: col.text, sourceKind: col.text, sourceDetail: col.text }) satisfies z.ZodType<FieldRow>;
const extractionRow = z.object({
  captureId: col.text,
  extractor: col.text,
  version: col.text,
  marketplace: col.text,
  pageKind: col.text,
  blocked: col.textOrNull,
}) satisfies z.ZodType<ExtractionRow>;

export async function countCaptures(db: Db): Promise<number> {
  return parseOptionalRow(z.object({ n: col.int }), await db.get('SELECT COUNT(*) AS n FROM captures'), 'captures')?.n ?? 0;
}

/** The next page of capture rows by id, after `after` ('' for the first). */
export async function capturesAfter(db: Db, after: string, limit: number): Promise<VerifiedCaptureRow[]> {
  return parseRows(captureRow, await db.all('SELECT * FROM captures WHERE id > ? ORDER BY id LIMIT ?', [after, limit]), 'captures');
}

/** The artifact rows of the captures whose ids lie in [first, last], by capture then name. */
export async function artifactsOfCaptures(db: Db, first: string, last: string): Promise<VerifiedArtifactRow[]> {
  return parseRows(artifactRow, await db.all('SELECT * FROM artifacts WHERE capture_id >= ? AND capture_id <= ? ORDER BY capture_id, name', [first, last]), 'artifacts');
}

/** The extracted fields of the captures whose ids lie in [first, last], by capture then field. */
export async function fieldsOfCaptures(db: Db, first: string, last: string): Promise<FieldRow[]> {
  const rows = await db.all(
    'SELECT capture_id AS captureId, field, value, source_kind AS sourceKind, source_detail AS sourceDetail FROM capture_fields WHERE capture_id >= ? AND capture_id <= ? ORDER BY capture_id, field',
    [first, last],
  );
  return parseRows(fieldRow, rows, 'capture_fields');
}

/** What extracted each capture whose id lies in [first, last]. */
export async function extractionsOfCaptures(db: Db, first: string, last: string): Promise<ExtractionRow[]> {
  const rows = await db.all(
    'SELECT capture_id AS captureId, extractor, version, marketplace, page_kind AS pageKind, blocked FROM capture_extraction WHERE capture_id >= ? AND capture_id <= ?',
    [first, last],
  );
  return parseRows(extractionRow, rows, 'capture_extraction');
}

/** Extracted fields whose capture row is missing. */
export async function fieldsWithoutCapture(db: Db): Promise<{ captureId: string; field: string }[]> {
  const rows = await db.all('SELECT capture_id AS captureId, field FROM capture_fields WHERE capture_id NOT IN (SELECT id FROM captures)');
  return parseRows(z.object({ captureId: col.text, field: col.text }), rows, 'capture_fields');
}

/** Artifact rows whose capture row is missing. */
export async function artifactsWithoutCapture(db: Db): Promise<{ capture_id: string; name: string }[]> {
  const rows = await db.all('SELECT capture_id, name FROM artifacts WHERE capture_id NOT IN (SELECT id FROM captures)');
  return parseRows(z.object({ capture_id: col.text, name: col.text }), rows, 'artifacts');
}

const hashRow = z.object({ h: col.text });

/** Every capture's manifest object. */
export async function manifestHashes(db: Db): Promise<string[]> {
  return parseRows(hashRow, await db.all('SELECT manifest_sha256 AS h FROM captures'), 'captures').map((r) => r.h);
}

/** The manifests of the captures that have a time-stamp. */
export async function stampedCaptureManifests(db: Db): Promise<{ id: string; manifest_sha256: string }[]> {
  const rows = await db.all("SELECT id, manifest_sha256 FROM captures WHERE id IN (SELECT subject FROM timestamps WHERE subject_kind = 'capture')");
  return parseRows(z.object({ id: col.text, manifest_sha256: col.text }), rows, 'captures');
}

/** The brand catalogue's official images, kept in the object store too. */
export async function brandImageHashes(db: Db): Promise<string[]> {
  return parseRows(z.object({ sha256: col.text }), await db.all('SELECT sha256 FROM brand_images'), 'brand_images').map((r) => r.sha256);
}

/** The artifacts stored as this object, by capture then name. */
export async function artifactsStoredAs(db: Db, sha256: string): Promise<{ capture_id: string; name: string }[]> {
  const rows = await db.all('SELECT capture_id, name FROM artifacts WHERE sha256 = ? ORDER BY capture_id, name', [sha256]);
  return parseRows(z.object({ capture_id: col.text, name: col.text }), rows, 'artifacts');
}

/** The captures whose manifest is this object. */
export async function capturesWithManifest(db: Db, sha256: string): Promise<string[]> {
  return parseRows(z.object({ id: col.text }), await db.all('SELECT id FROM captures WHERE manifest_sha256 = ? ORDER BY id', [sha256]), 'captures').map((r) => r.id);
}

// --- rows the investigator's acts change, against the custody log

const filingRow = z.object({ id: col.text, listingId: col.textOrNull, sellerId: col.textOrNull, caseId: col.textOrNull });
export function eachCaptureFiling(db: Db, onRow: (row: z.infer<typeof filingRow>) => void): Promise<number> {
  return eachParsed(db, 'SELECT id, listing_id AS listingId, seller_id AS sellerId, case_id AS caseId FROM captures', filingRow, 'captures', onRow);
}

const correctionRow = z.object({ seq: col.int, captureId: col.text, field: col.text, value: col.text });
export function eachCorrection(db: Db, onRow: (row: z.infer<typeof correctionRow>) => void): Promise<number> {
  return eachParsed(db, 'SELECT seq, capture_id AS captureId, field, value FROM field_corrections ORDER BY seq', correctionRow, 'field_corrections', onRow);
}

const noteRow = z.object({ seq: col.int, captureId: col.text, text: col.text });
export function eachNote(db: Db, onRow: (row: z.infer<typeof noteRow>) => void): Promise<number> {
  return eachParsed(db, 'SELECT seq, capture_id AS captureId, text FROM capture_notes ORDER BY seq', noteRow, 'capture_notes', onRow);
}

const recaptureRow = z.object({ captureId: col.text, classification: col.text, kind: col.text, listingId: col.textOrNull, sellerId: col.textOrNull });
export function eachRecapture(db: Db, onRow: (row: z.infer<typeof recaptureRow>) => void): Promise<number> {
  return eachParsed(db, 'SELECT capture_id AS captureId, classification, kind, listing_id AS listingId, seller_id AS sellerId FROM recaptures', recaptureRow, 'recaptures', onRow);
}

const reportRow = z.object({ id: col.text, listingId: col.text, platform: col.text, programme: col.text, reportRef: col.text, reportedOn: col.text });
export function eachTakedownReport(db: Db, onRow: (row: z.infer<typeof reportRow>) => void): Promise<number> {
  return eachParsed(
    db,
    'SELECT id, listing_id AS listingId, platform, programme, report_ref AS reportRef, reported_on AS reportedOn FROM takedown_reports',
    reportRow,
    'takedown_reports',
    onRow,
  );
}

const sellerRow = z.object({ id: col.text, marketplace: col.text, sellerKey: col.text, displayName: col.textOrNull, status: col.text, notes: col.text, mergedInto: col.textOrNull });
export function eachSeller(db: Db, onRow: (row: z.infer<typeof sellerRow>) => void): Promise<number> {
  return eachParsed(
    db,
    'SELECT id, marketplace, seller_key AS sellerKey, display_name AS displayName, status, notes, merged_into AS mergedInto FROM sellers',
    sellerRow,
    'sellers',
    onRow,
  );
}

const statusRow = z.object({ rowid: col.int, sellerId: col.text, at: col.text, status: col.text, note: col.text });
export function eachStatusChange(db: Db, onRow: (row: z.infer<typeof statusRow>) => void): Promise<number> {
  return eachParsed(db, 'SELECT rowid, seller_id AS sellerId, at, status, note FROM seller_status_history ORDER BY seller_id, rowid', statusRow, 'seller_status_history', onRow);
}

const tagRow = z.object({ sellerId: col.text, tag: col.text });
export function eachSellerTag(db: Db, onRow: (row: z.infer<typeof tagRow>) => void): Promise<number> {
  return eachParsed(db, 'SELECT seller_id AS sellerId, tag FROM seller_tags', tagRow, 'seller_tags', onRow);
}

// members: the JSON array as stored, compared as text with what the custody log recorded.
const mergeRow = z.object({ id: col.text, absorbed: col.text, intoId: col.text, members: col.text, undoneAt: col.textOrNull });
export function eachMerge(db: Db, onRow: (row: z.infer<typeof mergeRow>) => void): Promise<number> {
  return eachParsed(db, 'SELECT id, absorbed, into_id AS intoId, members, undone_at AS undoneAt FROM seller_merges', mergeRow, 'seller_merges', onRow);
}

const caseRow = z.object({ id: col.text, name: col.text, reference: col.textOrNull });
export function eachCase(db: Db, onRow: (row: z.infer<typeof caseRow>) => void): Promise<number> {
  return eachParsed(db, 'SELECT id, name, reference FROM cases', caseRow, 'cases', onRow);
}

const memberRow = z.object({ caseId: col.text, kind: col.text, memberId: col.text });
export function eachCaseMember(db: Db, onRow: (row: z.infer<typeof memberRow>) => void): Promise<number> {
  return eachParsed(db, 'SELECT case_id AS caseId, kind, member_id AS memberId FROM case_members', memberRow, 'case_members', onRow);
}

const offerRow = z.object({
  listingId: col.text,
  sellerId: col.text,
  captureId: col.text,
  firstSeen: col.text,
  price: col.textOrNull,
  currency: col.textOrNull,
  condition: col.textOrNull,
  shipsFrom: col.textOrNull,
  feedbackCount: col.intOrNull,
});
export function eachOffer(db: Db, onRow: (row: z.infer<typeof offerRow>) => void): Promise<number> {
  return eachParsed(
    db,
    `SELECT listing_id AS listingId, seller_id AS sellerId, capture_id AS captureId, first_seen AS firstSeen, price, currency, condition, ships_from AS shipsFrom, feedback_count AS feedbackCount FROM listing_sellers`,
    offerRow,
    'listing_sellers',
    onRow,
  );
}

const decisionRow = z.object({ seq: col.int, seller_a: col.text, seller_b: col.text, decision: z.enum(['confirmed', 'rejected']), reason: col.text, decided_at: col.text });
export type LinkDecisionRow = z.infer<typeof decisionRow>;

/** Every seller-link decision, in order. */
export async function linkDecisions(db: Db): Promise<LinkDecisionRow[]> {
  return parseRows(decisionRow, await db.all('SELECT seq, seller_a, seller_b, decision, reason, decided_at FROM seller_link_decisions ORDER BY seq'), 'seller_link_decisions');
}

/** The value a field of the latest capture holds: its latest correction, else what was extracted (JSON). */
const fieldOf = (field: string, alias: string) =>
  `COALESCE((SELECT fc.value FROM field_corrections fc WHERE fc.capture_id = x.captureId AND fc.field = '${field}' ORDER BY fc.seq DESC LIMIT 1),
            (SELECT cf.value FROM capture_fields cf WHERE cf.capture_id = x.captureId AND cf.field = '${field}')) AS ${alias}`;

const listingRow = z.object({
  id: col.text,
  ...listingCols,
  availability: col.textOrNull,
  sellerId: col.textOrNull,
  captureId: col.textOrNull,
  captureSellerId: col.textOrNull,
  // JSON text as extracted or corrected: the check reads it leniently (a value that is not JSON counts as none)
  latestTitle: col.textOrNull,
  latestPrice: col.textOrNull,
  latestCurrency: col.textOrNull,
  latestAvailability: col.textOrNull,
});
export type ListingWithLatest = z.infer<typeof listingRow>;

/**
 * Every listing with what its latest capture among those that showed the page
 * (`shownOutcomes`) says, as corrected, in one pass through indexes.
 */
export function eachListingWithLatest(db: Db, shownOutcomes: Iterable<string>, onRow: (row: ListingWithLatest) => void): Promise<number> {
  const shown = [...shownOutcomes].map((o) => `'${o.replace(/'/g, "''")}'`).join(', ');
  // MATERIALIZED: the latest capture is looked up once per listing, not once per column that names it.
  const sql = `WITH x AS MATERIALIZED (
       SELECT l.id, l.marketplace, l.listing_key AS listingKey, l.url, l.title, l.price, l.currency, l.availability, l.seller_id AS sellerId,
         (SELECT c2.id FROM captures c2 WHERE c2.listing_id = l.id AND c2.outcome IN (${shown}) ORDER BY c2.started_at DESC, c2.id DESC LIMIT 1) AS captureId
       FROM listings l)
     SELECT x.*, c.seller_id AS captureSellerId,
       ${fieldOf('title', 'latestTitle')}, ${fieldOf('price', 'latestPrice')}, ${fieldOf('currency', 'latestCurrency')}, ${fieldOf('availability', 'latestAvailability')}
     FROM x LEFT JOIN captures c ON c.id = x.captureId`;
  return eachParsed(db, sql, listingRow, 'listings', onRow);
}
