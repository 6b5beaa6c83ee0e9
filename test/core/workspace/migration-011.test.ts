import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { thumbnails } from '../../../electron/core/store/index.js';
import { Db } from '../../../electron/core/workspace/db.js';
import { migrate, MIGRATIONS } from '../../../electron/core/workspace/migrations/index.js';
import { tempDir } from '../../helpers/tmp.js';

describe('migration 011 (thumbnails kept once)', () => {
  it('adds the address → image and image → hash tables to a workspace at 010, one row per address and per image', async () => {
    const db = await Db.open(join(tempDir(), 'm.sqlite'), { create: true });
    await migrate(db, MIGRATIONS.filter((m) => m.version < 11));
    expect(await migrate(db, MIGRATIONS.filter((m) => m.version <= 11))).toEqual([11]);
    const sha = 'a'.repeat(64);
    await thumbnails.rememberUrl(db, 'https://x.test/1.png', sha, '2026-01-01T00:00:00.000Z');
    await thumbnails.rememberUrl(db, 'https://x.test/1.png', sha, '2026-01-02T00:00:00.000Z');
    await thumbnails.rememberHash(db, sha, '00ff00ff00ff00ff', '2026-01-01T00:00:00.000Z');
    await thumbnails.rememberHash(db, sha, 'ffffffffffffffff', '2026-01-02T00:00:00.000Z');
    expect(await thumbnails.imageOfUrl(db, 'https://x.test/1.png')).toBe(sha);
    expect(await thumbnails.hashOfImage(db, sha)).toBe('00ff00ff00ff00ff');
    expect(await thumbnails.hashOfImage(db, 'b'.repeat(64))).toBeUndefined();
    expect(await thumbnails.thumbnailObjects(db)).toEqual([sha]);
    await db.close();
  });
});
