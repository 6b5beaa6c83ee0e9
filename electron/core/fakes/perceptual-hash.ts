import { pngInfoOf, pngRgbBlocks, PngError } from '../imaging/png-slices.js';
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
 * Only PNG is decoded: the project's PNG decoder is the only one it has.
 * JPEG and WebP need an image library (sharp) that is not installed here.
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

export function imageFormat(bytes: Uint8Array): 'png' | 'jpeg' | 'webp' | 'gif' | 'unknown' {
  const b = bytes;
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'png';
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b[0] === 0x52 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x46 && b[8] === 0x57 && b[9] === 0x45) return 'webp';
  if (b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46) return 'gif';
  return 'unknown';
}

export async function perceptualHash(bytes: Uint8Array): Promise<Result<ImageHash, string>> {
  const format = imageFormat(bytes);
  if (format !== 'png') {
    return err(format === 'unknown' ? 'not an image Exhibit can read (PNG expected)' : `a ${format.toUpperCase()} image: only PNG can be hashed here (JPEG and WebP need the sharp library, not installed)`);
  }
  try {
    const info = pngInfoOf(bytes);
    if (info.width * info.height > MAX_PIXELS) return err(`an image of ${info.width}×${info.height} px is too large`);
    const sums = new Float64Array(COLS * ROWS);
    const counts = new Float64Array(COLS * ROWS);
    for await (const block of pngRgbBlocks(bytes, 64)) {
      for (let r = 0; r < block.height; r++) {
        const cy = Math.min(ROWS - 1, Math.floor(((block.top + r) * ROWS) / info.height));
        const row = r * block.width * 3;
        for (let x = 0; x < block.width; x++) {
          const p = row + x * 3;
          const cell = cy * COLS + Math.min(COLS - 1, Math.floor((x * COLS) / info.width));
          sums[cell]! += 0.299 * block.rgb[p]! + 0.587 * block.rgb[p + 1]! + 0.114 * block.rgb[p + 2]!;
          counts[cell]! += 1;
        }
      }
    }
    const grid = Array.from(sums, (s, i) => (counts[i]! > 0 ? s / counts[i]! : 0));
    const mirroredGrid = grid.map((_, i) => grid[Math.floor(i / COLS) * COLS + (COLS - 1 - (i % COLS))]!);
    return ok({ dhash: dhashOf(grid), mirrored: dhashOf(mirroredGrid), width: info.width, height: info.height });
  } catch (e) {
    if (e instanceof PngError) return err(`a damaged PNG: ${e.message}`);
    throw e;
  }
}

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
