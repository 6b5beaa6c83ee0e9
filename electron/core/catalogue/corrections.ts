import { err, ok, type Result } from '../util/result.js';
import { utcNow } from '../util/time.js';
import { indexCapture } from '../search/search-index.js';
import { appendCustody } from '../workspace/custody.js';
import { filing } from '../store/index.js';
import type { Db } from '../workspace/db.js';
import { captureFields, FILING_FIELDS, isCorrectableField, parseFieldValue, CORRECTABLE_FIELDS, type CorrectableField, type FieldValue } from './fields.js';
import { place } from './placement.js';
import { refreshListing } from './refresh.js';
import { searchDocument } from './search-document.js';

export type CorrectionError =
  | { kind: 'no-capture'; captureId: string }
  | { kind: 'bad-field'; field: string }
  | { kind: 'bad-value'; message: string }
  | { kind: 'unchanged'; field: string };

export interface Correction {
  captureId: string;
  field: CorrectableField;
  from: FieldValue | null;
  to: FieldValue;
  /** where the capture is filed after the correction, when it moved */
  refiled: { from: { listingId: string | null; sellerId: string | null }; to: { listingId: string | null; sellerId: string | null } } | null;
}

export function describeCorrectionError(e: CorrectionError): string {
  switch (e.kind) {
    case 'no-capture':
      return `No capture ${e.captureId} in this workspace (exhibit search or exhibit seller M:ID lists them).`;
    case 'bad-field':
      return `${e.field}: not a field that can be corrected; one of ${CORRECTABLE_FIELDS.join(', ')}.`;
    case 'bad-value':
      return e.message;
    case 'unchanged':
      return `${e.field} already has that value; nothing was recorded.`;
  }
}

/**
 * The investigator corrects a value extracted from a capture. The extracted
 * value stays as it was; the correction is recorded beside it, with its
 * reason, in the custody log. Correcting the marketplace, listing id or
 * seller moves the capture to where it belongs, and that move is logged too.
 */
export async function correctField(db: Db, captureId: string, fieldName: string, raw: string, reason: string): Promise<Result<Correction, CorrectionError>> {
  if (!isCorrectableField(fieldName)) return err({ kind: 'bad-field', field: fieldName });
  const field = fieldName;
  const parsed = parseFieldValue(field, raw);
  if (!parsed.ok) return err({ kind: 'bad-value', message: parsed.error });
  const value = parsed.value;
  return db.transaction(async (tx) => {
    const r = await correctFieldsIn(tx, captureId, [{ field, value }], reason);
    if (!r.ok) return r;
    const c = r.value.corrected[0]!;
    return ok({ captureId, field, from: c.from, to: c.to, refiled: r.value.refiled });
  });
}

export interface CorrectionsMade {
  corrected: { field: CorrectableField; from: FieldValue | null; to: FieldValue }[];
  refiled: Correction['refiled'];
}

/**
 * Several corrections of one capture as one act, inside the caller's
 * transaction: each recorded and logged as correctField does, and the
 * capture placed once, from all of them. A field that already has its value
 * is left alone; when all have, nothing is recorded.
 */
export async function correctFieldsIn(tx: Db, captureId: string, changes: readonly { field: CorrectableField; value: FieldValue }[], reason: string): Promise<Result<CorrectionsMade, CorrectionError>> {
  const capture = await filing.captureFiling(tx, captureId);
  if (!capture) return err({ kind: 'no-capture' as const, captureId });
  const before = await captureFields(tx, captureId);
  const todo = changes.filter((c) => JSON.stringify(before.get(c.field)?.value ?? null) !== JSON.stringify(c.value));
  if (todo.length === 0) return err({ kind: 'unchanged' as const, field: changes.map((c) => c.field).join(', ') });

  const values = new Map<CorrectableField, FieldValue>([...before].map(([f, s]) => [f, s.value]));
  const corrected: CorrectionsMade['corrected'] = [];
  for (const { field, value } of todo) {
    const from = before.get(field)?.value ?? null;
    await filing.insertCorrection(tx, { captureId, field, value, reason, at: utcNow() });
    await appendCustody(tx, { action: 'field.corrected', subject: captureId, details: { field, from, to: value, extracted: before.get(field)?.extracted?.value ?? null, reason } });
    values.set(field, value);
    corrected.push({ field, from, to: value });
  }
  let refiled: Correction['refiled'] = null;
  if (todo.some((c) => FILING_FIELDS.has(c.field))) {
    const kind = (await filing.pageKindOf(tx, captureId)) ?? 'other';
    // A page the investigator places under a listing is one, even if no extractor recognised it; a captcha page never is.
    const pageKind = kind === 'listing' || kind === 'storefront' || kind === 'blocked' ? kind : 'listing';
    const to = await place(tx, { values, pageKind, outcome: capture.outcome, url: capture.url, seenAt: capture.startedAt });
    const fromFiling = { listingId: capture.listingId, sellerId: capture.sellerId };
    // Named by one field, as the custody wording reads it: the last that decides the filing.
    const by = todo.filter((c) => FILING_FIELDS.has(c.field)).at(-1)!.field;
    if (await moveCapture(tx, captureId, fromFiling, to, `${by} corrected`)) refiled = { from: fromFiling, to };
  }
  const listingNow = refiled ? refiled.to.listingId : capture.listingId;
  await refreshListing(tx, listingNow);
  await indexCapture(tx, captureId, searchDocument(captureId, values));
  return ok({ corrected, refiled });
}

type Filing = { listingId: string | null; sellerId: string | null };

/** Files a capture elsewhere, with its custody entry; false when it is already there. */
export async function moveCapture(tx: Db, captureId: string, from: Filing, to: Filing, because: string): Promise<boolean> {
  if (to.listingId === from.listingId && to.sellerId === from.sellerId) return false;
  await filing.setFiling(tx, captureId, to);
  await appendCustody(tx, { action: 'capture.filed', subject: captureId, details: { from, to, because } });
  await refreshListing(tx, from.listingId);
  return true;
}
