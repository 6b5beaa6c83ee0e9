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
    expect(await migrate(db)).toEqual([1]);
    expect(await schemaVersion(db)).toBe(1);
    const tables = (await db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")).map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['artifacts', 'captures', 'cases', 'custody_log', 'listings', 'seller_aliases', 'sellers', 'settings']));
    expect(await migrate(db)).toEqual([]);
    await db.close();
  });

  it('001 makes captures, artifacts and the custody log refuse change', async () => {
    const db = await Db.open(join(tempDir(), 'm.sqlite'), { create: true });
    await migrate(db);
    await db.run("INSERT INTO captures (id, requested_url, started_at, finished_at, outcome, manifest_sha256, signature) VALUES ('c1', 'https://x.test/', 't', 't', 'complete', 'h', 's')");
    await expect(db.run("UPDATE captures SET outcome = 'x'")).rejects.toThrow('cannot be changed');
    await expect(db.run('DELETE FROM captures')).rejects.toThrow('cannot be deleted');
    await db.run("INSERT INTO custody_log (at, investigator, os_user, action, details, prev_hash, hash) VALUES ('t', '', 'u', 'a', '{}', 'p', 'h')");
    await expect(db.run("UPDATE custody_log SET action = 'b'")).rejects.toThrow('append-only');
    await expect(db.run('DELETE FROM custody_log')).rejects.toThrow('append-only');
    await db.close();
  });
});
