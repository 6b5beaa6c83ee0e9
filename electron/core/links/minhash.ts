/**
 * Text fingerprints of listing descriptions: the set of word shingles
 * (five words in a row), each as a 32-bit hash, and a MinHash signature of
 * that set, whose agreement estimates the Jaccard similarity of two texts.
 * Shingles many sellers share (stock phrases: "fast shipping, 100%
 * satisfaction") are taken out before signing, so they link no one.
 */
export const SHINGLE_WORDS = 5;
export const SIGNATURE_SIZE = 64;

export function words(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** FNV-1a over the UTF-16 code units: fast, stable across runs and machines. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function shingles(text: string, size = SHINGLE_WORDS): number[] {
  const w = words(text);
  const out = new Set<number>();
  if (w.length > 0 && w.length < size) out.add(hash32(w.join(' ')));
  for (let i = 0; i + size <= w.length; i++) out.add(hash32(w.slice(i, i + size).join(' ')));
  return [...out].sort((a, b) => a - b);
}

/** Fixed odd multipliers and offsets: a signature made today compares with one made next year. */
const SEEDS: ReadonlyArray<readonly [number, number]> = Array.from({ length: SIGNATURE_SIZE }, (_, i) => {
  const a = (hash32(`a${i}`) | 1) >>> 0;
  const b = hash32(`b${i}`);
  return [a, b] as const;
});

export function minhash(set: readonly number[]): Uint32Array {
  const sig = new Uint32Array(SIGNATURE_SIZE).fill(0xffffffff);
  for (const x of set) {
    for (let i = 0; i < SIGNATURE_SIZE; i++) {
      const [a, b] = SEEDS[i]!;
      const v = (Math.imul(x ^ b, a) ^ (x >>> 15)) >>> 0;
      if (v < sig[i]!) sig[i] = v;
    }
  }
  return sig;
}

export function estimatedJaccard(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < SIGNATURE_SIZE; i++) if (a[i] === b[i]) same++;
  return same / SIGNATURE_SIZE;
}
