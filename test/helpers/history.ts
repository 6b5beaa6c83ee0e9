import { FILED_OUTCOMES } from '../../electron/core/catalogue/placement.js';
import type { PageExtraction } from '../../electron/core/extract/types.js';
import { classifyListing } from '../../electron/core/watch/classify.js';
import { listingState } from '../../electron/core/watch/history.js';
import { recordClassification } from '../../electron/core/watch/record-classification.js';
import type { CaptureRecord } from '../../electron/core/workspace/capture-record.js';
import type { Workspace } from '../../electron/core/workspace/workspace.js';
import { fileCapture } from './catalogue.js';

export interface Recheck {
  startedAt: string;
  outcome?: string;
  httpStatus?: number;
  /** the visible text, where a marketplace's removal notice would be */
  text?: string;
  /** what the screenshot comparison would have found, when the page showed the listing */
  screenshotDiff?: number;
}

/**
 * A re-capture of a listing without a browser: the page is stored as a
 * capture, classified against the listing's last capture as a run would,
 * and the classification recorded with its custody entry.
 */
export async function recheckListing(ws: Workspace, listing: { id: string; key: string; sellerId: string | null }, page: PageExtraction | null, o: Recheck): Promise<CaptureRecord> {
  const outcome = o.outcome ?? 'complete';
  const state = await listingState(ws.db, listing.id, (h) => ws.store.pathOf(h));
  const cls = classifyListing({ outcome, httpStatus: o.httpStatus ?? (FILED_OUTCOMES.has(outcome) ? 200 : null), extraction: page, text: o.text ?? '', listingKey: listing.key, before: state.shown?.values ?? null });
  const capture = await fileCapture(ws, page, { startedAt: o.startedAt, outcome, text: o.text });
  const shows = ['first', 'unchanged', 'changed'].includes(cls.classification);
  await ws.db.transaction((tx) =>
    recordClassification(tx, {
      captureId: capture.id,
      jobId: null,
      kind: 'listing',
      listingId: listing.id,
      sellerId: listing.sellerId,
      previousId: state.previousId,
      comparedWith: state.shown?.captureId ?? null,
      classification: cls.classification,
      reappeared: state.removed && shows,
      changes: cls.changes,
      screenshotDiff: shows && cls.classification !== 'first' ? (o.screenshotDiff ?? null) : null,
      detail: cls.detail,
      at: o.startedAt,
    }),
  );
  return capture;
}
