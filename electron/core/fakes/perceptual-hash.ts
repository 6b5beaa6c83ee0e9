import sharp, { type OutputInfo } from 'sharp';
import { err, ok, type Result } from '../util/result.js';

/**
 * A difference hash (dHash) of an image: greyscale, shrunk to 9×8 cells by
 * a box filter (each pixel's luma is averaged into the cell it falls in),
 * then one bit per cell pair, set when a cell is brighter than its right
 * neighbour: 64 bits, as 16 hex digits. Resizing, recompression and small
 * colour changes move few bits; a mirrored copy is caught by hashing the
 * mirrored grid too (the box filter is symmetric, so mirroring the grid is
 * mirroring the image).
 *
 * PNG, JPEG, WebP and GIF (its first frame) are decoded by sharp (libvips):
 * turned upright by their EXIF orientation, converted to sRGB, alpha
 * composited onto white as the project's own PNG decoder does, 8 bits a
 * channel. The cells are then filled here exactly as they were over that
 * decoder, so an 8-bit PNG hashes to the same value as before.
 */
export interface ImageHash {
  dhash: string;
  mirrored: string;
  width: number;
  height: number;
}

const COLS = 9;
const ROWS = 8;
const MAX_PIXELS = 100_000_000;

export type ImageFormat = 'png' | 'jpeg' | 'webp' | 'gif' | 'unknown';

export function imageFormat(bytes: Uint8Array): ImageFormat {
  const b = bytes;
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'png';
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b[0] === 0x52 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x46 && b[8] === 0x57 && b[9] === 0x45) return 'webp';
  if (b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46) return 'gif';
  return 'unknown';
}

export async function perceptualHash(bytes: Uint8Array): Promise<Result<ImageHash, string>> {
  const format = imageFormat(bytes);
  if (format === 'unknown') return err('not an image Exhibit can read (PNG, JPEG, WebP or GIF expected)');
  const name = format === 'webp' ? 'WebP' : format.toUpperCase();
  let decoded: { data: Buffer; info: OutputInfo };
  try {
    const input = sharp(bytes, { limitInputPixels: MAX_PIXELS, failOn: 'error', pages: 1 });
    const meta = await input.metadata();
    if (meta.format !== FORMAT_NAMES[format]) return err(`a damaged ${name}: it reads as ${meta.format ?? 'nothing'}`);
    decoded = await input
      .rotate()
      .toColourspace('srgb')
      .flatten({ background: { r: 255, g: 255, b: 255 } })
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (/pixel limit/i.test(message)) return err(`the image is too large (more than ${MAX_PIXELS / 1_000_000} million pixels)`);
    return err(`a damaged ${name}: ${message.split('\n')[0]}`);
  }
  const { data, info } = decoded;
  const { width, height, channels } = info;
  if (channels < 3) return err(`a ${name} that could not be converted to colour`);
  const sums = new Float64Array(COLS * ROWS);
  const counts = new Float64Array(COLS * ROWS);
  const cellOfX = new Int32Array(width);
  for (let x = 0; x < width; x++) cellOfX[x] = Math.min(COLS - 1, Math.floor((x * COLS) / width));
  for (let y = 0; y < height; y++) {
    const cy = Math.min(ROWS - 1, Math.floor((y * ROWS) / height)) * COLS;
    const row = y * width * channels;
    for (let x = 0; x < width; x++) {
      const p = row + x * channels;
      const cell = cy + cellOfX[x]!;
      sums[cell]! += 0.299 * data[p]! + 0.587 * data[p + 1]! + 0.114 * data[p + 2]!;
      counts[cell]! += 1;
    }
  }
  const grid = Array.from(sums, (s, i) => (counts[i]! > 0 ? s / counts[i]! : 0));
  const mirroredGrid = grid.map((_, i) => grid[Math.floor(i / COLS) * COLS + (COLS - 1 - (i % COLS))]!);
  return ok({ dhash: dhashOf(grid), mirrored: dhashOf(mirroredGrid), width, height });
}

const FORMAT_NAMES: Record<Exclude<ImageFormat, 'unknown'>, string> = { png: 'png', jpeg: 'jpeg', webp: 'webp', gif: 'gif' };

function dhashOf(grid: readonly number[]): string {
  let hex = '';
  for (let y = 0; y < ROWS; y++) {
    let byte = 0;
    for (let x = 0; x < COLS - 1; x++) byte = (byte << 1) | (grid[y * COLS + x]! > grid[y * COLS + x + 1]! ? 1 : 0);
    hex += byte.toString(16).padStart(2, '0');
  }
  return hex;
}

/** A hash as its two 32-bit halves, for comparing many hashes fast. */
export function hashWords(hex: string): [number, number] {
  return [parseInt(hex.slice(0, 8), 16) >>> 0, parseInt(hex.slice(8, 16), 16) >>> 0];
}

export function popcount32(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** Bits that differ between two hashes: 0 the same picture, 64 the opposite. */
export function hammingDistance(a: string, b: string): number {
  const [ah, al] = hashWords(a);
  const [bh, bl] = hashWords(b);
  return popcount32((ah ^ bh) >>> 0) + popcount32((al ^ bl) >>> 0);
}
