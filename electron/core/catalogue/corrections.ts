import { err, ok, type Result } from '../util/result.js';
import { utcNow } from '../util/time.js';
import { indexCapture } from '../search/search-index.js';
import { appendCustody } from '../workspace/custody.js';
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
    const capture = await tx.get<{ id: string; listing_id: string | null; seller_id: string | null; outcome: string; url: string; started_at: string }>(
      'SELECT id, listing_id, seller_id, outcome, COALESCE(final_url, requested_url) AS url, started_at FROM captures WHERE id = ?',
      [captureId],
    );
    if (!capture) return err({ kind: 'no-capture' as const, captureId });
    const before = await captureFields(tx, captureId);
    const from = before.get(field)?.value ?? null;
    if (JSON.stringify(from) === JSON.stringify(value)) return err({ kind: 'unchanged' as const, field });

    await tx.run('INSERT INTO field_corrections (capture_id, field, value, reason, at) VALUES (?, ?, ?, ?, ?)', [captureId, field, JSON.stringify(value), reason, utcNow()]);
    await appendCustody(tx, { action: 'field.corrected', subject: captureId, details: { field, from, to: value, extracted: before.get(field)?.extracted?.value ?? null, reason } });

    const values = new Map<CorrectableField, FieldValue>([...before].map(([f, s]) => [f, s.value]));
    values.set(field, value);
    let refiled: Correction['refiled'] = null;
    if (FILING_FIELDS.has(field)) {
      const kind = (await tx.get<{ page_kind: string }>('SELECT page_kind FROM capture_extraction WHERE capture_id = ?', [captureId]))?.page_kind ?? 'other';
      // A page the investigator places under a listing is one, even if no extractor recognised it; a captcha page never is.
      const pageKind = kind === 'listing' || kind === 'storefront' || kind === 'blocked' ? kind : 'listing';
      const to = await place(tx, { values, pageKind, outcome: capture.outcome, url: capture.url, seenAt: capture.started_at });
      const fromFiling = { listingId: capture.listing_id, sellerId: capture.seller_id };
      if (to.listingId !== fromFiling.listingId || to.sellerId !== fromFiling.sellerId) {
        await tx.run('UPDATE captures SET listing_id = ?, seller_id = ? WHERE id = ?', [to.listingId, to.sellerId, captureId]);
        await appendCustody(tx, { action: 'capture.filed', subject: captureId, details: { from: fromFiling, to, because: `${field} corrected` } });
        refiled = { from: fromFiling, to };
        await refreshListing(tx, fromFiling.listingId);
      }
    }
    const listingNow = refiled ? refiled.to.listingId : capture.listing_id;
    await refreshListing(tx, listingNow);
    await indexCapture(tx, captureId, searchDocument(captureId, values));
    return ok({ captureId, field, from, to: value, refiled });
  });
}
