import { z } from 'zod';
import type { BlockedSign } from '../capture/blocked.js';
import type { SourceKind } from '../extract/types.js';
import type { Db } from '../workspace/db.js';
import { col, jsonText, parseOptionalRow, parseRows } from './rows.js';

/*
 * How a capture is filed: what the extractors found on it (capture_extraction,
 * capture_fields, kept as found), the investigator's corrections beside them
 * (field_corrections), and the listing and seller it is placed under.
 */

/** A field's value: a string, or a list of strings (images). Stored as JSON. */
export type StoredFieldValue = string | string[];
const fieldValue = jsonText(z.union([z.string(), z.array(z.string())]));

const SOURCE_KINDS = ['json-ld', 'microdata', 'meta', 'canonical', 'selector', 'url', 'script'] as const satisfies readonly SourceKind[];

/** Whether a capture with this id exists. */
export async function captureExists(db: Db, captureId: string): Promise<boolean> {
  return (await db.get('SELECT 1 FROM captures WHERE id = ?', [captureId])) !== undefined;
}

export async function insertExtraction(
  tx: Db,
  x: { captureId: string; extractor: string; version: string; marketplace: string; pageKind: string; blocked: BlockedSign | null },
): Promise<void> {
  await tx.run('INSERT INTO capture_extraction (capture_id, extractor, version, marketplace, page_kind, blocked) VALUES (?, ?, ?, ?, ?, ?)', [
    x.captureId,
    x.extractor,
    x.version,
    x.marketplace,
    x.pageKind,
    x.blocked ? JSON.stringify(x.blocked) : null,
  ]);
}

/** Keeps a value as an extractor found it, with where on the page it came from. */
export async function insertExtractedField(tx: Db, f: { captureId: string; field: string; value: StoredFieldValue; sourceKind: SourceKind; sourceDetail: string }): Promise<void> {
  await tx.run('INSERT INTO capture_fields (capture_id, field, value, source_kind, source_detail) VALUES (?, ?, ?, ?, ?)', [
    f.captureId,
    f.field,
    JSON.stringify(f.value),
    f.sourceKind,
    f.sourceDetail,
  ]);
}

/** Records the investigator's correction of a field, beside the extracted value. */
export async function insertCorrection(tx: Db, c: { captureId: string; field: string; value: StoredFieldValue; reason: string; at: string }): Promise<void> {
  await tx.run('INSERT INTO field_corrections (capture_id, field, value, reason, at) VALUES (?, ?, ?, ?, ?)', [c.captureId, c.field, JSON.stringify(c.value), c.reason, c.at]);
}

export interface ExtractedField {
  field: string;
  value: StoredFieldValue;
  source: { kind: SourceKind; detail: string };
}

const extractedField = z
  .object({ field: col.text, value: fieldValue, source_kind: z.enum(SOURCE_KINDS), source_detail: col.text })
  .transform((r): ExtractedField => ({ field: r.field, value: r.value, source: { kind: r.source_kind, detail: r.source_detail } }));

/** The values the extractors found on a capture, in no particular order. */
export async function extractedFields(db: Db, captureId: string): Promise<ExtractedField[]> {
  return parseRows(extractedField, await db.all('SELECT field, value, source_kind, source_detail FROM capture_fields WHERE capture_id = ?', [captureId]), 'capture_fields');
}

export interface FieldCorrection {
  field: string;
  value: StoredFieldValue;
  reason: string;
  at: string;
}

const correction = z.object({ field: col.text, value: fieldValue, reason: col.text, at: col.text }) satisfies z.ZodType<FieldCorrection, unknown>;

/** The corrections of a capture, oldest first (the last of a field is in force). */
export async function corrections(db: Db, captureId: string): Promise<FieldCorrection[]> {
  return parseRows(correction, await db.all('SELECT field, value, reason, at FROM field_corrections WHERE capture_id = ? ORDER BY seq', [captureId]), 'field_corrections');
}

export interface CaptureFiling {
  id: string;
  listingId: string | null;
  sellerId: string | null;
  outcome: string;
  /** the page's final address, else the requested one */
  url: string;
  startedAt: string;
}

const captureFilingRow = z.object({
  id: col.text,
  listingId: col.textOrNull,
  sellerId: col.textOrNull,
  outcome: col.text,
  url: col.text,
  startedAt: col.text,
}) satisfies z.ZodType<CaptureFiling>;

/** Where a capture is filed, with what placing it again needs. */
export async function captureFiling(db: Db, captureId: string): Promise<CaptureFiling | undefined> {
  return parseOptionalRow(
    captureFilingRow,
    await db.get('SELECT id, listing_id AS listingId, seller_id AS sellerId, outcome, COALESCE(final_url, requested_url) AS url, started_at AS startedAt FROM captures WHERE id = ?', [captureId]),
    'captures',
  );
}

/** The kind of page the extractors recognised, if they read the capture. */
export async function pageKindOf(db: Db, captureId: string): Promise<string | undefined> {
  return parseOptionalRow(z.object({ pageKind: col.text }), await db.get('SELECT page_kind AS pageKind FROM capture_extraction WHERE capture_id = ?', [captureId]), 'capture_extraction')?.pageKind;
}

/** Files a capture under another listing and seller (either may be none). */
export async function setFiling(tx: Db, captureId: string, to: { listingId: string | null; sellerId: string | null }): Promise<void> {
  await tx.run('UPDATE captures SET listing_id = ?, seller_id = ? WHERE id = ?', [to.listingId, to.sellerId, captureId]);
}
