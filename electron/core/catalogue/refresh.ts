import { listings } from '../store/index.js';
import type { Db } from '../workspace/db.js';
import { captureFields, text } from './fields.js';
import { FILED_OUTCOMES } from './placement.js';

/**
 * A listing shows what its latest capture showed (title, price, seller…), as
 * corrected. Recomputed rather than patched, so an older capture filed late
 * or a correction to an old capture cannot overwrite newer facts.
 */
export async function refreshListing(tx: Db, listingId: string | null): Promise<void> {
  if (listingId === null) return;
  const latest = await listings.latestCaptureShowing(tx, listingId, FILED_OUTCOMES);
  if (!latest) return;
  const f = await captureFields(tx, latest.id);
  await listings.setListingFacts(tx, listingId, {
    title: text(f, 'title') ?? null,
    price: text(f, 'price') ?? null,
    currency: text(f, 'currency') ?? null,
    availability: text(f, 'availability') ?? null,
    sellerId: latest.sellerId,
  });
}
