import { readFile } from 'node:fs/promises';
import { pngInfoOf, pngRgbBlocks } from './png-slices.js';

/** A screenshot as its PNG tiles, top to bottom (one tile for most pages): files or bytes. */
export type ScreenshotTiles = readonly (string | Uint8Array)[];

export interface ScreenshotDiff {
  /** share of the page's area that differs, 0 to 1 (cells of CELL × CELL px) */
  share: number;
  cells: number;
  differingCells: number;
  before: { width: number; height: number };
  after: { width: number; height: number };
  /** top of the first and bottom of the last differing band, px; null when nothing differs */
  changedRows: { from: number; to: number } | null;
  /** where the two differ, as rectangles of whole cells (asked for with regions: true) */
  regions?: DiffRegion[];
}

export interface DiffRegion {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Past this many rectangles, a band's runs are joined into one across its width: the viewer draws them all. */
const MAX_REGIONS = 4000;

/** Cell size: fine enough to see a changed price, coarse enough to count in one pass. */
export const CELL = 16;
/**
 * A pixel differs when a channel moves by more than this. The same page
 * rendered twice by the same browser is pixel-identical; the tolerance only
 * absorbs the odd anti-aliasing step, never a changed word or image.
 */
const TOLERANCE = 24;
const BAND_ROWS = 256;

/**
 * What share of two full-page screenshots differs, compared cell by cell
 * over the area of both: where one page is wider or taller than the other,
 * the extra area counts as changed. Streams both images, one band at a time.
 */
export async function diffScreenshots(before: ScreenshotTiles, after: ScreenshotTiles, opts: { regions?: boolean } = {}): Promise<ScreenshotDiff> {
  const same = await identical(before, after);
  if (same) return opts.regions ? { ...same, regions: [] } : same;
  const regions = opts.regions ? new RegionCollector() : null;
  const a = rowStream(before);
  const b = rowStream(after);
  let y = 0;
  let cells = 0;
  let differing = 0;
  let first = -1;
  let last = -1;
  let widthA = 0;
  let widthB = 0;
  let heightA = 0;
  let heightB = 0;
  let rowA = await a.next();
  let rowB = await b.next();
  while (!rowA.done || !rowB.done) {
    let marks = new Uint8Array(0);
    let bandWidth = 0;
    let rowsInBand = 0;
    let oneSided = false;
    for (; rowsInBand < CELL && (!rowA.done || !rowB.done); rowsInBand++) {
      const ra = rowA.done ? null : rowA.value;
      const rb = rowB.done ? null : rowB.value;
      if (ra) {
        widthA = ra.length / 3;
        heightA++;
      }
      if (rb) {
        widthB = rb.length / 3;
        heightB++;
      }
      const w = Math.max(ra ? ra.length / 3 : 0, rb ? rb.length / 3 : 0);
      if (w > bandWidth) {
        const grown = new Uint8Array(Math.ceil(w / CELL));
        grown.set(marks);
        marks = grown;
        bandWidth = w;
      }
      if (ra && rb) markDifferences(ra, rb, marks);
      else oneSided = true;
      if (!rowA.done) rowA = await a.next();
      if (!rowB.done) rowB = await b.next();
    }
    const bandCells = Math.ceil(bandWidth / CELL);
    let bandDiffering = 0;
    if (oneSided) bandDiffering = bandCells;
    else for (let i = 0; i < bandCells; i++) bandDiffering += marks[i]!;
    cells += bandCells;
    differing += bandDiffering;
    if (bandDiffering > 0) {
      if (first < 0) first = y;
      last = y + rowsInBand;
    }
    regions?.band(y, rowsInBand, oneSided ? new Uint8Array(bandCells).fill(1) : marks.subarray(0, bandCells));
    y += rowsInBand;
  }
  return {
    share: cells === 0 ? 0 : differing / cells,
    cells,
    differingCells: differing,
    before: { width: widthA, height: heightA },
    after: { width: widthB, height: heightB },
    changedRows: first < 0 ? null : { from: first, to: last },
    ...(regions ? { regions: regions.done() } : {}),
  };
}

/** Runs of differing cells, band by band; a run the same as the band above's grows that rectangle down. */
class RegionCollector {
  private readonly closed: DiffRegion[] = [];
  private open = new Map<string, DiffRegion>();

  band(y: number, rows: number, marks: Uint8Array): void {
    const next = new Map<string, DiffRegion>();
    for (let i = 0; i < marks.length; ) {
      if (!marks[i]) {
        i++;
        continue;
      }
      let j = i;
      while (j < marks.length && marks[j]) j++;
      const key = `${i}:${j}`;
      const above = this.open.get(key);
      if (above) {
        above.height += rows;
        this.open.delete(key);
        next.set(key, above);
      } else next.set(key, { x: i * CELL, y, width: (j - i) * CELL, height: rows });
      i = j;
    }
    for (const r of this.open.values()) this.closed.push(r);
    this.open = next;
  }

  done(): DiffRegion[] {
    const all = [...this.closed, ...this.open.values()].sort((a, b) => a.y - b.y || a.x - b.x);
    if (all.length <= MAX_REGIONS) return all;
    // Too many to draw one by one: each band of changed rows across the page's width.
    const rows: DiffRegion[] = [];
    const right = all.reduce((m, a) => Math.max(m, a.x + a.width), 0);
    for (const r of all) {
      const last = rows[rows.length - 1];
      if (last && r.y <= last.y + last.height) last.height = Math.max(last.height, r.y + r.height - last.y);
      else rows.push({ x: 0, y: r.y, width: right, height: r.height });
    }
    return rows;
  }
}

/**
 * The same page rendered again by the same browser is usually the same PNG,
 * byte for byte: then nothing differs and nothing needs decoding (a tall
 * page takes a tenth of a second to decode, on a core the browser needs).
 */
async function identical(before: ScreenshotTiles, after: ScreenshotTiles): Promise<ScreenshotDiff | null> {
  if (before.length !== after.length || before.length === 0) return null;
  const bytes = (t: string | Uint8Array) => (typeof t === 'string' ? readFile(t) : Promise.resolve(t));
  let width = 0;
  let height = 0;
  for (let i = 0; i < before.length; i++) {
    const [x, y] = await Promise.all([bytes(before[i]!), bytes(after[i]!)]);
    if (!Buffer.from(x.buffer, x.byteOffset, x.length).equals(y)) return null;
    const info = pngInfoOf(x);
    width = Math.max(width, info.width);
    height += info.height;
  }
  const cells = Math.ceil(width / CELL) * Math.ceil(height / CELL);
  return { share: 0, cells, differingCells: 0, before: { width, height }, after: { width, height }, changedRows: null };
}

/** Marks the cells where two rows differ; cells past the narrower row's end differ too. */
function markDifferences(ra: Uint8Array, rb: Uint8Array, marks: Uint8Array): void {
  const common = Math.min(ra.length, rb.length);
  for (let i = 0; i < common; i += 3) {
    const d = Math.max(Math.abs(ra[i]! - rb[i]!), Math.abs(ra[i + 1]! - rb[i + 1]!), Math.abs(ra[i + 2]! - rb[i + 2]!));
    if (d > TOLERANCE) {
      const cell = ((i / 3) / CELL) | 0;
      marks[cell] = 1;
      // The rest of this cell needs no more looking at.
      i = Math.min(common, (cell + 1) * CELL * 3) - 3;
    }
  }
  if (ra.length === rb.length) return;
  const longer = Math.max(ra.length, rb.length) / 3;
  for (let cell = Math.floor(common / 3 / CELL); cell * CELL < longer; cell++) marks[cell] = 1;
}

/** The tiles' rows, one at a time, as if they were one image. */
async function* rowStream(tiles: ScreenshotTiles): AsyncGenerator<Uint8Array> {
  for (const tile of tiles) {
    for await (const block of pngRgbBlocks(tile, BAND_ROWS)) {
      const stride = block.width * 3;
      for (let r = 0; r < block.height; r++) yield block.rgb.subarray(r * stride, (r + 1) * stride);
    }
  }
}
