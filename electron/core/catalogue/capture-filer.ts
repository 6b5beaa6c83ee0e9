import type { PageExtraction } from '../extract/types.js';
import type { Offer } from '../fakes/readers/amazon-offers.js';
import { indexCapture } from '../search/search-index.js';
import type { CaptureFiler, Filing } from '../workspace/capture-record.js';
import { appendCustody } from '../workspace/custody.js';
import { filing } from '../store/index.js';
import type { Db } from '../workspace/db.js';
import { ensureCase } from './ensure.js';
import { stringValue, type CorrectableField, type FieldValue } from './fields.js';
import { fileOffers } from './offers.js';
import { place } from './placement.js';
import { refreshListing } from './refresh.js';
import { searchDocument } from './search-document.js';

export interface FilingRequest {
  /** what the extractors found on the page; null when there was no page to read (a download, a failed load) */
  extraction: PageExtraction | null;
  /** EXTRACTOR_VERSION of the extractors that read it */
  extractorVersion: string;
  outcome: string;
  /** the page's final address, else the requested one */
  url: string;
  startedAt: string;
  caseRef?: string | undefined;
  /** the seller the investigator named when capturing; kept as a correction where the page says otherwise */
  seller?: { marketplace: string; sellerKey: string } | undefined;
  /** the visible text, for search */
  text: string;
  /** every seller's offer the page shows (offersOnPage): each seller is filed as a seller of the listing */
  offers?: readonly Offer[] | undefined;
}

const GIVEN_REASON = 'named by the investigator when capturing (--seller)';

/**
 * Files a capture from what was extracted from it. The extracted values are
 * stored as found; a seller the investigator named is stored beside them as
 * a correction, so the record shows both what the page said and what the
 * investigator decided.
 */
export function captureFiler(req: FilingRequest): CaptureFiler {
  const x = req.extraction;
  const extracted = new Map<CorrectableField, FieldValue>();
  if (x) {
    extracted.set('marketplace', x.marketplace);
    for (const [f, v] of Object.entries(x.fields)) if (v) extracted.set(f as CorrectableField, v.value);
  }
  const given = new Map<CorrectableField, string>();
  if (req.seller) {
    if (extracted.get('marketplace') !== req.seller.marketplace) given.set('marketplace', req.seller.marketplace);
    if (extracted.get('sellerId') !== req.seller.sellerKey) given.set('sellerId', req.seller.sellerKey);
  }
  const values = new Map<CorrectableField, FieldValue>([...extracted, ...given]);
  // A name read from the page belongs to the seller the page named, not to another one.
  if (given.has('sellerId')) {
    values.delete('sellerName');
    values.delete('sellerUrl');
  }
  let filed: Filing = { listingId: null, sellerId: null, caseId: null };

  return {
    async place(tx: Db): Promise<Filing> {
      const caseId = req.caseRef ? await ensureCase(tx, req.caseRef) : null;
      const placed = await place(tx, { values, pageKind: x?.kind ?? 'other', outcome: req.outcome, url: req.url, seenAt: req.startedAt, storefront: x?.storefront ?? null });
      filed = { ...placed, caseId };
      return filed;
    },

    async index(tx: Db, captureId: string): Promise<void> {
      if (x) {
        await filing.insertExtraction(tx, { captureId, extractor: x.extractor, version: req.extractorVersion, marketplace: x.marketplace, pageKind: x.kind, blocked: x.blocked });
        await filing.insertExtractedField(tx, { captureId, field: 'marketplace', value: x.marketplace, sourceKind: x.recognisedBy.kind, sourceDetail: x.recognisedBy.detail });
        for (const [field, v] of Object.entries(x.fields)) {
          if (!v) continue;
          await filing.insertExtractedField(tx, { captureId, field, value: v.value, sourceKind: v.source.kind, sourceDetail: v.source.detail });
        }
      }
      for (const [field, value] of given) {
        const at = new Date().toISOString();
        await filing.insertCorrection(tx, { captureId, field, value, reason: GIVEN_REASON, at });
        await appendCustody(tx, {
          action: 'field.corrected',
          subject: captureId,
          details: { field, from: (extracted.get(field) as string | undefined) ?? null, to: value, reason: GIVEN_REASON },
        });
      }
      const marketplace = stringValue(values.get('marketplace'));
      if (filed.listingId && marketplace && req.offers?.length) {
        await fileOffers(tx, { listingId: filed.listingId, marketplace, captureId, seenAt: req.startedAt, offers: req.offers });
      }
      await refreshListing(tx, filed.listingId);
      await indexCapture(tx, captureId, { ...searchDocument(captureId, values), text: req.text });
    },
  };
}
