import { hashWords, popcount32 } from '../fakes/perceptual-hash.js';
import type { IdentifierKind } from './identifiers.js';
import { estimatedJaccard, minhash, SIGNATURE_SIZE } from './minhash.js';

/** Where an item was seen: the capture, the artifact and the field it was read from. */
export interface SeenAt {
  captureId: string | null;
  artifact: string;
  field: string;
  /** as the page wrote it */
  raw: string;
}

export interface IdentifierItem extends SeenAt {
  sellerId: string;
  kind: Exclude<IdentifierKind, 'image' | 'text'>;
  value: string;
}

export interface ImageItem extends SeenAt {
  sellerId: string;
  dhash: string;
  mirrored: string;
}

export interface TextItem extends SeenAt {
  sellerId: string;
  shingles: readonly number[];
}

export interface SharedItem {
  kind: IdentifierKind;
  /** the normalised value both share (for an image, the first seller's hash; for text, the similarity) */
  value: string;
  weight: number;
  a: SeenAt;
  b: SeenAt;
  /** for an image: the second was a mirrored copy of the first */
  mirrored?: boolean;
}

export type Strength = 'strong' | 'weak';

export interface Link {
  /** a < b */
  a: string;
  b: string;
  score: number;
  strength: Strength;
  shared: SharedItem[];
}

/**
 * What each kind of shared item is worth. A registration number, an
 * e-mail, a phone number or a chat handle belongs to one business: one is
 * enough (score 1, strong). An address can be a forwarder's or a warehouse's,
 * a picture a stock photo, a text a template: each is weak, but several add up.
 */
export const WEIGHTS: Record<IdentifierKind, number> = { vat: 1, company: 1, email: 1, phone: 1, chat: 1, website: 0.6, address: 0.5, image: 0.35, text: 0.4 };
export const STRONG = 1;
/** Text this similar and this long was written once and copied: it counts as much as an identifier. */
export const COPIED_TEXT = { jaccard: 0.9, shingles: 40, weight: 1 };
export const SIMILAR_TEXT = 0.5;
/** dHash bits that may differ between two copies of one picture (resized, recompressed). */
export const IMAGE_DISTANCE = 3;
/** A value shared by more sellers than this is the marketplace's, a forwarder's or a stock item, not an operator's. */
export const MAX_SHARERS = 25;
/** A shingle in more than this share of sellers (and at least 10) is a stock phrase and links no one. */
export const STOCK_SHINGLE_SHARE = 0.01;

export interface LinkInput {
  identifiers: readonly IdentifierItem[];
  images: readonly ImageItem[];
  texts: readonly TextItem[];
  /** pairs "a|b" (a < b) the investigator rejected: never proposed again */
  rejected?: ReadonlySet<string>;
}

export const pairKey = (x: string, y: string): string => (x < y ? `${x}|${y}` : `${y}|${x}`);

/** Every pair of sellers that share something, with all they share and how strongly that links them. */
export function computeLinks(input: LinkInput): Link[] {
  const pairs = new Map<string, { a: string; b: string; shared: SharedItem[]; counted: Map<IdentifierKind, number> }>();
  const add = (x: string, y: string, item: Omit<SharedItem, 'a' | 'b'>, sx: SeenAt, sy: SeenAt) => {
    if (x === y) return;
    const key = pairKey(x, y);
    if (input.rejected?.has(key)) return;
    let p = pairs.get(key);
    if (!p) pairs.set(key, (p = { a: x < y ? x : y, b: x < y ? y : x, shared: [], counted: new Map() }));
    const [a, b] = x < y ? [sx, sy] : [sy, sx];
    if (p.shared.some((s) => s.kind === item.kind && s.value === item.value)) return;
    p.shared.push({ ...item, a, b });
  };

  linkIdentifiers(input.identifiers, add);
  linkImages(input.images, add);
  linkTexts(input.texts, add);

  const links: Link[] = [];
  for (const p of pairs.values()) {
    const score = Math.round(p.shared.reduce((s, i) => s + i.weight, 0) * 100) / 100;
    p.shared.sort((x, y) => y.weight - x.weight || x.kind.localeCompare(y.kind) || x.value.localeCompare(y.value));
    links.push({ a: p.a, b: p.b, score, strength: score >= STRONG ? 'strong' : 'weak', shared: p.shared });
  }
  return links.sort((x, y) => y.score - x.score || x.a.localeCompare(y.a) || x.b.localeCompare(y.b));
}

type Add = (x: string, y: string, item: Omit<SharedItem, 'a' | 'b'>, sx: SeenAt, sy: SeenAt) => void;

function linkIdentifiers(items: readonly IdentifierItem[], add: Add): void {
  const byValue = new Map<string, IdentifierItem[]>();
  for (const i of items) {
    const key = `${i.kind}\u0000${i.value}`;
    const list = byValue.get(key);
    if (list) list.push(i);
    else byValue.set(key, [i]);
  }
  for (const list of byValue.values()) {
    const first = firstPerSeller(list);
    if (first.length < 2 || first.length > MAX_SHARERS) continue;
    for (let i = 0; i < first.length; i++)
      for (let j = i + 1; j < first.length; j++) {
        const x = first[i]!;
        const y = first[j]!;
        add(x.sellerId, y.sellerId, { kind: x.kind, value: x.value, weight: WEIGHTS[x.kind] }, x, y);
      }
  }
}

function firstPerSeller<T extends { sellerId: string }>(list: readonly T[]): T[] {
  const seen = new Map<string, T>();
  for (const i of list) if (!seen.has(i.sellerId)) seen.set(i.sellerId, i);
  return [...seen.values()];
}

/**
 * Near-identical pictures by multi-index hashing: two 64-bit hashes within
 * 3 bits differ in at most one bit in one of their 32-bit halves, so each
 * picture is indexed by its two halves and looked up by each half as it is
 * and with each single bit flipped (33 probes a half). A 32-bit key holds
 * almost only true matches, so the work per picture stays the same however
 * many pictures there are (16-bit bands grew as the square of their number).
 * Each image is looked up as it is and mirrored (a flipped copy is a common
 * way round duplicate checks).
 */
function linkImages(items: readonly ImageItem[], add: Add): void {
  const n = items.length;
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  const mhi = new Uint32Array(n);
  const mlo = new Uint32Array(n);
  const byHi = new Map<number, number[]>();
  const byLo = new Map<number, number[]>();
  const index = (map: Map<number, number[]>, key: number, i: number) => {
    const b = map.get(key);
    if (b) b.push(i);
    else map.set(key, [i]);
  };
  items.forEach((it, i) => {
    [hi[i], lo[i]] = hashWords(it.dhash);
    [mhi[i], mlo[i]] = hashWords(it.mirrored);
    index(byHi, hi[i]!, i);
    index(byLo, lo[i]!, i);
  });
  // Distinct sellers near each image: a picture on many accounts is a stock photo.
  const matches = new Map<number, Map<number, boolean>>();
  const consider = (i: number, j: number, qh: number, ql: number, mirrored: boolean) => {
    if (j <= i && !mirrored) return;
    if (j === i || items[j]!.sellerId === items[i]!.sellerId) return;
    if (popcount32((qh ^ hi[j]!) >>> 0) + popcount32((ql ^ lo[j]!) >>> 0) > IMAGE_DISTANCE) return;
    const [x, y] = i < j ? [i, j] : [j, i];
    let m = matches.get(x);
    if (!m) matches.set(x, (m = new Map()));
    if (!m.has(y)) m.set(y, mirrored);
  };
  for (let i = 0; i < n; i++) {
    for (const [qh, ql, mirrored] of [[hi[i]!, lo[i]!, false], [mhi[i]!, mlo[i]!, true]] as const) {
      for (let bit = -1; bit < 32; bit++) {
        const flip = bit < 0 ? 0 : 1 << bit;
        for (const j of byHi.get((qh ^ flip) >>> 0) ?? []) consider(i, j, qh, ql, mirrored);
        for (const j of byLo.get((ql ^ flip) >>> 0) ?? []) consider(i, j, qh, ql, mirrored);
      }
    }
  }
  const sharers = new Map<number, Set<string>>();
  for (const [x, m] of matches) {
    const s = new Set<string>([items[x]!.sellerId]);
    for (const y of m.keys()) s.add(items[y]!.sellerId);
    sharers.set(x, s);
  }
  for (const [x, m] of matches) {
    if ((sharers.get(x)?.size ?? 0) > MAX_SHARERS) continue;
    for (const [y, mirrored] of m) {
      const a = items[x]!;
      const b = items[y]!;
      add(a.sellerId, b.sellerId, { kind: 'image', value: a.dhash, weight: WEIGHTS.image, ...(mirrored ? { mirrored: true } : {}) }, a, b);
    }
  }
}

const BANDS = 16;
const ROWS = SIGNATURE_SIZE / BANDS;

/**
 * Descriptions that are copies or near copies: stock shingles removed, a
 * MinHash of what is left, candidates from locality-sensitive hashing (16
 * bands of 4 rows), and the estimated similarity checked.
 */
function linkTexts(items: readonly TextItem[], add: Add): void {
  // How many sellers use each shingle: counted once per seller, without a set per shingle (millions of them at scale).
  const perSeller = new Map<string, Set<number>>();
  for (const t of items) {
    let set = perSeller.get(t.sellerId);
    if (!set) perSeller.set(t.sellerId, (set = new Set()));
    for (const s of t.shingles) set.add(s);
  }
  const df = new Map<number, number>();
  for (const set of perSeller.values()) for (const s of set) df.set(s, (df.get(s) ?? 0) + 1);
  const limit = Math.max(10, Math.ceil(perSeller.size * STOCK_SHINGLE_SHARE));
  const kept = items.map((t) => t.shingles.filter((s) => df.get(s)! <= limit));
  const sigs = kept.map((k) => (k.length > 0 ? minhash(k) : null));
  const buckets = new Map<string, number[]>();
  sigs.forEach((sig, i) => {
    if (!sig) return;
    for (let b = 0; b < BANDS; b++) {
      const key = `${b}:${Array.from(sig.subarray(b * ROWS, (b + 1) * ROWS)).join(',')}`;
      const list = buckets.get(key);
      if (list) list.push(i);
      else buckets.set(key, [i]);
    }
  });
  const done = new Set<string>();
  for (const list of buckets.values()) {
    if (list.length < 2) continue;
    for (let x = 0; x < list.length; x++)
      for (let y = x + 1; y < list.length; y++) {
        const i = list[x]!;
        const j = list[y]!;
        const a = items[i]!;
        const b = items[j]!;
        if (a.sellerId === b.sellerId || done.has(`${i}|${j}`)) continue;
        done.add(`${i}|${j}`);
        const sim = estimatedJaccard(sigs[i]!, sigs[j]!);
        if (sim < SIMILAR_TEXT) continue;
        const long = Math.min(kept[i]!.length, kept[j]!.length) >= COPIED_TEXT.shingles;
        const weight = sim >= COPIED_TEXT.jaccard && long ? COPIED_TEXT.weight : WEIGHTS.text;
        add(a.sellerId, b.sellerId, { kind: 'text', value: `${Math.round(sim * 100)}% similar`, weight }, a, b);
      }
  }
}

/**
 * Operators: sellers joined by strong links and by the investigator's
 * confirmations, transitively (union-find with path halving). Rejected
 * pairs never join directly. Returns each cluster of two or more, sorted.
 */
export function operators(sellers: readonly string[], links: readonly Link[], confirmed: ReadonlyArray<readonly [string, string]> = []): string[][] {
  const index = new Map(sellers.map((s, i) => [s, i]));
  const parent = Int32Array.from(sellers.keys());
  const find = (x: number) => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  const union = (a: string, b: string) => {
    const x = index.get(a);
    const y = index.get(b);
    if (x === undefined || y === undefined) return;
    const rx = find(x);
    const ry = find(y);
    if (rx !== ry) parent[Math.max(rx, ry)] = Math.min(rx, ry);
  };
  for (const l of links) if (l.strength === 'strong') union(l.a, l.b);
  for (const [a, b] of confirmed) union(a, b);
  const groups = new Map<number, string[]>();
  sellers.forEach((s, i) => {
    const r = find(i);
    const g = groups.get(r);
    if (g) g.push(s);
    else groups.set(r, [s]);
  });
  return [...groups.values()].filter((g) => g.length > 1).map((g) => g.sort()).sort((x, y) => x[0]!.localeCompare(y[0]!));
}
