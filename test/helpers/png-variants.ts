// PNG encoders for the colour types and bit depths test/helpers/png.mjs does
// not write (alpha, palette, grey, 16-bit, interlace flag), a streaming writer
// for images too big to hold, and a small decoder for 8-bit RGB output.
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { crc32, createDeflate, deflateSync, inflateSync } from 'node:zlib';

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function pngChunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(data, crc32(head.subarray(4))), 0);
  return Buffer.concat([head, data, crc]);
}

export interface PngFormat {
  width: number;
  height: number;
  colorType: 0 | 2 | 3 | 4 | 6;
  bitDepth: 1 | 2 | 4 | 8 | 16;
  interlaced?: boolean;
}

const CHANNELS = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 } as const;

export function ihdr(format: PngFormat): Buffer {
  const data = Buffer.alloc(13);
  data.writeUInt32BE(format.width, 0);
  data.writeUInt32BE(format.height, 4);
  data[8] = format.bitDepth;
  data[9] = format.colorType;
  data[12] = format.interlaced === true ? 1 : 0;
  return pngChunk('IHDR', data);
}

export const rowBytes = (f: PngFormat): number => Math.ceil((f.width * CHANNELS[f.colorType] * f.bitDepth) / 8);

/** Packs samples (one per channel per pixel, each < 2^bitDepth) into a scanline, big-endian as PNG wants. */
export function packRow(samples: readonly number[], bitDepth: number): Uint8Array {
  const out = new Uint8Array(Math.ceil((samples.length * bitDepth) / 8));
  samples.forEach((v, i) => {
    if (bitDepth === 16) {
      out[i * 2] = v >> 8;
      out[i * 2 + 1] = v & 255;
    } else if (bitDepth === 8) out[i] = v;
    else {
      const bit = i * bitDepth;
      out[bit >> 3] = (out[bit >> 3] ?? 0) | (v << (8 - bitDepth - (bit & 7)));
    }
  });
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Applies PNG filter `type` to `row` (previous row `prev`), returning filter byte + data. */
export function filterRow(type: number, row: Uint8Array, prev: Uint8Array, bpp: number): Buffer {
  const out = Buffer.alloc(row.length + 1);
  out[0] = type;
  for (let i = 0; i < row.length; i++) {
    const x = row[i] ?? 0;
    const a = i >= bpp ? (row[i - bpp] ?? 0) : 0;
    const b = prev[i] ?? 0;
    const c = i >= bpp ? (prev[i - bpp] ?? 0) : 0;
    const predictor = [0, a, b, (a + b) >> 1, paeth(a, b, c)][type] ?? 0;
    out[i + 1] = (x - predictor) & 255;
  }
  return out;
}

export const bytesPerPixel = (f: PngFormat): number => Math.max(1, (CHANNELS[f.colorType] * f.bitDepth) >> 3);

export interface EncodeOptions {
  palette?: Uint8Array;
  transparency?: Uint8Array;
  /** Filter type for row y; by default rows cycle through all five. */
  filter?: (y: number) => number;
  /** Split the compressed data into IDAT chunks of this size. */
  idatSize?: number;
}

/** Filtered, concatenated scanlines, ready to deflate. */
export function filteredData(format: PngFormat, row: (y: number) => Uint8Array, filter: (y: number) => number = (y) => y % 5): Buffer {
  const parts: Buffer[] = [];
  let prev: Uint8Array = new Uint8Array(rowBytes(format));
  for (let y = 0; y < format.height; y++) {
    const r = row(y);
    parts.push(filterRow(filter(y), r, prev, bytesPerPixel(format)));
    prev = r;
  }
  return Buffer.concat(parts);
}

export function encodePng(format: PngFormat, row: (y: number) => Uint8Array, options: EncodeOptions = {}): Buffer {
  return assemblePng(format, deflateSync(filteredData(format, row, options.filter)), options);
}

/** Wraps already-compressed image data in a PNG, to build broken files too. */
export function assemblePng(format: PngFormat, compressed: Buffer, options: EncodeOptions = {}): Buffer {
  const chunks = [PNG_SIGNATURE, ihdr(format)];
  if (options.palette !== undefined) chunks.push(pngChunk('PLTE', options.palette));
  if (options.transparency !== undefined) chunks.push(pngChunk('tRNS', options.transparency));
  const size = options.idatSize ?? Math.max(1, compressed.length);
  for (let at = 0; at < compressed.length || at === 0; at += size) chunks.push(pngChunk('IDAT', compressed.subarray(at, at + size)));
  chunks.push(pngChunk('IEND', Buffer.alloc(0)));
  return Buffer.concat(chunks);
}

/** Writes a PNG row by row through a deflate stream, so a huge image never sits in memory. */
export async function writePngStream(path: string, format: PngFormat, row: (y: number) => Uint8Array): Promise<void> {
  await pipeline(
    async function* () {
      let prev: Uint8Array = new Uint8Array(rowBytes(format));
      for (let y = 0; y < format.height; y++) {
        const r = row(y);
        yield filterRow(y === 0 ? 1 : 2, r, prev, bytesPerPixel(format));
        prev = r;
      }
    },
    createDeflate({ level: 1 }),
    async function* (compressed: AsyncIterable<Buffer>) {
      yield Buffer.concat([PNG_SIGNATURE, ihdr(format)]);
      for await (const piece of compressed) yield pngChunk('IDAT', piece);
      yield pngChunk('IEND', Buffer.alloc(0));
    },
    createWriteStream(path),
  );
}

export interface RgbImage {
  width: number;
  height: number;
  /** RGB, row after row. */
  pixels: Buffer;
  /** The filter type of each row. */
  filters: number[];
}

/** Decodes an 8-bit RGB, non-interlaced PNG, checking every CRC: enough to read back slices. */
export function decodeRgbPng(png: Buffer): RgbImage {
  if (!png.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('not a PNG');
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    if (crc32(png.subarray(at + 4, at + 8 + length)) !== png.readUInt32BE(at + 8 + length)) throw new Error(`bad CRC in ${type}`);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[9] !== 2 || data[12] !== 0) throw new Error('not 8-bit RGB');
    } else if (type === 'IDAT') idat.push(data);
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 3;
  if (raw.length !== height * (stride + 1)) throw new Error(`expected ${height * (stride + 1)} bytes, got ${raw.length}`);
  const pixels = Buffer.alloc(height * stride);
  const filters: number[] = [];
  for (let y = 0; y < height; y++) {
    const type = raw[y * (stride + 1)] ?? 0;
    filters.push(type);
    for (let i = 0; i < stride; i++) {
      const a = i >= 3 ? (pixels[y * stride + i - 3] ?? 0) : 0;
      const b = y > 0 ? (pixels[(y - 1) * stride + i] ?? 0) : 0;
      const c = i >= 3 && y > 0 ? (pixels[(y - 1) * stride + i - 3] ?? 0) : 0;
      const predictor = [0, a, b, (a + b) >> 1, paeth(a, b, c)][type];
      if (predictor === undefined) throw new Error(`filter type ${type}`);
      pixels[y * stride + i] = (raw[y * (stride + 1) + 1 + i] ?? 0) + predictor;
    }
  }
  return { width, height, pixels, filters };
}
