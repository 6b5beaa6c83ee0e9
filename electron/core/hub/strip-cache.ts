import { rm } from 'node:fs/promises';
import { join } from 'node:path';

/** How many screenshot strips the hub app keeps copies and tiles of, by default: a strip and its tiles are some 2–20 MB. */
export const DEFAULT_CACHED_STRIPS = 200;

/**
 * The hub app's local copies of screenshot strips (objects/SHA) and the
 * viewer's tiles cut from them (view-tiles/SHA), bounded: past `max`
 * strips, the least recently used one not in use is deleted, copy and tiles
 * together, and fetched again from the store when next asked for. Nothing
 * here is evidence (each copy was hash-checked as it was read from the
 * store); the whole folder goes when the hub stops.
 */
export class StripCache {
  /** strip hash → in order of last use, oldest first */
  private readonly used = new Set<string>();
  private readonly inUse = new Map<string, number>();
  private trimming: Promise<void> = Promise.resolve();

  constructor(
    readonly dir: string,
    private readonly max: number = DEFAULT_CACHED_STRIPS,
  ) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`a strip cache holds at least one strip, not ${max}`);
  }

  objectPath(sha256: string): string {
    return join(this.dir, 'objects', sha256);
  }

  get tilesDir(): string {
    return join(this.dir, 'view-tiles');
  }

  /** The strips held now, least recently used first. */
  held(): string[] {
    return [...this.used];
  }

  /** Runs fn with the strip marked in use (never evicted meanwhile), then trims the cache to its bound. */
  async with<T>(sha256: string, fn: () => Promise<T>): Promise<T> {
    this.used.delete(sha256);
    this.used.add(sha256);
    this.inUse.set(sha256, (this.inUse.get(sha256) ?? 0) + 1);
    try {
      // A trim begun before this strip was marked may be deleting it: wait for it, then fn fetches it again.
      await this.trimming;
      return await fn();
    } finally {
      const n = (this.inUse.get(sha256) ?? 1) - 1;
      if (n === 0) this.inUse.delete(sha256);
      else this.inUse.set(sha256, n);
      this.trimming = this.trimming.then(() => this.trim());
      await this.trimming;
    }
  }

  private async trim(): Promise<void> {
    for (const sha of [...this.used]) {
      if (this.used.size <= this.max) return;
      if (this.inUse.has(sha)) continue;
      this.used.delete(sha);
      await rm(this.objectPath(sha), { force: true });
      await rm(join(this.tilesDir, sha), { recursive: true, force: true });
    }
  }
}
