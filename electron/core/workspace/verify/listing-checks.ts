import { z } from 'zod';
import { FILED_OUTCOMES } from '../../catalogue/placement.js';
import type { Db } from '../db.js';
import type { CatalogueEvent } from './custody-chain.js';
import type { Problem } from './report.js';

const listingCreated = z.object({ marketplace: z.string(), listingKey: z.string(), url: z.string() });

const SHOWN = [...FILED_OUTCOMES].map((o) => `'${o}'`).join(', ');
/** The value a field of the latest capture holds: its latest correction, else what was extracted (JSON). */
const fieldOf = (field: string, alias: string) =>
  `COALESCE((SELECT fc.value FROM field_corrections fc WHERE fc.capture_id = x.captureId AND fc.field = '${field}' ORDER BY fc.seq DESC LIMIT 1),
            (SELECT cf.value FROM capture_fields cf WHERE cf.capture_id = x.captureId AND cf.field = '${field}')) AS ${alias}`;

interface ListingRow {
  id: string;
  marketplace: string;
  listingKey: string;
  url: string;
  title: string | null;
  price: string | null;
  currency: string | null;
  availability: string | null;
  sellerId: string | null;
  captureId: string | null;
  captureSellerId: string | null;
  latestTitle: string | null;
  latestPrice: string | null;
  latestCurrency: string | null;
  latestAvailability: string | null;
}

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
  await db.each<ListingRow>(
    // MATERIALIZED: the latest capture is looked up once per listing, not once per column that names it.
    `WITH x AS MATERIALIZED (
       SELECT l.id, l.marketplace, l.listing_key AS listingKey, l.url, l.title, l.price, l.currency, l.availability, l.seller_id AS sellerId,
         (SELECT c2.id FROM captures c2 WHERE c2.listing_id = l.id AND c2.outcome IN (${SHOWN}) ORDER BY c2.started_at DESC, c2.id DESC LIMIT 1) AS captureId
       FROM listings l)
     SELECT x.*, c.seller_id AS captureSellerId,
       ${fieldOf('title', 'latestTitle')}, ${fieldOf('price', 'latestPrice')}, ${fieldOf('currency', 'latestCurrency')}, ${fieldOf('availability', 'latestAvailability')}
     FROM x LEFT JOIN captures c ON c.id = x.captureId`,
    [],
    (row) => {
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
    },
  );
  for (const id of created.keys()) if (!seen.has(id)) problems.push({ area: 'catalogue', where: `listing ${id}`, message: 'the custody log records it being made, but its row is gone (deleted from the database)' });
  return problems;
}
