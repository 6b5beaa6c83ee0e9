import type { ProfileField, SellerProfile } from '../extract/seller-profile.js';
import { normaliseSpace } from '../extract/text.js';
import { links as linkRows } from '../store/index.js';
import type { Db } from '../workspace/db.js';
import type { ObjectStore } from '../workspace/object-store.js';
import { normaliseCompanyNumber, normaliseEmail, normalisePhone, normaliseVat } from './identifiers.js';
import { storedProfile } from './stored-profile.js';

/** The trader details whose change is evidence: who the trader says it is, and where and how it is reached. */
export const TRADER_FIELDS = ['businessName', 'address', 'phone', 'email', 'vat', 'company'] as const satisfies readonly ProfileField[];
export type TraderField = (typeof TRADER_FIELDS)[number];

export interface TraderFieldChange {
  field: TraderField;
  /** as the earlier page wrote it; null when it gave none (added) */
  before: string | null;
  /** as the later page wrote it; null when it gave none (removed) */
  after: string | null;
}

/**
 * A seller page whose trader details differ from the previous capture of
 * the same page of that seller (#20): a counterfeiter moving address or
 * swapping its VAT number. Both captures are cited.
 */
export interface TraderDetailsEvent {
  kind: 'trader-details';
  at: string;
  order: string;
  captureId: string;
  previousCaptureId: string;
  previousAt: string;
  url: string;
  changes: TraderFieldChange[];
}

/**
 * Read from the seller pages already captured (their rendered DOM, as
 * links are), never fetched. A page is compared with the last earlier
 * capture of the same page (its address without the query: a store's page
 * with its store page, its licence page with its licence page) that gave
 * trader details; a capture that gave none (a wall, a page that failed to
 * load its block) is passed over rather than read as every detail removed.
 * Values are compared as links compare them (a VAT number with or without
 * spaces is one number), and shown as each page wrote them.
 */
export async function traderDetailsChanges(db: Db, store: ObjectStore, sellerId: string): Promise<TraderDetailsEvent[]> {
  const last = new Map<string, { captureId: string; at: string; profile: SellerProfile }>();
  const events: TraderDetailsEvent[] = [];
  for (const page of await linkRows.sellerPageSources(db, sellerId)) {
    const profile = await storedProfile(store, page.sha256, page.url);
    if (!profile || !TRADER_FIELDS.some((f) => profile[f])) continue;
    // A merged account's pages are its own: compared with its own earlier ones.
    const key = `${page.sellerId} ${sellerPageKey(page.url)}`;
    const before = last.get(key);
    last.set(key, { captureId: page.captureId, at: page.startedAt, profile });
    if (!before) continue;
    const changes = compareTraders(before.profile, profile);
    if (changes.length > 0) {
      events.push({ kind: 'trader-details', at: page.startedAt, order: page.startedAt, captureId: page.captureId, previousCaptureId: before.captureId, previousAt: before.at, url: page.url, changes });
    }
  }
  return events;
}

/** Each trader field that was added, removed or changed, in TRADER_FIELDS order. */
export function compareTraders(a: SellerProfile, b: SellerProfile): TraderFieldChange[] {
  const out: TraderFieldChange[] = [];
  for (const field of TRADER_FIELDS) {
    const before = a[field]?.value ?? null;
    const after = b[field]?.value ?? null;
    if (before === null && after === null) continue;
    if (before !== null && after !== null && comparable(field, before, a.country) === comparable(field, after, b.country)) continue;
    out.push({ field, before, after });
  }
  return out;
}

function comparable(field: TraderField, value: string, country: string | undefined): string {
  const loose = normaliseSpace(value).toLowerCase();
  switch (field) {
    case 'vat':
      return normaliseVat(value, country) ?? loose;
    case 'company':
      return normaliseCompanyNumber(value) ?? loose;
    case 'phone':
      return normalisePhone(value, country) ?? loose;
    case 'email':
      return normaliseEmail(value) ?? loose;
    default:
      return loose.replace(/\s*,\s*/g, ', ');
  }
}

/**
 * Which page of a seller an address is: its host and path, without the
 * query or a trailing slash (a store's page, its licence page, its
 * Impressum). Its trader details and a watch's re-captures go by it.
 */
export function sellerPageKey(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host.toLowerCase()}${u.pathname.replace(/\/+$/, '')}`;
  } catch {
    return url;
  }
}
