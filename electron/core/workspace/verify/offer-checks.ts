import { z } from 'zod';
import type { Db } from '../db.js';
import type { CatalogueEvent } from './custody-chain.js';
import type { Problem } from './report.js';
import { integrity } from '../../store/index.js';

const offerFiled = z.object({
  sellerId: z.string(),
  captureId: z.string(),
  seenAt: z.string(),
  price: z.string().nullable(),
  currency: z.string().nullable(),
  condition: z.string().nullable(),
  shipsFrom: z.string().nullable(),
  feedbackCount: z.number().nullable(),
});

/**
 * A seller filed under a listing by its offer (listing_sellers) is a
 * custody entry (listing.offer-filed) naming the seller, the capture and
 * what the offer said: a row with no entry was inserted, an entry with no
 * row was deleted, and one that differs was edited.
 */
export async function compareOffersWithCustody(db: Db, events: readonly CatalogueEvent[]): Promise<Problem[]> {
  const problems: Problem[] = [];
  const logged = new Map<string, z.infer<typeof offerFiled>>();
  for (const e of events) {
    if (e.action !== 'listing.offer-filed' || e.subject === null) continue;
    const d = offerFiled.safeParse(e.details);
    if (d.success) logged.set(`${e.subject}\u0000${d.data.sellerId}`, d.data);
  }
  await integrity.eachOffer(db, (row) => {
    const key = `${row.listingId}\u0000${row.sellerId}`;
    const where = `listing ${row.listingId} seller ${row.sellerId}`;
    const l = logged.get(key);
    if (!l) {
      problems.push({ area: 'catalogue', where, message: 'filed as a seller of the listing, but the custody log records no listing.offer-filed for it: inserted into the database' });
      return;
    }
    logged.delete(key);
    const same = l.captureId === row.captureId && l.seenAt === row.firstSeen && l.price === row.price && l.currency === row.currency && l.condition === row.condition && l.shipsFrom === row.shipsFrom && l.feedbackCount === row.feedbackCount;
    if (!same) problems.push({ area: 'catalogue', where, message: 'its offer (capture, time, price, condition, ships from or feedback) differs from what the custody log records: edited without a record' });
    },
  );
  for (const [key] of logged) {
    const [listingId, sellerId] = key.split('\u0000');
    problems.push({ area: 'catalogue', where: `listing ${listingId} seller ${sellerId}`, message: 'the custody log records this seller filed under the listing by its offer, but the row is gone (deleted from the database)' });
  }
  return problems;
}
