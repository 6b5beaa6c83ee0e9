import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Db } from '../../../electron/core/workspace/db.js';
import { migrate, MIGRATIONS } from '../../../electron/core/workspace/migrations/index.js';
import { tempDir } from '../../helpers/tmp.js';

describe('migration 008 (seller links)', () => {
  it('adds link decisions (kept as made, one pair in id order) and the listing image hash cache to a version-7 workspace', async () => {
    const db = await Db.open(join(tempDir(), 'm.sqlite'), { create: true });
    await migrate(db, MIGRATIONS.slice(0, 7));
    expect(await migrate(db, MIGRATIONS.slice(0, 8))).toEqual([8]);
    await db.run("INSERT INTO sellers (id, marketplace, seller_key, created_at) VALUES ('s1', 'ebay', 'a', 't'), ('s2', 'ebay', 'b', 't')");
    await db.run("INSERT INTO seller_link_decisions (seller_a, seller_b, decision, decided_at) VALUES ('s1', 's2', 'rejected', 't')");
    await expect(db.run("INSERT INTO seller_link_decisions (seller_a, seller_b, decision, decided_at) VALUES ('s2', 's1', 'confirmed', 't')")).rejects.toThrow(/CHECK/);
    await expect(db.run("INSERT INTO seller_link_decisions (seller_a, seller_b, decision, decided_at) VALUES ('s1', 's2', 'maybe', 't')")).rejects.toThrow(/CHECK/);
    await expect(db.run("UPDATE seller_link_decisions SET decision = 'confirmed'")).rejects.toThrow('cannot be changed');
    await expect(db.run('DELETE FROM seller_link_decisions')).rejects.toThrow('cannot be deleted');
    const cols = (await db.all<{ name: string }>('PRAGMA table_info(listing_image_hashes)')).map((c) => c.name);
    expect(cols).toEqual(['capture_id', 'url', 'image_sha256', 'dhash', 'dhash_mirrored', 'problem']);
    await db.close();
  });
});
