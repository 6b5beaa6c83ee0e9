import { captureFields, type CorrectableField, type FieldValue } from '../catalogue/fields.js';
import type { Db } from '../workspace/db.js';

const SHOWN = "('complete', 'partial', 'imported')";

/** What a re-capture of a listing is compared with, read before the page is captured. */
export interface ListingState {
  /** the latest capture of the listing, whatever its outcome */
  previousId: string | null;
  /** the latest capture that showed the listing, its values in force and its full-page screenshot */
  shown: { captureId: string; startedAt: string; values: Map<CorrectableField, FieldValue>; pageKind: string | null; tiles: string[]; textSha256: string | null } | null;
  /** the listing's key on its marketplace */
  listingKey: string;
  /** the listing's seller, as filed */
  seller: { marketplace: string; sellerKey: string } | null;
  /** true when the listing was last seen removed */
  removed: boolean;
}

/**
 * A listing's captures are those filed under it and the re-captures made of
 * it (a 404 is filed under no listing, yet it re-checked this one). A
 * capture shows the listing when it was filed under it with a page, and was
 * not classified removed, blocked or an error.
 */
export async function listingState(db: Db, listingId: string, objectPath: (sha256: string) => string): Promise<ListingState> {
  const previous = await db.get<{ id: string }>(
    `SELECT c.id FROM captures c WHERE c.id IN (SELECT id FROM captures WHERE listing_id = ? UNION SELECT capture_id FROM recaptures WHERE listing_id = ?)
     ORDER BY c.started_at DESC, c.id DESC LIMIT 1`,
    [listingId, listingId],
  );
  const shown = await db.get<{ id: string; started_at: string; page_kind: string | null }>(
    `SELECT c.id, c.started_at, (SELECT page_kind FROM capture_extraction WHERE capture_id = c.id) AS page_kind FROM captures c WHERE c.listing_id = ? AND c.outcome IN ${SHOWN}
       AND NOT EXISTS (SELECT 1 FROM recaptures r WHERE r.capture_id = c.id AND r.classification IN ('removed', 'blocked', 'error'))
     ORDER BY c.started_at DESC, c.id DESC LIMIT 1`,
    [listingId],
  );
  const lastRemoved = await db.get<{ at: string }>(
    `SELECT c.started_at AS at FROM recaptures r JOIN captures c ON c.id = r.capture_id WHERE r.listing_id = ? AND r.classification = 'removed' ORDER BY c.started_at DESC LIMIT 1`,
    [listingId],
  );
  let shownState: ListingState['shown'] = null;
  if (shown) {
    const fields = await captureFields(db, shown.id);
    const tiles = await db.all<{ sha256: string }>("SELECT sha256 FROM artifacts WHERE capture_id = ? AND kind = 'screenshot-full' ORDER BY name", [shown.id]);
    const text = await db.get<{ sha256: string }>("SELECT sha256 FROM artifacts WHERE capture_id = ? AND kind = 'text'", [shown.id]);
    shownState = {
      captureId: shown.id,
      startedAt: shown.started_at,
      values: new Map([...fields].map(([f, s]) => [f, s.value])),
      pageKind: shown.page_kind,
      tiles: tiles.map((t) => objectPath(t.sha256)),
      textSha256: text?.sha256 ?? null,
    };
  }
  const listing = await db.get<{ listingKey: string; marketplace: string | null; sellerKey: string | null }>(
    'SELECT l.listing_key AS listingKey, s.marketplace, s.seller_key AS sellerKey FROM listings l LEFT JOIN sellers s ON s.id = l.seller_id WHERE l.id = ?',
    [listingId],
  );
  return {
    previousId: previous?.id ?? null,
    shown: shownState,
    removed: lastRemoved !== undefined && (shown === undefined || lastRemoved.at > shown.started_at),
    listingKey: listing?.listingKey ?? '',
    seller: listing?.marketplace && listing.sellerKey ? { marketplace: listing.marketplace, sellerKey: listing.sellerKey } : null,
  };
}

/** The listings a seller's last storefront re-capture showed, by key; null when there was none. */
export async function lastStorefront(db: Db, sellerId: string): Promise<{ captureId: string; listings: string[] } | null> {
  const row = await db.get<{ capture_id: string; detail: string }>(
    `SELECT r.capture_id, r.detail FROM recaptures r JOIN captures c ON c.id = r.capture_id
     WHERE r.kind = 'storefront' AND r.seller_id = ? AND r.classification IN ('first', 'unchanged', 'changed')
     ORDER BY c.started_at DESC LIMIT 1`,
    [sellerId],
  );
  if (!row) return null;
  const detail = JSON.parse(row.detail) as { listings?: string[] };
  return { captureId: row.capture_id, listings: detail.listings ?? [] };
}
