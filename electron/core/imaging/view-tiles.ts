import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { newId } from '../util/ids.js';
import { Mutex } from '../util/mutex.js';

/**
 * The screenshot viewer's tiles: squares of TILE px cut from one stored
 * screenshot PNG (a "strip": a full-page screenshot is stored as strips of
 * at most 8,000 px), at level L = the strip scaled by 1/2^L. The browser
 * never loads a 60,000 px image whole, only the tiles in view, at the
 * level its zoom needs. Cut once per strip and level, and kept in a cache
 * keyed by the strip's SHA-256, so they never go stale; the cache is not
 * evidence and may be deleted at any time.
 */
export const TILE = 512;
export const MAX_LEVEL = 7;

export interface TileAddress {
  level: number;
  col: number;
  row: number;
}

/** Level, column and row from the path's parts; null when any is not a small whole number in range. */
export function parseTileAddress(level: string, col: string, row: string): TileAddress | null {
  const nums = [level, col, row].map((p) => (/^\d{1,5}$/.test(p) ? Number(p) : NaN));
  const [l, c, r] = nums as [number, number, number];
  if (nums.some(Number.isNaN) || l > MAX_LEVEL) return null;
  return { level: l, col: c, row: r };
}

export class ViewTiles {
  /** one strip decoded at a time: a strip is up to 8,000 px tall, its pixels some 40 MB */
  private readonly cutting = new Mutex();
  private readonly pending = new Map<string, Promise<void>>();

  constructor(private readonly cacheDir: string) {}

  /**
   * The tile's PNG, or null when the address lies outside the strip. file:
   * the stored strip; sha256: its hash (the cache key).
   */
  async tile(file: string, sha256: string, width: number, height: number, at: TileAddress): Promise<Buffer | null> {
    const span = TILE * 2 ** at.level;
    if (at.col * span >= width || at.row * span >= height) return null;
    const dir = join(this.cacheDir, sha256, String(at.level));
    const path = join(dir, `${at.col}-${at.row}.png`);
    const cached = await readFile(path).catch(() => null);
    if (cached) return cached;
    const key = `${sha256}/${at.level}`;
    let cut = this.pending.get(key);
    if (!cut) {
      cut = this.cutting.run(() => cutLevel(file, dir, width, height, at.level)).finally(() => this.pending.delete(key));
      this.pending.set(key, cut);
    }
      await cut;
    // An address just past the strip's last row once scaled (rounding) has no tile.
    return readFile(path).catch(() => null);
  }
}

/**
 * Every tile of one strip at one level, in one decode; each written whole
 * (temporary name, then renamed). The strip is first padded to a multiple
 * of 2^level px (white, past its edge), so a tile at any level covers
 * exactly TILE × 2^level px of the page and tiles meet without drift.
 */
async function cutLevel(file: string, dir: string, width: number, height: number, level: number): Promise<void> {
  await mkdir(dir, { recursive: true });
  const f = 2 ** level;
  let image = sharp(file, { limitInputPixels: false });
  if (level > 0) {
    const padded = { width: Math.ceil(width / f) * f, height: Math.ceil(height / f) * f };
    const { data, info } = await image
      .removeAlpha()
      .extend({ right: padded.width - width, bottom: padded.height - height, background: { r: 255, g: 255, b: 255 } })
      .raw()
      .toBuffer({ resolveWithObject: true });
    image = sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels }, limitInputPixels: false }).resize({ width: padded.width / f, height: padded.height / f, fit: 'fill', kernel: 'lanczos3' });
  }
  const { data, info } = await image.raw().toBuffer({ resolveWithObject: true });
  const raw = { width: info.width, height: info.height, channels: info.channels };
  for (let top = 0, row = 0; top < info.height; top += TILE, row++) {
    for (let left = 0, col = 0; left < info.width; left += TILE, col++) {
      const region = { left, top, width: Math.min(TILE, info.width - left), height: Math.min(TILE, info.height - top) };
      const png = await sharp(data, { raw }).extract(region).png({ compressionLevel: 3 }).toBuffer();
      const tmp = join(dir, `.${col}-${row}.${newId()}.tmp`);
      await writeFile(tmp, png);
      await rename(tmp, join(dir, `${col}-${row}.png`));
    }
  }
}
