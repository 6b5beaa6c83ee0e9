import type { CorrectableField, FieldValue } from '../catalogue/fields.js';
import { stringValue } from '../catalogue/fields.js';
import { FILED_OUTCOMES } from '../catalogue/placement.js';
import { detectRemovalNotice } from '../extract/removed-notice.js';
import type { PageExtraction } from '../extract/types.js';
import type { JsonValue } from '../util/canonical-json.js';

/** Bumped whenever the rules below change: each classification records the version that made it. */
export const CLASSIFIER_VERSION = '1';

export const CLASSIFICATIONS = ['first', 'unchanged', 'changed', 'removed', 'blocked', 'error'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

/** What a re-capture compares: what an investigator shows a court changed. */
export const TRACKED_FIELDS = ['price', 'title', 'seller', 'availability', 'images'] as const;
export type TrackedField = (typeof TRACKED_FIELDS)[number];
export type TrackedValue = string | string[] | null;

export interface FieldChange {
  /**
   * a tracked field; 'listing' when the address now shows another listing
   * or none; 'text' for a page the extractors read no field from, whose
   * visible text changed (before and after: the passage around the first difference)
   */
  field: TrackedField | 'listing' | 'text';
  before: TrackedValue;
  after: TrackedValue;
}

/** Why a failed attempt is tried again: soon for the network, much later for a captcha. */
export type Retry = 'network' | 'blocked' | null;

export interface ClassifyInput {
  outcome: string;
  httpStatus: number | null;
  extraction: PageExtraction | null;
  /** the visible text, for the marketplace's "no longer available" notice */
  text: string;
  /** the listing's key, as the workspace knows it */
  listingKey: string;
  /** the values in force on the last capture that showed the listing; null when none did */
  before: ReadonlyMap<CorrectableField, FieldValue> | null;
  /** how that capture's page was read: 'listing', or 'other' for a page the extractors found no listing on */
  beforeKind?: string | null;
  /** the visible text of the capture compared with, for pages the extractors read no field from */
  beforeText?: string | null;
  /** the listing's seller, filed by the investigator, for a page that names none (see sellerToFile) */
  given?: { marketplace: string; sellerKey: string } | undefined;
}

export interface ClassifyResult {
  classification: Classification;
  changes: FieldChange[];
  detail: { [key: string]: JsonValue };
  retry: Retry;
}

// Failures that a later attempt may not meet: the network, the server having a bad minute.
const TRANSIENT = new Set(['dns-failure', 'connection-refused', 'network-error', 'server-error']);

/**
 * A re-capture of a listing, classified against the last capture that showed
 * it. Only evidence calls a listing removed: a 404 or 410, or the
 * marketplace's own notice. A captcha says nothing about the listing and is
 * never counted as removed; nor is a network failure.
 *
 * "Changed" means a tracked field changed. The share of the screenshot that
 * differs is recorded beside it, but does not decide: marketplace pages
 * rotate banners and recommendations on every load.
 */
export function classifyListing(x: ClassifyInput): ClassifyResult {
  const failed = notShown(x);
  if (failed) return failed;
  const after = trackedOf(valuesInForce(x.extraction, x.given));
  const changes: FieldChange[] = [];
  const shownKey = stringValue(x.extraction?.fields.listingId?.value);
  // A page once read as a listing that no longer reads as one; a page the extractors never read as a listing is compared on its fields only.
  if (x.extraction?.kind !== 'listing' && (x.beforeKind ?? 'listing') === 'listing') changes.push({ field: 'listing', before: x.listingKey, after: null });
  else if (shownKey && shownKey !== x.listingKey) changes.push({ field: 'listing', before: x.listingKey, after: shownKey });
  if (x.before === null) return { classification: 'first', changes, detail: {}, retry: null };
  const before = trackedOf(x.before);
  for (const f of TRACKED_FIELDS) if (!sameValue(before[f], after[f])) changes.push({ field: f, before: before[f], after: after[f] });
  // No content read on either side (a plain shop page; its seller may be the investigator's filing): its words are what can be compared.
  const nothingRead = (['price', 'title', 'availability', 'images'] as const).every((f) => before[f] === null && after[f] === null);
  if (nothingRead && typeof x.beforeText === 'string') {
    const t = textChange(x.beforeText, x.text);
    if (t) changes.push(t);
  }
  return { classification: changes.length > 0 ? 'changed' : 'unchanged', changes, detail: {}, retry: null };
}

/**
 * A seller's storefront, against the listings its last re-capture showed:
 * changed when listings appeared or disappeared. The list is kept in the
 * detail, so the next re-capture compares with it.
 */
export function classifyStorefront(x: Omit<ClassifyInput, 'listingKey' | 'before'> & { before: readonly string[] | null }): ClassifyResult {
  const failed = notShown(x);
  if (failed) return failed;
  const listings = [...new Set((x.extraction?.storefront ?? []).map((l) => l.listingId))];
  if (x.before === null) return { classification: 'first', changes: [], detail: { listings }, retry: null };
  const before = new Set(x.before);
  const now = new Set(listings);
  const appeared = listings.filter((k) => !before.has(k));
  const disappeared = x.before.filter((k) => !now.has(k));
  return { classification: appeared.length + disappeared.length > 0 ? 'changed' : 'unchanged', changes: [], detail: { listings, appeared, disappeared }, retry: null };
}

/** A page that does not show what was asked for: removed, blocked, or an error. */
function notShown(x: Pick<ClassifyInput, 'outcome' | 'httpStatus' | 'extraction' | 'text'>): ClassifyResult | null {
  if (x.outcome === 'not-found' || x.outcome === 'gone') return removed({ reason: 'status', httpStatus: x.httpStatus });
  if (x.outcome === 'blocked' || x.extraction?.kind === 'blocked' || x.httpStatus === 429) {
    return { classification: 'blocked', changes: [], detail: { outcome: x.outcome, sign: (x.extraction?.blocked as JsonValue | undefined) ?? null, httpStatus: x.httpStatus }, retry: 'blocked' };
  }
  if (!FILED_OUTCOMES.has(x.outcome)) {
    return { classification: 'error', changes: [], detail: { outcome: x.outcome, httpStatus: x.httpStatus }, retry: TRANSIENT.has(x.outcome) ? 'network' : null };
  }
  const notice = detectRemovalNotice({ title: stringValue(x.extraction?.fields.title?.value) ?? '', text: x.text });
  return notice ? removed({ reason: 'notice', matched: notice.matched, httpStatus: x.httpStatus }) : null;
}

function removed(detail: { [key: string]: JsonValue }): ClassifyResult {
  return { classification: 'removed', changes: [], detail, retry: null };
}

/**
 * The seller a re-capture is filed under when its page names none: the
 * listing's, as the investigator filed it (a plain shop page the
 * extractors cannot read a seller from). A page that names a seller is
 * filed under that one, so a change of seller shows as a change.
 */
export function sellerToFile(x: PageExtraction | null, listingSeller: { marketplace: string; sellerKey: string } | null): { marketplace: string; sellerKey: string } | undefined {
  if (!listingSeller || !x || x.kind === 'blocked' || stringValue(x.fields.sellerId?.value)) return undefined;
  return listingSeller;
}

/** The values a capture will have in force once filed: what was extracted, and the seller given for it (as captureFiler records it). */
export function valuesInForce(x: PageExtraction | null, given?: { marketplace: string; sellerKey: string }): Map<CorrectableField, FieldValue> {
  const out = new Map<CorrectableField, FieldValue>();
  if (!x) return out;
  out.set('marketplace', x.marketplace);
  for (const [f, v] of Object.entries(x.fields)) if (v) out.set(f as CorrectableField, v.value);
  if (given) {
    out.set('marketplace', given.marketplace);
    if (out.get('sellerId') !== given.sellerKey) {
      out.set('sellerId', given.sellerKey);
      out.delete('sellerName');
      out.delete('sellerUrl');
    }
  }
  return out;
}

/** The tracked fields from a capture's values: price with its currency, the seller by id (else name), images without query strings. */
export function trackedOf(values: ReadonlyMap<CorrectableField, FieldValue>): Record<TrackedField, TrackedValue> {
  const s = (f: CorrectableField) => stringValue(values.get(f)) ?? null;
  const price = s('price');
  const images = values.get('images');
  return {
    price: price ? `${price}${s('currency') ? ` ${s('currency')}` : ''}` : null,
    title: s('title'),
    seller: s('sellerId') ?? s('sellerName'),
    availability: s('availability'),
    // The same picture is served with fresh signing tokens and sizes in the query on every load.
    images: Array.isArray(images) && images.length > 0 ? [...new Set(images.map(withoutQuery))].sort() : null,
  };
}

function withoutQuery(u: string): string {
  const i = u.search(/[?#]/);
  return i < 0 ? u : u.slice(0, i);
}

const CONTEXT = 60;

/** The passage around the first difference between two pages' visible text (whitespace aside), or null when they read the same. */
export function textChange(before: string, after: string): FieldChange | null {
  const a = before.replace(/\s+/g, ' ').trim();
  const b = after.replace(/\s+/g, ' ').trim();
  if (a === b) return null;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  let j = 0;
  while (j < a.length - i && j < b.length - i && a[a.length - 1 - j] === b[b.length - 1 - j]) j++;
  const from = Math.max(0, i - CONTEXT);
  const cut = (s: string) => `${from > 0 ? '\u2026' : ''}${s.slice(from, Math.min(s.length, s.length - j + CONTEXT))}${s.length - j + CONTEXT < s.length ? '\u2026' : ''}`;
  return { field: 'text', before: cut(a), after: cut(b) };
}

function sameValue(a: TrackedValue, b: TrackedValue): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  return a === b;
}
