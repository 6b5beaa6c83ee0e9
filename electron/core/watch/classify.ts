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
  /** a tracked field, or 'listing' when the address now shows another listing or none */
  field: TrackedField | 'listing';
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
  const after = trackedOf(extractedValues(x.extraction));
  const changes: FieldChange[] = [];
  const shownKey = stringValue(x.extraction?.fields.listingId?.value);
  if (x.extraction?.kind !== 'listing') changes.push({ field: 'listing', before: x.listingKey, after: null });
  else if (shownKey && shownKey !== x.listingKey) changes.push({ field: 'listing', before: x.listingKey, after: shownKey });
  if (x.before === null) return { classification: 'first', changes, detail: {}, retry: null };
  const before = trackedOf(x.before);
  for (const f of TRACKED_FIELDS) if (!sameValue(before[f], after[f])) changes.push({ field: f, before: before[f], after: after[f] });
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

export function extractedValues(x: PageExtraction | null): Map<CorrectableField, FieldValue> {
  const out = new Map<CorrectableField, FieldValue>();
  if (!x) return out;
  for (const [f, v] of Object.entries(x.fields)) if (v) out.set(f as CorrectableField, v.value);
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

function sameValue(a: TrackedValue, b: TrackedValue): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  return a === b;
}
