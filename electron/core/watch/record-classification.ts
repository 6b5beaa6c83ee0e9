import { recaptures } from '../store/index.js';
import type { JsonValue } from '../util/canonical-json.js';
import { appendCustody } from '../workspace/custody.js';
import type { Db } from '../workspace/db.js';
import { CLASSIFIER_VERSION, type Classification, type FieldChange } from './classify.js';

/** What a re-capture showed, against what the workspace knew before it. */
export interface ClassificationRecord {
  captureId: string;
  /** the queue job that made the capture */
  jobId: string | null;
  kind: 'listing' | 'storefront';
  listingId: string | null;
  sellerId: string | null;
  /** the capture before this one of the same listing or storefront, whatever its outcome */
  previousId: string | null;
  /** the capture it was compared with: the last that showed the listing, or the last re-capture of the same page of the seller */
  comparedWith: string | null;
  classification: Classification;
  /** the listing shows again after it was seen removed */
  reappeared: boolean;
  changes: FieldChange[];
  /** share of the full-page screenshot that differs, 0 to 1 */
  screenshotDiff: number | null;
  /** why it was classified so: the removal notice, the outcome, the storefront's listings */
  detail: { [key: string]: JsonValue };
  at: string;
}

/**
 * Stores a re-capture's classification and its custody entry in the
 * caller's transaction, the one that stores the capture: a classification
 * never exists without the entry that says who made it and when.
 */
export async function recordClassification(tx: Db, r: ClassificationRecord): Promise<void> {
  await recaptures.insertClassification(tx, {
    captureId: r.captureId,
    jobId: r.jobId,
    kind: r.kind,
    listingId: r.listingId,
    sellerId: r.sellerId,
    previousId: r.previousId,
    comparedWith: r.comparedWith,
    classification: r.classification,
    reappeared: r.reappeared,
    changes: JSON.stringify(r.changes),
    screenshotDiff: r.screenshotDiff,
    detail: JSON.stringify(r.detail),
    classifier: CLASSIFIER_VERSION,
    at: r.at,
  });
  await appendCustody(tx, {
    action: 'recapture.classified',
    subject: r.captureId,
    details: {
      job: r.jobId,
      target: r.kind === 'listing' ? { listingId: r.listingId } : { storefrontOf: r.sellerId },
      comparedWith: r.comparedWith,
      classification: r.classification,
      reappeared: r.reappeared,
      changes: r.changes.map((c) => c.field),
      screenshotDiff: r.screenshotDiff,
      classifier: CLASSIFIER_VERSION,
    },
  });
}
