import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Db } from '../../../electron/core/workspace/db.js';
import { migrate, MIGRATIONS, schemaVersion, SCHEMA_VERSION } from '../../../electron/core/workspace/migrations/index.js';
import { tempDir } from '../../helpers/tmp.js';

describe('migrations', () => {
  it('are numbered 1, 2, 3… and end at the schema version', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it('001 creates the evidence tables, and applying again changes nothing', async () => {
    const db = await Db.open(join(tempDir(), 'm.sqlite'), { create: true });
    expect(await migrate(db, MIGRATIONS.slice(0, 1))).toEqual([1]);
    expect(await schemaVersion(db)).toBe(1);
    const tables = (await db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")).map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['artifacts', 'captures', 'cases', 'custody_log', 'listings', 'seller_aliases', 'sellers', 'settings']));
    expect(await migrate(db, MIGRATIONS.slice(0, 1))).toEqual([]);
    await db.close();
  });

  it('001 makes captures, artifacts and the custody log refuse change', async () => {
    const db = await Db.open(join(tempDir(), 'm.sqlite'), { create: true });
    await migrate(db, MIGRATIONS.slice(0, 1));
    await db.run("INSERT INTO captures (id, requested_url, started_at, finished_at, outcome, manifest_sha256, signature) VALUES ('c1', 'https://x.test/', 't', 't', 'complete', 'h', 's')");
    await expect(db.run("UPDATE captures SET outcome = 'x'")).rejects.toThrow('cannot be changed');
    await expect(db.run('DELETE FROM captures')).rejects.toThrow('cannot be deleted');
    await db.run("INSERT INTO custody_log (at, investigator, os_user, action, details, prev_hash, hash) VALUES ('t', '', 'u', 'a', '{}', 'p', 'h')");
    await expect(db.run("UPDATE custody_log SET action = 'b'")).rejects.toThrow('append-only');
    await expect(db.run('DELETE FROM custody_log')).rejects.toThrow('append-only');
    await db.close();
  });

  it('002 files the captures of a version-1 workspace under their sellers, counts them, and makes them searchable', async () => {
    const db = await Db.open(join(tempDir(), 'm.sqlite'), { create: true });
    await db.exec('PRAGMA foreign_keys = ON');
    await migrate(db, MIGRATIONS.slice(0, 1));
    await db.exec(`
      INSERT INTO sellers (id, marketplace, seller_key, display_name, created_at) VALUES ('s1', 'ebay', 'bob', 'Bob Bags', 't');
      INSERT INTO listings (id, marketplace, listing_key, url, title, seller_id, created_at) VALUES ('l1', 'ebay', '123', 'https://ebay.test/itm/123', 'Marmont bag', 's1', 't');
      INSERT INTO listings (id, marketplace, listing_key, url, title, seller_id, created_at) VALUES ('l2', 'ebay', '456', 'https://ebay.test/itm/456', 'Belt', 's1', 't');
      INSERT INTO captures (id, listing_id, requested_url, started_at, finished_at, outcome, manifest_sha256, signature) VALUES
        ('c1', 'l1', 'https://ebay.test/itm/123', '2026-01-01T00:00:00.000Z', 't', 'complete', 'h', 's'),
        ('c2', 'l1', 'https://ebay.test/itm/123', '2026-02-01T00:00:00.000Z', 't', 'not-found', 'h', 's'),
        ('c3', NULL, 'https://elsewhere.test/', '2026-02-01T00:00:00.000Z', 't', 'complete', 'h', 's');`);
    expect(await migrate(db)).toEqual(MIGRATIONS.filter((m) => m.version >= 2).map((m) => m.version));
    expect(await db.all('SELECT id, seller_id AS sellerId FROM captures ORDER BY id')).toEqual([
      { id: 'c1', sellerId: 's1' },
      { id: 'c2', sellerId: 's1' },
      { id: 'c3', sellerId: null },
    ]);
    expect(await db.get('SELECT listing_count AS l, capture_count AS c, first_seen AS f, last_seen AS z FROM sellers')).toEqual({ l: 2, c: 2, f: '2026-01-01T00:00:00.000Z', z: '2026-01-01T00:00:00.000Z' });
    expect(await db.all("SELECT rowid FROM search_index WHERE search_index MATCH 'marmont'")).toHaveLength(2);
    // What a capture recorded still cannot change; where it is filed can.
    await expect(db.run("UPDATE captures SET requested_url = 'x' WHERE id = 'c1'")).rejects.toThrow('cannot be changed');
    await db.run("UPDATE captures SET listing_id = 'l2' WHERE id = 'c1'");
    expect(await db.all('SELECT id, capture_count AS c FROM listings ORDER BY id')).toEqual([
      { id: 'l1', c: 1 },
      { id: 'l2', c: 1 },
    ]);
    await db.close();
  });

  it('005 gives a version-4 workspace the default authorities and queues its key for a stamp; tokens refuse change', async () => {
    const db = await Db.open(join(tempDir(), 'm.sqlite'), { create: true });
    await migrate(db, MIGRATIONS.slice(0, 4));
    const fingerprint = 'ab12 cd34 '.repeat(8).trim();
    await db.run("INSERT INTO custody_log (at, investigator, os_user, action, details, prev_hash, hash) VALUES ('t', '', 'u', 'workspace.created', ?, 'p', 'h')", [JSON.stringify({ publicKeyFingerprint: fingerprint })]);
    expect(await migrate(db, MIGRATIONS.slice(0, 5))).toEqual([5]);
    expect((await db.all<{ url: string }>('SELECT url FROM time_authorities ORDER BY position')).map((r) => r.url)).toEqual(['http://timestamp.digicert.com', 'http://timestamp.sectigo.com/qualified']);
    const hex = fingerprint.replace(/ /g, '');
    expect(await db.all('SELECT subject_kind AS kind, subject, imprint, done_at AS doneAt FROM stamp_requests')).toEqual([{ kind: 'key', subject: hex, imprint: hex, doneAt: null }]);
    await expect(db.run('DELETE FROM stamp_requests')).rejects.toThrow('kept');
    await db.run(
      "INSERT INTO timestamps (subject_kind, subject, name, authority_url, authority_name, token_sha256, imprint, subject_imprint, nonce, gen_time, serial, stamped_at) VALUES ('key', ?, 'timestamp-1.tsr', 'u', 'n', 't', ?, ?, '1', 'g', '1', 's')",
      [hex, hex, hex],
    );
    await expect(db.run("UPDATE timestamps SET gen_time = 'x'")).rejects.toThrow('kept as received');
    await expect(db.run('DELETE FROM timestamps')).rejects.toThrow('kept as received');
    await db.close();
  });

  it('006 gives a version-5 workspace an empty signed head, anchored from its next entry; signatures refuse change', async () => {
    const db = await Db.open(join(tempDir(), 'm.sqlite'), { create: true });
    await migrate(db, MIGRATIONS.slice(0, 5));
    for (let i = 0; i < 3; i++) await db.run("INSERT INTO custody_log (at, investigator, os_user, action, details, prev_hash, hash) VALUES ('t', '', 'u', 'x', '{}', 'p', 'h')");
    expect(await migrate(db, MIGRATIONS.slice(0, 6))).toEqual([6]);
    expect(await db.get('SELECT id, anchored_from AS anchoredFrom, seq, hash, signature FROM custody_head')).toEqual({ id: 1, anchoredFrom: 4, seq: null, hash: null, signature: null });
    await expect(db.run("INSERT INTO custody_head (id, anchored_from) VALUES (2, 1)")).rejects.toThrow('CHECK');
    await db.run("INSERT INTO custody_signatures (seq, signature) VALUES (4, 's')");
    await expect(db.run("UPDATE custody_signatures SET signature = 'x'")).rejects.toThrow('append-only');
    await expect(db.run('DELETE FROM custody_signatures')).rejects.toThrow('append-only');
    await db.close();
  });
});
