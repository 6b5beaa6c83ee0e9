import { z } from 'zod';
import { FILED_OUTCOMES } from '../../catalogue/placement.js';
import type { Db } from '../db.js';
import type { CatalogueEvent } from './custody-chain.js';
import type { Problem } from './report.js';
import { integrity } from '../../store/index.js';

const listingCreated = z.object({ marketplace: z.string(), listingKey: z.string(), url: z.string() });

/** A field's JSON value as refreshListing takes it: a non-empty string, else nothing. */
function text(json: string | null): string | null {
  if (json === null) return null;
  try {
    const v = JSON.parse(json) as unknown;
    return typeof v === 'string' && v !== '' ? v : null;
  } catch {
    return null;
  }
}

/**
 * A listing is made with a custody entry naming what identifies it, and
 * shows what its latest capture shows, as corrected (refreshListing): its
 * title, price, currency, availability and seller are recomputed here from
 * the evidence rows (themselves checked against the signed extracted.json and
 * the logged corrections), in one pass through indexes.
 */
export async function compareListings(db: Db, events: readonly CatalogueEvent[]): Promise<Problem[]> {
  const problems: Problem[] = [];
  const created = new Map<string, z.infer<typeof listingCreated>>();
  for (const e of events) {
    if (e.action !== 'listing.created' || e.subject === null) continue;
    const d = listingCreated.safeParse(e.details);
    if (d.success) created.set(e.subject, d.data);
  }
  const seen = new Set<string>();
  await integrity.eachListingWithLatest(db, FILED_OUTCOMES, (row) => {
    seen.add(row.id);
    const where = `listing ${row.marketplace}:${row.listingKey} (${row.id})`;
    const say = (message: string) => problems.push({ area: 'catalogue', where, message });
    const logged = created.get(row.id);
    if (!logged) say('the custody log records no listing.created for it: inserted into the database');
    else if (logged.marketplace !== row.marketplace || logged.listingKey !== row.listingKey || logged.url !== row.url) {
      say('its marketplace, listing id or address differs from what the custody log recorded when it was made: edited without a record');
    }
    // A listing none of whose captures is shown keeps what it last showed: nothing to recompute it from.
    if (row.captureId === null) return;
    const expected: [string, string | null, string | null][] = [
      ['price', row.price, text(row.latestPrice)],
      ['currency', row.currency, text(row.latestCurrency)],
      ['availability', row.availability, text(row.latestAvailability)],
    ];
    // A title or seller the latest capture lacks leaves the one shown before.
    const title = text(row.latestTitle);
    if (title !== null) expected.push(['title', row.title, title]);
    if (row.captureSellerId !== null) expected.push(['seller', row.sellerId, row.captureSellerId]);
    for (const [what, stored, want] of expected) {
      if (stored !== want) say(`shows ${what} ${JSON.stringify(stored)}, but its latest capture ${row.captureId} says ${JSON.stringify(want)} (as corrected): the listing, or the capture rows it is computed from, edited in the database`);
    }
  });
  for (const id of created.keys()) if (!seen.has(id)) problems.push({ area: 'catalogue', where: `listing ${id}`, message: 'the custody log records it being made, but its row is gone (deleted from the database)' });
  return problems;
}
