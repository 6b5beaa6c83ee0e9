/**
 * PNG's row filters (RFC 2083 §6), undone in place: `cur` holds a filtered
 * row, `prev` the row above as already unfiltered (zeros for the first).
 * Shared by the screenshot slicer and the PDF reader, whose FlateDecode PNG
 * predictors are the same five filters. Returns false for an unknown filter.
 */
export function unfilterRow(filter: number, cur: Uint8Array, prev: Uint8Array, bpp: number): boolean {
  const n = cur.length;
  switch (filter) {
    case 0:
      return true;
    case 1:
      for (let i = bpp; i < n; i++) cur[i] = (cur[i] ?? 0) + (cur[i - bpp] ?? 0);
      return true;
    case 2:
      for (let i = 0; i < n; i++) cur[i] = (cur[i] ?? 0) + (prev[i] ?? 0);
      return true;
    case 3:
      for (let i = 0; i < n; i++) cur[i] = (cur[i] ?? 0) + (((i >= bpp ? (cur[i - bpp] ?? 0) : 0) + (prev[i] ?? 0)) >> 1);
      return true;
    case 4:
      for (let i = 0; i < n; i++) {
        const a = i >= bpp ? (cur[i - bpp] ?? 0) : 0;
        const c = i >= bpp ? (prev[i - bpp] ?? 0) : 0;
        cur[i] = (cur[i] ?? 0) + paeth(a, prev[i] ?? 0, c);
      }
      return true;
    default:
      return false;
  }
}

export function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}
