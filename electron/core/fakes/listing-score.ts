import { FILED_OUTCOMES } from '../catalogue/placement.js';
import { sellersOfListings } from '../catalogue/offers.js';
import { scores } from '../store/index.js';
import type { Workspace } from '../workspace/workspace.js';
import { catalogueView, listBrands } from './brands.js';
import { imageFromCapture } from './capture-image.js';
import { removedListingsOf } from './monitors.js';
import { perceptualHash } from './perceptual-hash.js';
import { scoreItem, type CatalogueView, type Reason } from './score.js';
import type { Signal } from './terms.js';
import { weightsInForce } from './weights.js';

/**
 * The suspicion score of captured listings, not only of search results:
 * each seller a listing was seen with (the buy-box seller at the listing's
 * price, each other seller at its offer's price) is scored against the
 * catalogue of the brand the title names, with what the capture holds as
 * evidence: the title and the page's text, the main image as the capture
 * recorded it (read from its WARC, never fetched again), the sellers'
 * feedback and where they ship from, and the listings of that seller a
 * re-capture already found removed. Computed when asked, from evidence
 * rows: nothing is stored, so nothing can drift from the captures.
 */

export interface ListingScore {
  listingId: string;
  marketplace: string;
  listingKey: string;
  url: string;
  title: string | null;
  /** the capture the score reads (the listing's latest capture that shows it) */
  captureId: string;
  brand: string;
  seller: { sellerId: string; marketplace: string; sellerKey: string; name: string | null; via: ('buy-box' | 'offer')[] } | null;
  price: string | null;
  currency: string | null;
  score: number;
  features: Record<Signal, number>;
  reasons: Reason[];
}

const MAX_TEXT = 200_000;

/** The captured listings, each seller's offer scored, highest first; those naming no brand of the catalogue are left out. */
export async function scoreListings(ws: Workspace, filter: { listingIds?: readonly string[] } = {}): Promise<ListingScore[]> {
  const db = ws.db;
  const brands = await Promise.all((await listBrands(db)).map((b) => catalogueView(db, b.id)));
  if (brands.length === 0) return [];
  const { weights } = await weightsInForce(db);
  const rows = await scores.listingsToScore(db, [...FILED_OUTCOMES], filter.listingIds);
  const shown = rows.filter((r): r is scores.ListingToScore & { captureId: string } => r.captureId !== null);
  const sellers = await sellersOfListings(
    db,
    shown.map((r) => r.id),
  );
  const removed = new Map<string, number>();
  const out: ListingScore[] = [];
  for (const l of shown) {
    const titleLower = (l.title ?? '').toLowerCase();
    const named = brands.filter((b) => b.keywords.some((k) => k && titleLower.includes(k)));
    if (named.length === 0) continue;
    const text = await captureText(ws, l.captureId);
    const imageHash = named.some((b) => b.images.length > 0) ? await mainImageHash(ws, l.captureId) : null;
    const all = sellers.get(l.id) ?? [];
    // The buy-box seller at the listing's price, then each seller at its own offer's price.
    const candidates: { seller: (typeof all)[number] | null; price: string | null; currency: string | null; shipsFrom: string | null; feedback: number | null }[] = [];
    const buyBox = all.find((s) => s.sellerId === l.sellerId) ?? null;
    candidates.push({ seller: buyBox, price: l.price, currency: l.currency, shipsFrom: buyBox?.offer?.shipsFrom ?? null, feedback: buyBox?.offer?.feedbackCount ?? null });
    for (const s of all) {
      if (s === buyBox || !s.offer) continue;
      candidates.push({ seller: s, price: s.offer.price, currency: s.offer.currency, shipsFrom: s.offer.shipsFrom, feedback: s.offer.feedbackCount });
    }
    for (const c of candidates) {
      let removedBefore = 0;
      if (c.seller) {
        const key = `${c.seller.marketplace}\u0000${c.seller.sellerKey}`;
        if (!removed.has(key)) removed.set(key, await removedListingsOf(db, c.seller.marketplace, c.seller.sellerKey));
        removedBefore = removed.get(key)!;
      }
      let best: { brand: CatalogueView; s: ReturnType<typeof scoreItem> } | null = null;
      for (const b of named) {
        const s = scoreItem(
          {
            marketplace: l.marketplace,
            title: l.title,
            text,
            price: c.price,
            currency: c.currency,
            sellerKey: c.seller?.sellerKey ?? null,
            sellerName: c.seller?.name ?? null,
            imageHash,
            seller: { feedbackCount: c.feedback, shipsFrom: c.shipsFrom, removedBefore },
          },
          b,
          weights,
        );
        if (!best || s.score > best.s.score) best = { brand: b, s };
      }
      out.push({
        listingId: l.id,
        marketplace: l.marketplace,
        listingKey: l.listingKey,
        url: l.url,
        title: l.title,
        captureId: l.captureId,
        brand: best!.brand.brand,
        seller: c.seller && { sellerId: c.seller.sellerId, marketplace: c.seller.marketplace, sellerKey: c.seller.sellerKey, name: c.seller.name, via: c.seller.via },
        price: c.price,
        currency: c.currency,
        score: best!.s.score,
        features: best!.s.features,
        reasons: best!.s.reasons,
      });
    }
  }
  return out.sort((a, b) => b.score - a.score || a.listingId.localeCompare(b.listingId) || (a.seller?.sellerKey ?? '').localeCompare(b.seller?.sellerKey ?? ''));
}

async function artifact(ws: Workspace, captureId: string, kind: string): Promise<{ sha256: string; bytes: number } | undefined> {
  return scores.firstArtifactOfKind(ws.db, captureId, kind);
}

/** The visible text the capture recorded. */
async function captureText(ws: Workspace, captureId: string): Promise<string> {
  const a = await artifact(ws, captureId, 'text');
  if (!a) return '';
  return (await ws.store.read(a.sha256)).subarray(0, MAX_TEXT).toString('utf8');
}

/**
 * The dHash of the listing's main image as the capture recorded it: the
 * first image address the extraction read, its response in the capture's
 * WARC. None when either is missing or the image cannot be decoded.
 */
async function mainImageHash(ws: Workspace, captureId: string): Promise<string | null> {
  const first = await mainImageUrl(ws, captureId);
  const image = first ? await imageFromCapture(ws, captureId, first) : null;
  if (!image) return null;
  const h = await perceptualHash(image.bytes);
  return h.ok ? h.value.dhash : null;
}

/** The first image address the listing's capture shows (as corrected). */
export async function mainImageUrl(ws: Workspace, captureId: string): Promise<string | null> {
  const images = await scores.imageAddressesOf(ws.db, captureId);
  return Array.isArray(images) && typeof images[0] === 'string' ? images[0] : null;
}
