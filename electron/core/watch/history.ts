import { captureFields, type CorrectableField, type FieldValue } from '../catalogue/fields.js';
import { sellerPageKey } from '../links/trader-history.js';
import { recaptures } from '../store/index.js';
import type { Db } from '../workspace/db.js';

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
  const previous = await recaptures.latestCaptureOfListing(db, listingId);
  const shown = await recaptures.latestCaptureShowingListing(db, listingId);
  const lastRemoved = await recaptures.lastRemovedAt(db, listingId);
  let shownState: ListingState['shown'] = null;
  if (shown) {
    const fields = await captureFields(db, shown.id);
    const tiles = await recaptures.fullPageTiles(db, shown.id);
    const text = await recaptures.visibleTextOf(db, shown.id);
    shownState = {
      captureId: shown.id,
      startedAt: shown.startedAt,
      values: new Map([...fields].map(([f, s]) => [f, s.value])),
      pageKind: shown.pageKind,
      tiles: tiles.map((sha256) => objectPath(sha256)),
      textSha256: text ?? null,
    };
  }
  const listing = await recaptures.listingKeyAndSeller(db, listingId);
  return {
    previousId: previous ?? null,
    shown: shownState,
    removed: lastRemoved !== undefined && (shown === undefined || lastRemoved > shown.startedAt),
    listingKey: listing?.listingKey ?? '',
    seller: listing?.marketplace && listing.sellerKey ? { marketplace: listing.marketplace, sellerKey: listing.sellerKey } : null,
  };
}

/**
 * The listings the last re-capture of this page of the seller showed, by
 * key; null when there was none. A seller's pages (its shop, its trader
 * details) are each compared with their own earlier re-capture, never with
 * one another: the page is told by the address its capture ended at
 * (sellerPageKey), which is the address its job is given.
 */
export async function lastStorefront(db: Db, sellerId: string, url: string): Promise<{ captureId: string; listings: string[] } | null> {
  const page = sellerPageKey(url);
  const last = (await recaptures.storefrontRecapturesOf(db, sellerId)).find((r) => sellerPageKey(r.url) === page);
  return last ? { captureId: last.captureId, listings: await recaptures.storefrontListingsOf(db, last.captureId) } : null;
}
