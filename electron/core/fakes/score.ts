import { hashWords, popcount32 } from './perceptual-hash.js';
import { replicaWordsIn } from './replica-words.js';
import { reason, type CodedReason } from './reasons.js';
import { SIGNALS, type Signal, type Weights } from './terms.js';

/**
 * The suspicion score of one search result or listing, with its reasons.
 * Pure: everything it needs is passed in (the catalogue, the seller's
 * history), so it runs the same in a monitor run, in a test and in a
 * benchmark.
 */

export interface ScoredItem {
  marketplace: string;
  title: string | null;
  /** the page's text beyond the title, where there is one */
  text?: string | null;
  price: string | null;
  currency: string | null;
  sellerKey: string | null;
  sellerName: string | null;
  /** dHash of the thumbnail or main image, when it could be read */
  imageHash?: string | null;
  seller?: { accountAgeDays?: number | null; feedbackCount?: number | null; shipsFrom?: string | null; removedBefore?: number };
}

export interface CatalogueView {
  brand: string;
  /** the brand name and the products' keywords, lower case */
  keywords: string[];
  products: { reference: string; name: string; keywords: string[]; prices: { market: string; price: string; currency: string }[] }[];
  images: { name: string; reference: string; dhash: string; mirrored: string }[];
  /** "marketplace:sellerKey", lower case */
  authorised: Set<string>;
}

export type { Reason } from './reasons.js';

export interface Score {
  /** 0 to 100 */
  score: number;
  /** each signal's strength, 0 to 1, the inputs the weights are learnt on */
  features: Record<Signal, number>;
  reasons: CodedReason[];
}

/** Hashes this close (of 64 bits) are the same picture, resized or recompressed. */
export const IMAGE_DISTANCE = 10;
const LOW_FEEDBACK = 50;
const NEW_ACCOUNT_DAYS = 365;

export function scoreItem(item: ScoredItem, cat: CatalogueView, weights: Weights): Score {
  const reasons: CodedReason[] = [];
  const title = item.title ?? '';
  const titleLower = title.toLowerCase();
  const product = matchProduct(titleLower, cat);

  const price = priceSignal(item, product);
  if (price) reasons.push(price);

  const words = replicaWordsIn(`${title}\n${item.text ?? ''}`);
  if (words.length > 0) reasons.push(reason('replica-words', 1, { words }));

  if (item.imageHash) {
    const image = closestImage(item.imageHash, cat);
    if (image && image.distance <= IMAGE_DISTANCE) {
      reasons.push(reason('official-image', 1 - image.distance / (IMAGE_DISTANCE * 2), { image: image.name, reference: image.reference, mirrored: image.mirrored, distance: image.distance }));
    }
  }

  const brandNamed = titleLower.includes(cat.brand.toLowerCase());
  if (brandNamed && item.sellerKey && !cat.authorised.has(`${item.marketplace}:${item.sellerKey}`.toLowerCase())) {
    reasons.push(reason('unauthorised-brand', 1, { brand: cat.brand, seller: item.sellerName ?? item.sellerKey, marketplace: item.marketplace, sellerKey: item.sellerKey }));
  }

  const s = item.seller;
  const young = s?.accountAgeDays != null && s.accountAgeDays < NEW_ACCOUNT_DAYS ? s.accountAgeDays : null;
  const few = s?.feedbackCount != null && s.feedbackCount < LOW_FEEDBACK ? s.feedbackCount : null;
  const bits = (young !== null ? 1 : 0) + (few !== null ? 1 : 0);
  if (bits > 0) {
    const shipsFrom = s?.shipsFrom || null;
    reasons.push(reason('seller-signals', Math.min(1, (bits + (shipsFrom ? 1 : 0)) / 2), { accountAgeDays: young, feedbackCount: few, shipsFrom }));
  }
  if (s?.removedBefore && s.removedBefore > 0) {
    reasons.push(reason('removed-before', 1, { count: s.removedBefore }));
  }

  const features = Object.fromEntries(SIGNALS.map((k) => [k, 0])) as Record<Signal, number>;
  for (const r of reasons) features[r.signal] = r.strength;
  return { score: scoreOf(features, weights), features, reasons };
}

/** 0 to 100: the logistic of the bias plus the weighted sum of the signals. */
export function scoreOf(features: Record<Signal, number>, weights: Weights): number {
  let z = weights.bias;
  for (const k of SIGNALS) z += weights.signals[k] * features[k];
  return Math.round(100 / (1 + Math.exp(-z)));
}

function matchProduct(titleLower: string, cat: CatalogueView): CatalogueView['products'][number] | null {
  let best: CatalogueView['products'][number] | null = null;
  let bestHits = 0;
  for (const p of cat.products) {
    if (titleLower.includes(p.reference.toLowerCase())) return p;
    const hits = p.keywords.filter((k) => titleLower.includes(k)).length + (titleLower.includes(p.name.toLowerCase()) ? 2 : 0);
    if (hits > bestHits) {
      best = p;
      bestHits = hits;
    }
  }
  return best;
}

/** Under 40% of the retail price is a strong sign; from 40% to 70% a weaker one. */
function priceSignal(item: ScoredItem, product: CatalogueView['products'][number] | null): CodedReason | null {
  if (!product || item.price === null) return null;
  const sameCurrency = (p: { currency: string }) => item.currency === null || p.currency === item.currency;
  // The market as named in the catalogue ("amazon.de"), else its marketplace ("amazon" for a listing on amazon.de).
  const family = item.marketplace.split('.')[0];
  const retail =
    product.prices.find((p) => p.market === item.marketplace && sameCurrency(p)) ?? product.prices.find((p) => p.market !== item.marketplace && p.market === family && sameCurrency(p));
  if (!retail) return null;
  const ratio = Number(item.price) / Number(retail.price);
  if (!Number.isFinite(ratio) || ratio >= 0.7) return null;
  const share = Math.round(ratio * 100);
  return reason('price-low', ratio < 0.4 ? 1 : 0.5, {
    price: item.price,
    currency: item.currency ?? retail.currency,
    percent: share,
    product: product.name,
    reference: product.reference,
    market: retail.market,
    retailPrice: retail.price,
    retailCurrency: retail.currency,
  });
}

/** The catalogue's hashes as 32-bit words (direct hi, lo, mirrored hi, lo per image), made once per catalogue. */
const WORDS = new WeakMap<CatalogueView['images'], Uint32Array>();

function catalogueWords(images: CatalogueView['images']): Uint32Array {
  let words = WORDS.get(images);
  if (!words) {
    words = new Uint32Array(images.length * 4);
    images.forEach((img, i) => {
      words!.set(hashWords(img.dhash), i * 4);
      words!.set(hashWords(img.mirrored), i * 4 + 2);
    });
    WORDS.set(images, words);
  }
  return words;
}

function closestImage(hash: string, cat: CatalogueView): { name: string; reference: string; distance: number; mirrored: boolean } | null {
  if (!/^[0-9a-f]{16}$/.test(hash) || cat.images.length === 0) return null;
  const words = catalogueWords(cat.images);
  const [hi, lo] = hashWords(hash);
  let best = -1;
  let bestDistance = 65;
  let bestMirrored = false;
  for (let i = 0; i < cat.images.length; i++) {
    const d = popcount32((hi ^ words[i * 4]!) >>> 0) + popcount32((lo ^ words[i * 4 + 1]!) >>> 0);
    const m = popcount32((hi ^ words[i * 4 + 2]!) >>> 0) + popcount32((lo ^ words[i * 4 + 3]!) >>> 0);
    const distance = Math.min(d, m);
    if (distance < bestDistance) {
      best = i;
      bestDistance = distance;
      bestMirrored = m < d;
      if (distance === 0) break;
    }
  }
  const img = cat.images[best]!;
  return { name: img.name, reference: img.reference, distance: bestDistance, mirrored: bestMirrored };
}
