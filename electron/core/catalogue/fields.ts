import { AVAILABILITIES, LISTING_FIELDS, type ValueSource } from '../extract/types.js';
import { err, ok, type Result } from '../util/result.js';
import { filing } from '../store/index.js';
import type { Db } from '../workspace/db.js';

/** What the investigator may correct on a capture: every extracted field, and the marketplace. */
export const CORRECTABLE_FIELDS = ['marketplace', ...LISTING_FIELDS] as const;
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number];
export type FieldValue = string | string[];

/** Fields that decide where a capture is filed: correcting one refiles it. */
export const FILING_FIELDS: ReadonlySet<CorrectableField> = new Set(['marketplace', 'listingId', 'sellerId', 'sellerName', 'sellerUrl']);

export interface FieldState {
  field: CorrectableField;
  /** the value in force: the latest correction, else the extracted value */
  value: FieldValue;
  extracted: { value: FieldValue; source: ValueSource } | null;
  correction: { value: FieldValue; reason: string; at: string } | null;
}

export function isCorrectableField(f: string): f is CorrectableField {
  return (CORRECTABLE_FIELDS as readonly string[]).includes(f);
}

/** A correction typed by a person, checked for its field: it goes into evidence as typed, or not at all. */
export function parseFieldValue(field: CorrectableField, raw: string): Result<FieldValue, string> {
  const text = raw.trim();
  if (text === '') return err(`${field}: an empty value; give the value the page shows`);
  switch (field) {
    case 'price':
      return /^\d{1,15}(\.\d{1,6})?$/.test(text) ? ok(text) : err(`price ${JSON.stringify(raw)}: write it as a plain decimal number, e.g. 1234.56`);
    case 'currency':
      return /^[A-Za-z]{3}$/.test(text) ? ok(text.toUpperCase()) : err(`currency ${JSON.stringify(raw)}: use the three-letter ISO 4217 code, e.g. EUR, USD, CNY`);
    case 'availability':
      return (AVAILABILITIES as readonly string[]).includes(text) ? ok(text) : err(`availability ${JSON.stringify(raw)}: one of ${AVAILABILITIES.join(', ')}`);
    case 'images': {
      const urls = text.split(/\s+/);
      for (const u of urls) if (!isHttpUrl(u)) return err(`images: ${JSON.stringify(u)} is not an http(s) URL`);
      return ok(urls);
    }
    case 'sellerUrl':
      return isHttpUrl(text) ? ok(text) : err(`sellerUrl ${JSON.stringify(raw)}: not an http(s) URL`);
    case 'marketplace':
      return /^[a-z0-9][a-z0-9.-]*$/i.test(text) ? ok(text.toLowerCase()) : err(`marketplace ${JSON.stringify(raw)}: letters, digits, dots and dashes, e.g. amazon.de, ebay, aliexpress`);
    default:
      return ok(text.replace(/\s+/g, ' '));
  }
}

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** The fields of a capture: extracted values with their sources, and the corrections in force. */
export async function captureFields(db: Db, captureId: string): Promise<Map<CorrectableField, FieldState>> {
  const extracted = await filing.extractedFields(db, captureId);
  const corrected = await filing.corrections(db, captureId);
  const out = new Map<CorrectableField, FieldState>();
  // In the order fields are listed everywhere (marketplace, listing id, title, price…), whatever order the rows come in.
  const rank = (f: string) => CORRECTABLE_FIELDS.indexOf(f as CorrectableField);
  extracted.sort((a, b) => rank(a.field) - rank(b.field));
  for (const row of extracted) {
    if (!isCorrectableField(row.field)) continue;
    out.set(row.field, { field: row.field, value: row.value, extracted: { value: row.value, source: row.source }, correction: null });
  }
  for (const row of corrected) {
    if (!isCorrectableField(row.field)) continue;
    const value = row.value;
    const prior = out.get(row.field);
    out.set(row.field, { field: row.field, value, extracted: prior?.extracted ?? null, correction: { value, reason: row.reason, at: row.at } });
  }
  return out;
}

export function text(fields: Map<CorrectableField, FieldState>, f: CorrectableField): string | undefined {
  return stringValue(fields.get(f)?.value);
}

/** A field's value when it is a non-empty string (not a list of images, not missing). */
export function stringValue(v: FieldValue | undefined): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** "89.99 USD", or '' when the fields hold no price. */
export function priceText(fields: readonly FieldState[]): string {
  const f = new Map(fields.map((x) => [x.field, x.value]));
  const price = stringValue(f.get('price'));
  return price ? `${price} ${stringValue(f.get('currency')) ?? ''}`.trim() : '';
}
