import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createInflate, crc32, deflateSync } from 'node:zlib';
import { unfilterRow } from './png-filter.js';

// A full-page screenshot can be 1366 × 100,000 px. pdfkit passes an 8-bit RGB
// PNG's IDAT through untouched but decodes anything with alpha whole into
// memory, so the dossier prints a screenshot as a run of RGB slices that we
// cut here, streaming: one scanline decoded at a time, one slice's pixels held.

export class PngError extends Error {
  override name = 'PngError';
}

/** The file ended early; kept apart so the message can say how many rows arrived. */
class TruncatedError extends PngError {}

export interface PngInfo {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlaced: boolean;
}

export interface PngSlice {
  top: number;
  height: number;
  width: number;
  png: Buffer;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const HEADER_BYTES = 8 + 8 + 13 + 4;
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const DEPTHS: Record<number, readonly number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };
// Chrome cannot render wider than 16384 px; a million leaves room and keeps one row small.
const MAX_WIDTH = 1 << 20;
const MAX_HEIGHT = 0x7fffffff;
// One slice's RGB pixels are the only large buffer; refuse a slice bigger than this.
const MAX_SLICE_BYTES = 256 * 1024 * 1024;
const READ_SIZE = 64 * 1024;

/** Width, height and format from the IHDR chunk; reads only the first 33 bytes. */
export async function readPngInfo(path: string): Promise<PngInfo> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(HEADER_BYTES);
    const { bytesRead } = await handle.read(head, 0, HEADER_BYTES, 0);
    return parseHeader(head.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

/** Width, height and format from the IHDR chunk of a PNG in memory. */
export function pngInfoOf(bytes: Uint8Array): PngInfo {
  return parseHeader(Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, HEADER_BYTES)));
}

function parseHeader(head: Buffer): PngInfo {
  if (head.length < SIGNATURE.length || !head.subarray(0, 8).equals(SIGNATURE)) throw new PngError('not a PNG file');
  if (head.length < HEADER_BYTES) throw new TruncatedError(`truncated: the file ends at byte ${head.length}, inside the IHDR chunk`);
  if (head.readUInt32BE(8) !== 13 || head.toString('latin1', 12, 16) !== 'IHDR') throw new PngError('the first chunk is not a 13-byte IHDR');
  if (crc32(head.subarray(12, 29)) !== head.readUInt32BE(29)) throw new PngError('bad CRC in the IHDR chunk');
  const info = { width: head.readUInt32BE(16), height: head.readUInt32BE(20), bitDepth: head[24] ?? 0, colorType: head[25] ?? 0, interlaced: head[28] === 1 };
  if (info.width < 1 || info.height < 1 || info.height > MAX_HEIGHT) throw new PngError(`invalid size ${info.width} × ${info.height}`);
  if (info.width > MAX_WIDTH) throw new PngError(`width ${info.width} is over the ${MAX_WIDTH} px this reader accepts`);
  if (!DEPTHS[info.colorType]?.includes(info.bitDepth)) throw new PngError(`invalid colour type ${info.colorType} with bit depth ${info.bitDepth}`);
  if (head[26] !== 0 || head[27] !== 0 || (head[28] ?? 0) > 1) throw new PngError('unknown compression, filter or interlace method in IHDR');
  return info;
}

/**
 * The screenshot as 8-bit RGB PNGs of `rows` rows each (the last one shorter),
 * alpha composited onto white as it would print on paper. Errors are
 * PngError and can come after some slices were yielded: treat the sequence
 * as one unit. The last slice is yielded only once the file checked out to IEND.
 */
export function pngSlices(path: string, rows: number): AsyncGenerator<PngSlice> {
  return decodeRows(path, rows, (info, sliceRows) => new SliceEncoder(info.width, info.height, sliceRows));
}

/** A band of decoded rows: `height` rows of `width` RGB pixels, top to bottom. */
export interface RgbBlock {
  top: number;
  height: number;
  width: number;
  rgb: Uint8Array;
}

/**
 * The image as bands of `rows` decoded RGB rows (alpha composited onto
 * white), streaming: one band is held at a time. From a file or from bytes
 * already in memory; the same checks and errors as pngSlices.
 */
export function pngRgbBlocks(source: string | Uint8Array, rows: number): AsyncGenerator<RgbBlock> {
  return decodeRows(source, rows, (info, blockRows) => new RowBlocks(info.width, info.height, blockRows));
}

interface RowSink<T extends { top: number; height: number }> {
  addRow(rgb: Uint8Array): void;
  takeDone(): T[];
}

async function* decodeRows<T extends { top: number; height: number }>(source: string | Uint8Array, rows: number, sink: (info: PngInfo, rows: number) => RowSink<T>): AsyncGenerator<T> {
  if (!Number.isInteger(rows) || rows < 1) throw new RangeError(`rows must be a positive integer, not ${rows}`);
  const stream = typeof source === 'string' ? createReadStream(source, { highWaterMark: READ_SIZE }) : Readable.from(chunked(source));
  const file = new ByteSource(stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>);
  const inflate = createInflate();
  try {
    const image = await readUpToImageData(file);
    const { info } = image;
    if (info.interlaced) throw new PngError('interlaced (Adam7) screenshots are not supported; Chrome never writes them');
    const sliceRows = Math.min(rows, info.height);
    if (sliceRows * info.width * 3 > MAX_SLICE_BYTES) throw new PngError(`a slice of ${sliceRows} rows of ${info.width} px is over ${MAX_SLICE_BYTES >> 20} MiB`);

    const encoder = sink(info, sliceRows);
    const decoder = new RowDecoder(image, (row) => encoder.addRow(row));
    const feed: FeedState = { bytes: 0, truncated: null };
    const feeding = pipeline(Readable.from(imageData(file, image.firstIdatLength, feed)), inflate).then(
      () => null,
      (e: unknown) => e,
    );
    let last: T | null = null;
    try {
      for await (const out of inflate as AsyncIterable<Buffer>) {
        decoder.push(out);
        for (const slice of encoder.takeDone()) {
          // Hold the final slice until the rest of the file has been checked.
          if (slice.top + slice.height === info.height) last = slice;
          else yield slice;
        }
      }
    } catch (e) {
      throw asPngError(e, decoder.rowsDone, info.height, feed.truncated);
    }
    const failure = (await feeding) ?? feed.truncated;
    if (failure !== null) throw asPngError(failure, decoder.rowsDone, info.height, feed.truncated);
    if (decoder.rowsDone < info.height || last === null) throw new PngError(`truncated: the image data ends after row ${decoder.rowsDone} of ${info.height}`);
    if (inflate.bytesWritten < feed.bytes) throw new PngError(`${feed.bytes - inflate.bytesWritten} bytes of IDAT data follow the end of the compressed image`);
    yield last;
  } finally {
    inflate.destroy();
    stream.destroy();
  }
}

function* chunked(bytes: Uint8Array): Generator<Buffer> {
  for (let i = 0; i < bytes.length; i += READ_SIZE) yield Buffer.from(bytes.buffer, bytes.byteOffset + i, Math.min(READ_SIZE, bytes.length - i));
}

function asPngError(e: unknown, rowsDone: number, height: number, truncated: TruncatedError | null): unknown {
  if (truncated !== null) return rowsDone < height ? new PngError(`truncated: the image data ends after row ${rowsDone} of ${height} (${truncated.message})`) : truncated;
  if (e instanceof PngError) return e;
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('Z_')) {
    const what = code === 'Z_BUF_ERROR' ? `truncated: the image data ends after row ${rowsDone} of ${height}` : 'the IDAT data does not inflate';
    return new PngError(`${what} (${(e as Error).message})`);
  }
  return e;
}

/** Exact-size and as-available reads over the file stream, counting the offset. */
class ByteSource {
  private chunk: Buffer = Buffer.alloc(0);
  offset = 0;
  constructor(private readonly chunks: AsyncIterator<Buffer>) {}

  async take(max: number): Promise<Buffer | null> {
    while (this.chunk.length === 0) {
      const next = await this.chunks.next();
      if (next.done === true) return null;
      this.chunk = next.value;
    }
    const piece = this.chunk.subarray(0, max);
    this.chunk = this.chunk.subarray(piece.length);
    this.offset += piece.length;
    return piece;
  }

  /** n bytes, or fewer if the file ends first. */
  async upTo(n: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    for (let got = 0; got < n; ) {
      const piece = await this.take(n - got);
      if (piece === null) break;
      parts.push(piece);
      got += piece.length;
    }
    return Buffer.concat(parts);
  }

  async exactly(n: number, what: string): Promise<Buffer> {
    const bytes = await this.upTo(n);
    if (bytes.length < n) throw new TruncatedError(`truncated: the file ends at byte ${this.offset}, inside ${what}`);
    return bytes;
  }
}

interface ChunkHeader {
  length: number;
  type: string;
  at: number;
  crc: number;
}

async function readChunkHeader(file: ByteSource): Promise<ChunkHeader> {
  const at = file.offset;
  const head = await file.exactly(8, `a chunk header at byte ${at}`);
  const length = head.readUInt32BE(0);
  const typeBytes = head.subarray(4, 8);
  const type = typeBytes.toString('latin1');
  if (!/^[A-Za-z]{4}$/.test(type)) throw new PngError(`invalid chunk type at byte ${at}`);
  if (length > 0x7fffffff) throw new PngError(`${type} chunk at byte ${at} claims ${length} bytes`);
  return { length, type, at, crc: crc32(typeBytes) };
}

async function checkCrc(file: ByteSource, chunk: ChunkHeader, crc: number): Promise<void> {
  const stored = (await file.exactly(4, `the CRC of the ${chunk.type} chunk at byte ${chunk.at}`)).readUInt32BE(0);
  if (stored !== crc) throw new PngError(`bad CRC in the ${chunk.type} chunk at byte ${chunk.at}`);
}

/** Passes a chunk's data through, piece by piece, and checks its CRC at the end. */
async function* chunkData(file: ByteSource, chunk: ChunkHeader): AsyncGenerator<Buffer> {
  let crc = chunk.crc;
  for (let left = chunk.length; left > 0; ) {
    const piece = await file.take(Math.min(left, READ_SIZE));
    if (piece === null) throw new TruncatedError(`truncated: the file ends at byte ${file.offset}, inside the ${chunk.type} chunk at byte ${chunk.at}`);
    crc = crc32(piece, crc);
    left -= piece.length;
    yield piece;
  }
  await checkCrc(file, chunk, crc);
}

async function smallChunk(file: ByteSource, chunk: ChunkHeader, max: number): Promise<Buffer> {
  if (chunk.length > max) throw new PngError(`${chunk.type} chunk at byte ${chunk.at} is ${chunk.length} bytes, over ${max}`);
  const parts: Buffer[] = [];
  for await (const piece of chunkData(file, chunk)) parts.push(piece);
  return Buffer.concat(parts);
}

/** Ancillary chunks (text, colour profiles, timestamps) change nothing printed; their CRC is still checked. */
async function skipChunk(file: ByteSource, chunk: ChunkHeader): Promise<void> {
  for await (const piece of chunkData(file, chunk)) void piece;
}

const isCritical = (type: string): boolean => type.charCodeAt(0) < 0x61;

interface ImageHead {
  info: PngInfo;
  palette: Buffer | null;
  transparency: Buffer | null;
  firstIdatLength: number;
}

/** Signature, IHDR and the chunks before the first IDAT (PLTE, tRNS; others skipped). */
async function readUpToImageData(file: ByteSource): Promise<ImageHead> {
  const info = parseHeader(await file.upTo(HEADER_BYTES));
  let palette: Buffer | null = null;
  let transparency: Buffer | null = null;
  for (;;) {
    const chunk = await readChunkHeader(file);
    if (chunk.type === 'IDAT') {
      if (info.colorType === 3 && palette === null) throw new PngError('palette image without a PLTE chunk');
      return { info, palette, transparency, firstIdatLength: chunk.length };
    }
    if (chunk.type === 'PLTE') {
      palette = await smallChunk(file, chunk, 768);
      if (palette.length === 0 || palette.length % 3 !== 0) throw new PngError(`PLTE chunk of ${palette.length} bytes`);
    } else if (chunk.type === 'tRNS') {
      transparency = await smallChunk(file, chunk, 256);
    } else if (chunk.type === 'IEND') {
      throw new PngError('no image data: IEND before any IDAT chunk');
    } else if (isCritical(chunk.type)) {
      throw new PngError(`unknown critical chunk ${chunk.type} at byte ${chunk.at}`);
    } else {
      await skipChunk(file, chunk);
    }
  }
}

interface FeedState {
  /** Compressed bytes passed on, to spot data after the end of the zlib stream. */
  bytes: number;
  /** Set instead of thrown, so that the inflater still gets what arrived and the error can say how many rows did. */
  truncated: TruncatedError | null;
}

/** The compressed image: the run of IDAT chunks, then the rest checked up to IEND. */
async function* imageData(file: ByteSource, firstLength: number, feed: FeedState): AsyncGenerator<Buffer> {
  try {
    yield* chunksAfterHeader(file, firstLength, feed);
  } catch (e) {
    if (!(e instanceof TruncatedError)) throw e;
    feed.truncated = e;
  }
}

async function* chunksAfterHeader(file: ByteSource, firstLength: number, feed: FeedState): AsyncGenerator<Buffer> {
  let chunk: ChunkHeader = { length: firstLength, type: 'IDAT', at: file.offset - 8, crc: crc32(Buffer.from('IDAT')) };
  let idatRunOver = false;
  for (;;) {
    if (chunk.type === 'IDAT') {
      if (idatRunOver) throw new PngError(`IDAT chunk at byte ${chunk.at} after other chunks: IDAT chunks must be consecutive`);
      for await (const piece of chunkData(file, chunk)) {
        feed.bytes += piece.length;
        yield piece;
      }
    } else if (chunk.type === 'IEND') {
      await smallChunk(file, chunk, 0);
      return;
    } else if (isCritical(chunk.type)) {
      throw new PngError(`unexpected critical chunk ${chunk.type} at byte ${chunk.at}`);
    } else {
      idatRunOver = true;
      await skipChunk(file, chunk);
    }
    chunk = await readChunkHeader(file);
  }
}

/** Reassembles scanlines from inflated bytes, unfilters them and turns each into 8-bit RGB. */
class RowDecoder {
  rowsDone = 0;
  private readonly info: PngInfo;
  private readonly bpp: number;
  private cur: Uint8Array;
  private prev: Uint8Array;
  private filled = -1; // -1: the next byte is the row's filter type
  private filter = 0;
  private readonly rgb: Uint8Array;
  // Grey up to 8 bits and palette images go through a 256-entry RGB table, alpha already composited.
  private readonly table: Uint8Array | null;
  private readonly tableSize: number;
  private readonly key: Buffer | null;

  constructor(
    head: ImageHead,
    private readonly onRow: (rgb: Uint8Array) => void,
  ) {
    const { info } = head;
    this.info = info;
    const bitsPerPixel = (CHANNELS[info.colorType] ?? 1) * info.bitDepth;
    this.bpp = Math.max(1, bitsPerPixel >> 3);
    const rowBytes = Math.ceil((info.width * bitsPerPixel) / 8);
    this.cur = new Uint8Array(rowBytes);
    this.prev = new Uint8Array(rowBytes);
    this.rgb = new Uint8Array(info.width * 3);
    const trns = head.transparency;
    this.key = null;
    this.table = null;
    this.tableSize = 0;
    if (info.colorType === 3) {
      const palette = head.palette ?? Buffer.alloc(0);
      this.tableSize = palette.length / 3;
      if (trns !== null && trns.length > this.tableSize) throw new PngError('tRNS chunk longer than the palette');
      this.table = new Uint8Array(768);
      for (let i = 0; i < this.tableSize; i++) {
        const alpha = trns?.[i] ?? 255;
        for (let c = 0; c < 3; c++) this.table[i * 3 + c] = onWhite(palette[i * 3 + c] ?? 0, alpha);
      }
    } else if (info.colorType === 0 || info.colorType === 2) {
      const keyBytes = info.colorType === 0 ? 2 : 6;
      if (trns !== null && trns.length !== keyBytes) throw new PngError(`tRNS chunk of ${trns.length} bytes for colour type ${info.colorType}`);
      this.key = trns;
      if (info.colorType === 0 && info.bitDepth <= 8) {
        const max = (1 << info.bitDepth) - 1;
        this.tableSize = max + 1;
        this.table = new Uint8Array(768);
        for (let v = 0; v <= max; v++) this.table.fill(trns?.readUInt16BE(0) === v ? 255 : Math.round((v * 255) / max), v * 3, v * 3 + 3);
      }
    }
  }

  push(data: Buffer): void {
    for (let i = 0; i < data.length; ) {
      if (this.rowsDone === this.info.height) throw new PngError(`more image data than ${this.info.width} × ${this.info.height} px`);
      if (this.filled < 0) {
        this.filter = data[i++] ?? 0;
        this.filled = 0;
        continue;
      }
      const n = Math.min(this.cur.length - this.filled, data.length - i);
      this.cur.set(data.subarray(i, i + n), this.filled);
      this.filled += n;
      i += n;
      if (this.filled === this.cur.length) this.finishRow();
    }
  }

  private finishRow(): void {
    if (!unfilterRow(this.filter, this.cur, this.prev, this.bpp)) throw new PngError(`unknown filter type ${this.filter} on row ${this.rowsDone}`);
    this.toRgb(this.cur, this.rgb);
    this.onRow(this.rgb);
    [this.prev, this.cur] = [this.cur, this.prev];
    this.filled = -1;
    this.rowsDone++;
  }

  private toRgb(src: Uint8Array, out: Uint8Array): void {
    const { width, colorType, bitDepth } = this.info;
    const { table } = this;
    if (table !== null) {
      const perByte = 8 / bitDepth;
      const mask = (1 << bitDepth) - 1;
      for (let x = 0; x < width; x++) {
        const shift = 8 - bitDepth * ((x % perByte) + 1);
        const v = ((src[(x / perByte) | 0] ?? 0) >> shift) & mask;
        if (v >= this.tableSize) throw new PngError(`palette index ${v} out of range in row ${this.rowsDone}`);
        out[x * 3] = table[v * 3] ?? 0;
        out[x * 3 + 1] = table[v * 3 + 1] ?? 0;
        out[x * 3 + 2] = table[v * 3 + 2] ?? 0;
      }
      return;
    }
    // 8-bit RGB without a transparent colour (what Chrome writes) is already what is wanted.
    if (colorType === 2 && bitDepth === 8 && this.key === null) {
      out.set(src);
      return;
    }
    const s = bitDepth >> 3; // bytes per sample; for 16 bits the high byte comes first
    const channels = CHANNELS[colorType] ?? 1;
    const grey = colorType === 0 || colorType === 4;
    const hasAlpha = colorType === 4 || colorType === 6;
    const key = this.key;
    for (let x = 0, p = 0, o = 0; x < width; x++, p += channels * s, o += 3) {
      const r = src[p] ?? 0;
      const g = grey ? r : (src[p + s] ?? 0);
      const b = grey ? r : (src[p + 2 * s] ?? 0);
      if (hasAlpha) {
        const a = src[p + (channels - 1) * s] ?? 0;
        out[o] = onWhite(r, a);
        out[o + 1] = onWhite(g, a);
        out[o + 2] = onWhite(b, a);
      } else if (key !== null && matchesKey(src, p, s, channels, key)) {
        out[o] = out[o + 1] = out[o + 2] = 255;
      } else {
        out[o] = r;
        out[o + 1] = g;
        out[o + 2] = b;
      }
    }
  }
}

const onWhite = (c: number, a: number): number => ((c * a + 255 * (255 - a) + 127) / 255) | 0;

/** tRNS for grey and RGB names one exact colour (all 16 bits of it) as transparent. */
function matchesKey(src: Uint8Array, p: number, s: number, channels: number, key: Buffer): boolean {
  for (let c = 0; c < channels; c++) {
    const v = s === 2 ? ((src[p + c * 2] ?? 0) << 8) | (src[p + c * 2 + 1] ?? 0) : (src[p + c] ?? 0);
    if (v !== key.readUInt16BE(c * 2)) return false;
  }
  return true;
}

/** Collects decoded rows into bands, copied out as they complete. */
class RowBlocks {
  private block: Uint8Array;
  private top = 0;
  private count = 0;
  private readonly done: RgbBlock[] = [];

  constructor(
    private readonly width: number,
    private readonly height: number,
    private readonly rows: number,
  ) {
    this.block = new Uint8Array(width * 3 * rows);
  }

  addRow(rgb: Uint8Array): void {
    this.block.set(rgb, this.count * this.width * 3);
    this.count++;
    if (this.count === this.rows || this.top + this.count === this.height) {
      this.done.push({ top: this.top, height: this.count, width: this.width, rgb: this.block.subarray(0, this.count * this.width * 3) });
      this.block = new Uint8Array(this.width * 3 * this.rows);
      this.top += this.count;
      this.count = 0;
    }
  }

  takeDone(): RgbBlock[] {
    return this.done.splice(0);
  }
}

/** Collects RGB rows, filters each (Up) and deflates a slice at a time. */
class SliceEncoder {
  private readonly stride: number;
  private readonly filtered: Uint8Array;
  private prev: Uint8Array;
  private top = 0;
  private count = 0;
  private readonly done: PngSlice[] = [];

  constructor(
    private readonly width: number,
    private readonly height: number,
    private readonly rows: number,
  ) {
    this.stride = width * 3;
    this.filtered = new Uint8Array((this.stride + 1) * rows);
    this.prev = new Uint8Array(this.stride);
  }

  addRow(rgb: Uint8Array): void {
    // Each slice is its own PNG: its first row's "previous row" is zeros.
    if (this.count === 0) this.prev.fill(0);
    filterRow(rgb, this.prev, this.filtered.subarray(this.count * (this.stride + 1), (this.count + 1) * (this.stride + 1)));
    this.prev.set(rgb);
    this.count++;
    if (this.count === this.rows || this.top + this.count === this.height) {
      const data = deflateSync(this.filtered.subarray(0, this.count * (this.stride + 1)), { level: 6 });
      this.done.push({ top: this.top, height: this.count, width: this.width, png: encodeRgbPng(this.width, this.count, data) });
      this.top += this.count;
      this.count = 0;
    }
  }

  takeDone(): PngSlice[] {
    return this.done.splice(0);
  }
}

/**
 * Every row filtered Up (the difference with the row above). A page's flat
 * backgrounds and repeated rows become zeros, which is where screenshots
 * compress; libpng's per-row choice among Sub, Up and Paeth gave the same
 * file size on screenshots here at 40% more time.
 */
function filterRow(row: Uint8Array, prev: Uint8Array, out: Uint8Array): void {
  out[0] = 2;
  const n = row.length;
  for (let i = 0; i < n; i++) out[i + 1] = row[i]! - prev[i]!;
}


function encodeRgbPng(width: number, height: number, idat: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([SIGNATURE, pngChunk('IHDR', ihdr), pngChunk('IDAT', idat), pngChunk('IEND', Buffer.alloc(0))]);
}

/** One PNG chunk: length, type, data and its CRC. */
export function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(data, crc32(head.subarray(4))), 0);
  return Buffer.concat([head, data, crc]);
}
