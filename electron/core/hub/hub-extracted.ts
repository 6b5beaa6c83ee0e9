import { z } from 'zod';
import { CORRECTABLE_FIELDS, isCorrectableField, stringValue, type FieldState, type FieldValue } from '../catalogue/fields.js';
import type { ValueSource } from '../extract/types.js';
import { parseExtracted, type SignedExtraction } from '../workspace/verify/extraction-checks.js';
import { ApiFailure } from '../api/failure.js';
import type { HubListingCapture, HubPush } from '../api/contract.js';
import { HubObjectCorrupt, type HubObjectStore } from './object-store.js';

/** A correction as its workspace's custody log records it (catalogue/corrections.ts: action field.corrected). */
export const CORRECTION_ACTION = 'field.corrected';
const correctionDetails = z.object({ field: z.string(), to: z.union([z.string(), z.array(z.string())]), reason: z.string().optional() });

/** A custody entry of a capture, as the hub copied it from the pushing workspace's chain. */
export interface CorrectionEntry {
  at: string;
  action: string;
  details: string;
}

/**
 * The signed extracted.json of captures, read from the hub's store (each
 * object hashed as it is read, store.get refuses other bytes) and parsed;
 * kept by hash for lists (a listing's or seller's page), the most recent
 * `keep`; a capture opened on its own is read from the store again.
 */
export class HubExtracted {
  private readonly parsed = new Map<string, SignedExtraction | null>();

  constructor(
    private readonly store: HubObjectStore,
    private readonly keep = 5_000,
  ) {}

  /**
   * A capture's extraction, in the object of that hash; null when it is not
   * one (it then shows no fields, and hub verify names it). Bytes that no
   * longer hash to it are refused, naming the capture.
   */
  async read(captureId: string, sha256: string, opts: { fresh?: boolean } = {}): Promise<SignedExtraction | null> {
    const known = opts.fresh ? undefined : this.parsed.get(sha256);
    if (known !== undefined) {
      this.parsed.delete(sha256);
      this.parsed.set(sha256, known);
      return known;
    }
    let bytes: Buffer;
    try {
      bytes = await this.store.get(sha256);
    } catch (e) {
      if (e instanceof HubObjectCorrupt) throw new ApiFailure('failed', `The extracted.json of capture ${captureId} was altered in the hub's store (it no longer hashes to ${sha256}): its fields are not shown; run exhibit hub verify.`);
      throw e;
    }
    const value = parseExtracted(bytes.toString('utf8')) ?? null;
    this.parsed.delete(sha256);
    this.parsed.set(sha256, value);
    if (this.parsed.size > this.keep) this.parsed.delete(this.parsed.keys().next().value!);
    return value;
  }
}

/** The title a signed extracted.json read off the page; null when it read none (or is no extraction: hub verify names it). */
export function signedTitle(bytes: Buffer): string | null {
  return stringValue(parseExtracted(bytes.toString('utf8'))?.extraction.fields['title']?.value) ?? null;
}

/**
 * A capture's fields as the capture page shows them: what the signed
 * extracted.json says was read from the page (the marketplace with what
 * recognised it, then each field with its source), and the corrections in
 * force from the workspace's custody log (the latest of each field wins).
 */
export function hubFieldStates(extraction: SignedExtraction | null, custody: readonly CorrectionEntry[]): FieldState[] {
  const out = new Map<string, FieldState>();
  if (extraction) {
    const x = extraction.extraction;
    const put = (field: string, value: FieldValue, source: { kind: string; detail: string }) => {
      if (isCorrectableField(field)) out.set(field, { field, value, extracted: { value, source: source as ValueSource }, correction: null });
    };
    put('marketplace', x.marketplace, x.recognisedBy);
    for (const [field, v] of Object.entries(x.fields)) if (v) put(field, v.value, v.source);
  }
  for (const e of custody) {
    if (e.action !== CORRECTION_ACTION) continue;
    let details: unknown;
    try {
      details = JSON.parse(e.details);
    } catch {
      continue;
    }
    const d = correctionDetails.safeParse(details);
    if (!d.success || !isCorrectableField(d.data.field)) continue;
    const field = d.data.field;
    out.set(field, { field, value: d.data.to, extracted: out.get(field)?.extracted ?? null, correction: { value: d.data.to, reason: d.data.reason ?? '', at: e.at } });
  }
  const rank = (f: string) => CORRECTABLE_FIELDS.indexOf(f as (typeof CORRECTABLE_FIELDS)[number]);
  return [...out.values()].sort((a, b) => rank(a.field) - rank(b.field));
}

/** The values a listing's page shows of one capture: those in force, and which of them are corrections. */
export function shownValues(fields: readonly FieldState[]): Omit<HubListingCapture, keyof HubPush> {
  const f = new Map(fields.map((x) => [x.field, x]));
  const s = (k: (typeof CORRECTABLE_FIELDS)[number]) => stringValue(f.get(k)?.value) ?? null;
  const fixed = (...ks: (typeof CORRECTABLE_FIELDS)[number][]) => ks.some((k) => f.get(k)?.correction);
  const corrected = ([
    ['title', fixed('title')],
    ['price', fixed('price', 'currency')],
    ['availability', fixed('availability')],
    ['seller', fixed('sellerName', 'sellerId')],
  ] as const).filter(([, c]) => c).map(([k]) => k);
  return { title: s('title'), price: s('price'), currency: s('currency'), availability: s('availability'), seller: s('sellerName') ?? s('sellerId'), corrected };
}
