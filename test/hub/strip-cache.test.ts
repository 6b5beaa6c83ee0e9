import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StripCache } from '../../electron/core/hub/strip-cache.js';

/** What the hub app leaves on disk for one strip: its copy and a tile cut from it. */
function fill(cache: StripCache, sha: string): Promise<void> {
  mkdirSync(join(cache.dir, 'objects'), { recursive: true });
  writeFileSync(cache.objectPath(sha), `strip ${sha}`);
  mkdirSync(join(cache.tilesDir, sha, '0'), { recursive: true });
  writeFileSync(join(cache.tilesDir, sha, '0', '0-0.png'), 'tile');
  return Promise.resolve();
}

const onDisk = (cache: StripCache, sha: string) => existsSync(cache.objectPath(sha)) || existsSync(join(cache.tilesDir, sha));

describe('the hub app keeps a bounded number of screenshot strips', () => {
  it('deletes the least recently used strip, its copy and its tiles, past the bound', async () => {
    const cache = new StripCache(mkdtempSync(join(tmpdir(), 'strip-cache-')), 2);
    for (const sha of ['a', 'b']) await cache.with(sha, () => fill(cache, sha));
    await cache.with('a', () => Promise.resolve()); // a used again: b is now the oldest
    await cache.with('c', () => fill(cache, 'c'));
    expect(cache.held()).toEqual(['a', 'c']);
    expect(onDisk(cache, 'b')).toBe(false);
    expect(onDisk(cache, 'a') && onDisk(cache, 'c')).toBe(true);
  });

  it('never deletes a strip while it is being read, and fetches a deleted one again when asked', async () => {
    const cache = new StripCache(mkdtempSync(join(tmpdir(), 'strip-cache-')), 1);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const reading = cache.with('x', async () => {
      await fill(cache, 'x');
      await held;
      return existsSync(cache.objectPath('x'));
    });
    await cache.with('y', () => fill(cache, 'y'));
    await cache.with('z', () => fill(cache, 'z'));
    expect(onDisk(cache, 'x')).toBe(true);
    release();
    expect(await reading).toBe(true);
    // Once x is done with, the bound holds again: only the last strip used stays.
    expect(cache.held()).toEqual(['x']);
    expect(onDisk(cache, 'z')).toBe(false);
    await cache.with('z', () => fill(cache, 'z'));
    expect(cache.held()).toEqual(['z']);
    expect(onDisk(cache, 'z')).toBe(true);
  });

  it('refuses a bound under one strip', () => {
    expect(() => new StripCache(tmpdir(), 0)).toThrow(/at least one strip/);
  });
});
