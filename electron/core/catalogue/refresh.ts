import type { Db } from '../workspace/db.js';
import { captureFields, text } from './fields.js';
import { FILED_OUTCOMES } from './placement.js';

const SHOWN = [...FILED_OUTCOMES].map((o) => `'${o}'`).join(', ');

/**
 * A listing shows what its latest capture showed (title, price, seller…), as
 * corrected. Recomputed rather than patched, so an older capture filed late
 * or a correction to an old capture cannot overwrite newer facts.
 */
export async function refreshListing(tx: Db, listingId: string | null): Promise<void> {
  if (listingId === null) return;
  const latest = await tx.get<{ id: string; seller_id: string | null }>(
    `SELECT id, seller_id FROM captures WHERE listing_id = ? AND outcome IN (${SHOWN}) ORDER BY started_at DESC, id DESC LIMIT 1`,
    [listingId],
  );
  if (!latest) return;
  const f = await captureFields(tx, latest.id);
  await tx.run(
    `UPDATE listings SET title = COALESCE(?, title), price = ?, currency = ?, availability = ?, seller_id = COALESCE(?, seller_id)
     WHERE id = ? AND (title IS NOT COALESCE(?, title) OR price IS NOT ? OR currency IS NOT ? OR availability IS NOT ? OR seller_id IS NOT COALESCE(?, seller_id))`,
    [
      text(f, 'title') ?? null,
      text(f, 'price') ?? null,
      text(f, 'currency') ?? null,
      text(f, 'availability') ?? null,
      latest.seller_id,
      listingId,
      text(f, 'title') ?? null,
      text(f, 'price') ?? null,
      text(f, 'currency') ?? null,
      text(f, 'availability') ?? null,
      latest.seller_id,
    ],
  );
}
