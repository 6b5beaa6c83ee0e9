import { promisify } from 'node:util';
import { deflate } from 'node:zlib';
import { pngChunk, pngRgbBlocks, readPngInfo } from '../../imaging/png-slices.js';
import { fill, type DossierStrings } from '../i18n/index.js';
import type { ExhibitModel } from '../model.js';
import { both } from './format.js';
import { COLOR, type Pdf } from './pdf.js';

/**
 * The full-page screenshot of an exhibit on landscape pages, at one
 * readable scale, cut where the page has a row of one colour (the white
 * between two blocks of a listing) rather than through a line of text, and
 * never leaving a near-empty page at the end. Every page carries a caption
 * band naming the exhibit, the address, the time and id of the capture and
 * the SHA-256 of the screenshot file it shows, so a page taken out of the
 * dossier still says where it belongs.
 *
 * The image is read as a stream of decoded rows: one page's pixels (and a
 * band of rows ahead) are held at a time, whatever the screenshot's height.
 */

/** A screenshot up to this much taller than one page is set a little smaller on one page rather than split. */
const ONE_PAGE_STRETCH = 1.15;
/** How far above the page break a cut may move to fall on a row of one colour. */
const CUT_WINDOW = 0.15;
/** Channel difference still counted as "the same colour" (JPEG-like noise, anti-aliased edges do not pass). */
const UNIFORM_TOLERANCE = 6;
/** Rows decoded at a time. */
const BLOCK_ROWS = 256;

/**
 * Where to end the next slice, counted in rows from its top: `remaining`
 * rows are left of the image, a page holds `maxRows`, and `uniform(r)` says
 * whether row r (from the slice's top) is all one colour; cutting at r
 * starts the next page with that row. Away from the end, the cut is the
 * lowest uniform row in the last 15% of the page, else the page's last row.
 * When what is left takes two pages, they are balanced (the cut near the
 * middle) so that the last page is never a sliver: every slice is at least
 * about a third of a page.
 */
export function chooseCut(remaining: number, maxRows: number, uniform: (row: number) => boolean): number {
  if (remaining <= maxRows) return remaining;
  const window = Math.floor(maxRows * CUT_WINDOW);
  if (remaining <= 2 * maxRows) {
    const target = Math.ceil(remaining / 2);
    const lo = Math.max(remaining - maxRows, target - window, 1);
    const hi = Math.min(maxRows, target + window);
    for (let d = 0; d <= hi - lo; d++) {
      if (target + d <= hi && uniform(target + d)) return target + d;
      if (d > 0 && target - d >= lo && uniform(target - d)) return target - d;
    }
    return Math.min(hi, Math.max(lo, target));
  }
  for (let r = maxRows; r >= maxRows - window; r--) if (uniform(r)) return r;
  return maxRows;
}

export interface ScreenshotSlice {
  /** first row, in the whole screenshot */
  top: number;
  height: number;
  width: number;
  /**
   * An 8-bit RGB PNG of the slice, compressed on a worker thread while the
   * next slice is decoded: await it before asking for the slice after next.
   */
  png: Promise<Buffer>;
  /** the tiles (indexes into the screenshot's tiles) the slice shows part of */
  tiles: number[];
}

interface TileInfo {
  path: string;
  width: number;
  height: number;
  /** first row in the whole screenshot */
  top: number;
}

/**
 * The slices of a run of tiles of one width, joined edge to edge. `maxRows`
 * is what a page holds at the scale chosen; a run no taller than
 * ONE_PAGE_STRETCH pages is one slice.
 */
export async function* screenshotSlices(tiles: readonly TileInfo[], indexes: readonly number[], maxRows: number): AsyncGenerator<ScreenshotSlice> {
  const width = tiles[0]!.width;
  const stride = width * 3;
  const start = tiles[0]!.top;
  const total = tiles.reduce((sum, t) => sum + t.height, 0);
  const onePage = total <= maxRows * ONE_PAGE_STRETCH;
  const rowsPerPage = onePage ? total : maxRows;
  const capacity = Math.min(total, rowsPerPage + 1) + BLOCK_ROWS;
  const buf = scratch('rows', stride * capacity);
  // Two buffers of filtered rows, in turn: one slice is compressed from one while the next is filtered into the other.
  const filteredSize = (stride + 1) * Math.min(total, rowsPerPage + 1);
  const filtered = [scratch('filtered-a', filteredSize), scratch('filtered-b', filteredSize)];
  let made = 0;
  let count = 0;
  let done = 0;

  const uniform = (row: number): boolean => {
    const o = row * stride;
    const r0 = buf[o]!;
    const g0 = buf[o + 1]!;
    const b0 = buf[o + 2]!;
    for (let i = o + 3; i < o + stride; i += 3) {
      if (Math.abs(buf[i]! - r0) > UNIFORM_TOLERANCE || Math.abs(buf[i + 1]! - g0) > UNIFORM_TOLERANCE || Math.abs(buf[i + 2]! - b0) > UNIFORM_TOLERANCE) return false;
    }
    return true;
  };
  const tilesOf = (top: number, height: number): number[] =>
    tiles.flatMap((t, i) => (t.top < start + top + height && t.top + t.height > start + top ? [indexes[i]!] : []));
  const take = (): ScreenshotSlice => {
    const remaining = total - done;
    let rows = onePage ? remaining : chooseCut(remaining, rowsPerPage, uniform);
    // A page shows parts of two tiles at most, so that its band has room for their hashes.
    const second = tiles.findIndex((t) => t.top + t.height > start + done) + 1;
    if (!onePage && second < tiles.length) rows = Math.min(rows, tiles[second]!.top + tiles[second]!.height - start - done);
    const png = encodeRgbPng(buf, width, rows, filtered[made++ % 2]!);
    // Awaited by the caller, unless a later slice fails first: never an unhandled rejection.
    png.catch(() => undefined);
    const slice = { top: start + done, height: rows, width, png, tiles: tilesOf(done, rows) };
    buf.copyWithin(0, rows * stride, count * stride);
    count -= rows;
    done += rows;
    return slice;
  };
  // A cut is chosen once the rows it may fall on are in: up to one past a page, or the end.
  const ready = () => count >= Math.min(total - done, rowsPerPage + 1);

  for (const tile of tiles) {
    for await (const block of pngRgbBlocks(tile.path, BLOCK_ROWS)) {
      buf.set(block.rgb, count * stride);
      count += block.height;
      while (count > 0 && ready()) yield take();
    }
  }
  while (count > 0) yield take();
  if (done !== total) throw new Error(`the screenshot tiles gave ${done} rows, not ${total}`);
}

/**
 * Two working buffers (a page of decoded rows, the same rows filtered),
 * kept from one screenshot to the next: a dossier of hundreds of them would
 * otherwise allocate and free gigabytes, and the collector would spend its
 * time on it. They grow to the largest page needed, a few megabytes. The
 * generator that borrows them runs to its end before the next one starts.
 */
const buffers = new Map<string, Uint8Array>();
function scratch(name: string, size: number): Uint8Array {
  const held = buffers.get(name);
  if (held && held.length >= size) return held.subarray(0, size);
  const made = new Uint8Array(size);
  buffers.set(name, made);
  return made;
}

const deflateAsync = promisify(deflate);

/** Rows filtered Up and deflated (off the main thread): an RGB PNG pdfkit embeds as it is. `scratch` must stay untouched until the promise settles. */
async function encodeRgbPng(rgb: Uint8Array, width: number, height: number, scratch: Uint8Array): Promise<Buffer> {
  const stride = width * 3;
  for (let y = 0; y < height; y++) {
    const out = y * (stride + 1);
    scratch[out] = 2;
    if (y === 0) scratch.set(rgb.subarray(0, stride), out + 1);
    else filterUp(rgb.subarray(y * stride, (y + 1) * stride), rgb.subarray((y - 1) * stride, y * stride), scratch.subarray(out + 1, out + 1 + stride));
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const idat = await deflateAsync(scratch.subarray(0, height * (stride + 1)), { level: 6 });
  return Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', ihdr), pngChunk('IDAT', idat), pngChunk('IEND', Buffer.alloc(0))]);
}

/** One row filtered Up: its difference with the row above (flat backgrounds become zeros, where PNG compresses). */
function filterUp(row: Uint8Array, prev: Uint8Array, out: Uint8Array): void {
  const n = row.length;
  for (let i = 0; i < n; i++) out[i] = row[i]! - prev[i]!;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);


const BAND = { size: 7.2, line: 9.6, pad: 4, label: 92 };

/** Height of the caption band: the address (up to two lines), the capture's time and id, one line per file shown. */
function bandHeight(urlLines: number, files: number): number {
  return 2 * BAND.pad + BAND.line * (urlLines + 1 + files);
}

/** The caption band at the top of a screenshot page. */
function drawBand(pdf: Pdf, x: ExhibitModel, s: DossierStrings, url: string, files: readonly { name: string; sha256: string }[]): void {
  const m = x.manifest;
  const env = x.environment as { started?: { local?: string } } | null;
  const urlLines = url.split('\n').length;
  const h = bandHeight(urlLines, files.length);
  const y0 = pdf.y;
  const left = pdf.left;
  const width = pdf.contentWidth;
  pdf.doc.rect(left, y0, width, h).fill(COLOR.faint);
  pdf.doc.rect(left, y0, 2, h).fill(COLOR.accent);
  let y = y0 + BAND.pad;
  // One column of labels, wide enough for the longest (a tile's file name can be long).
  const fileLabels = files.map((f) => fill(s.exhibit.band.file, { name: f.name }));
  const labelWidth = Math.max(BAND.label, ...[s.exhibit.band.url, s.exhibit.band.captured, ...fileLabels].map((l) => pdf.measure(l, 'bold', BAND.size) + 10));
  /** One line of the band: a label, then its value; never wrapped (the address comes in lines already cut). */
  const row = (label: string, value: string, weight: 'mono' | 'regular', at = left + 8, lw = labelWidth) => {
    pdf.doc.fillColor(COLOR.muted);
    pdf.write(label, at, y, { width: lw - 4, lineBreak: false }, 'bold', BAND.size);
    pdf.doc.fillColor(COLOR.text);
    pdf.write(value, at + lw, y, { width: left + width - at - lw - 4, lineBreak: false }, weight, BAND.size);
  };
  url.split('\n').forEach((line, i) => {
    row(i === 0 ? s.exhibit.band.url : '', line, 'mono');
    y += BAND.line;
  });
  const captured = both(m.startedAt, env?.started?.local);
  row(s.exhibit.band.captured, captured, 'regular');
  const idAt = left + 8 + labelWidth + pdf.measure(captured, 'regular', BAND.size) + 24;
  row(s.exhibit.band.captureId, x.captureId, 'mono', idAt, pdf.measure(s.exhibit.band.captureId, 'bold', BAND.size) + 8);
  y += BAND.line;
  files.forEach((f, i) => {
    // One hash per line, whole: it is read back from the page, and compared by eye.
    row(fileLabels[i]!, f.sha256, 'mono');
    y += BAND.line;
  });
  pdf.y = y0 + h + 5;
}

/** The address for the band: whole on up to two lines, else cut with an ellipsis (the exhibit's first page has it whole). */
function bandUrl(pdf: Pdf, url: string): string {
  // The label column may grow for a long tile name: leave it room.
  const width = pdf.contentWidth - 8 - BAND.label - 60;
  const lines = pdf.wrap(url, width, 'mono', BAND.size).split('\n');
  if (lines.length <= 2) return lines.join('\n');
  let second = lines[1]!;
  while (second.length > 1 && pdf.measure(`${second}…`, 'mono', BAND.size) > width) second = second.slice(0, -1);
  return `${lines[0]}\n${second}…`;
}

/**
 * The full-page screenshot over as many landscape pages as it needs, at
 * the page's full width (a 1366 px window at about 55%), never below.
 */
export async function drawScreenshot(pdf: Pdf, x: ExhibitModel, s: DossierStrings): Promise<void> {
  if (!x.screenshot) {
    pdf.ensure(40);
    pdf.text(x.manifest.outcome === 'imported' ? s.exhibit.screenshotImported : s.exhibit.screenshotNone, { weight: 'oblique', size: 9.5, color: COLOR.muted });
    return;
  }
  const shot = x.screenshot;
  const infos = await Promise.all(shot.tiles.map((t) => readPngInfo(t.path)));
  const tiles: TileInfo[] = [];
  let top = 0;
  for (const [i, t] of shot.tiles.entries()) {
    tiles.push({ path: t.path, width: infos[i]!.width, height: infos[i]!.height, top });
    top += infos[i]!.height;
  }
  const total = top;
  // Runs of tiles of one width are joined; a tile of another width (never from Exhibit's own captures) starts a new run.
  const runs: number[][] = [];
  tiles.forEach((t, i) => {
    const last = runs[runs.length - 1];
    if (last && tiles[last[0]!]!.width === t.width) last.push(i);
    else runs.push([i]);
  });
  for (const run of runs) {
    const width = tiles[run[0]!]!.width;
    pdf.landscape();
    const url = bandUrl(pdf, x.manifest.requestedUrl);
    // Room for the title, the band (one file, or two where a page can span two tiles), the scale line.
    const band = bandHeight(url.split('\n').length, run.length > 1 ? 2 : 1);
    const titleHeight = pdf.heightOf(s.exhibit.screenshotContinued, pdf.contentWidth, 'bold', 10) + 3;
    const scaleHeight = pdf.heightOf(s.exhibit.screenshotScale, pdf.contentWidth, 'regular', 8) + 3;
    const room = pdf.bottom - pdf.y - titleHeight - band - 5 - scaleHeight - 2;
    const fit = Math.min(1, pdf.contentWidth / width);
    const maxRows = Math.max(1, Math.floor(room / fit));
    const height = run.reduce((sum, i) => sum + tiles[i]!.height, 0);
    const scale = height <= maxRows * ONE_PAGE_STRETCH ? Math.min(fit, room / height) : fit;
    let first = true;
    const place = async (slice: ScreenshotSlice): Promise<void> => {
      const png = await slice.png;
      if (!first) pdf.landscape();
      first = false;
      const title = `${s.exhibit.exhibit} ${x.number} — ${slice.top === 0 ? s.exhibit.screenshot : s.exhibit.screenshotContinued}`;
      pdf.text(title, { weight: 'bold', size: 10, color: COLOR.accent, gap: 3 });
      drawBand(
        pdf,
        x,
        s,
        url,
        slice.tiles.map((i) => shot.tiles[i]!),
      );
      pdf.text(fill(s.exhibit.screenshotScale, { scale: Math.round(scale * 100), width, height: total, from: slice.top + 1, to: slice.top + slice.height }), { size: 8, color: COLOR.muted, gap: 3 });
      const y = pdf.y;
      const w = slice.width * scale;
      const h = slice.height * scale;
      pdf.doc.image(png, pdf.left, y, { width: w, height: h });
      pdf.doc.rect(pdf.left, y, w, h).lineWidth(0.4).strokeColor(COLOR.rule).stroke();
      pdf.y = y + h + 4;
    };
    // One slice ahead: the next is decoded while this one is compressed.
    let ahead: ScreenshotSlice | null = null;
    for await (const slice of screenshotSlices(
      run.map((i) => tiles[i]!),
      run,
      maxRows,
    )) {
      if (ahead) await place(ahead);
      ahead = slice;
    }
    if (ahead) await place(ahead);
  }
}
