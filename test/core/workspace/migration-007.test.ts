import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Db } from '../../../electron/core/workspace/db.js';
import { migrate, MIGRATIONS } from '../../../electron/core/workspace/migrations/index.js';
import { tempDir } from '../../helpers/tmp.js';

describe('migration 007 (brand protection)', () => {
  it('adds the catalogue, monitor and triage tables to a version-6 workspace; decisions and weights refuse change', async () => {
    const db = await Db.open(join(tempDir(), 'm.sqlite'), { create: true });
    await migrate(db, MIGRATIONS.slice(0, 6));
    expect(await migrate(db, MIGRATIONS.slice(0, 7))).toEqual([7]);
    const tables = (await db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")).map((r) => r.name);
    expect(tables).toEqual(
      expect.arrayContaining(['brands', 'brand_products', 'brand_prices', 'brand_images', 'authorised_sellers', 'monitors', 'monitor_runs', 'monitor_run_pages', 'search_results', 'result_sightings', 'triage_decisions', 'score_weights']),
    );
    await db.run("INSERT INTO brands (id, name, created_at) VALUES ('b1', 'Nordkap', 't')");
    await expect(db.run("INSERT INTO brands (id, name, created_at) VALUES ('b2', 'NORDKAP', 't')")).rejects.toThrow(/UNIQUE/);
    await db.run("INSERT INTO monitors (id, url, brand_id, interval_seconds, pages, created_at, next_due_at) VALUES ('m1', 'https://x.test/s', 'b1', 3600, 1, 't', 't')");
    await db.run("INSERT INTO monitor_runs (id, monitor_id, started_at, finished_at, readers, generic, complete, results, new_count, gone_count) VALUES ('r1', 'm1', 't', 't', '[]', 0, 1, 1, 1, 0)");
    await db.run(
      "INSERT INTO search_results (id, monitor_id, marketplace, listing_key, url, first_run_id, last_run_id, state, score, features, reasons) VALUES ('s1', 'm1', 'ebay', '1', 'https://x.test/1', 'r1', 'r1', 'new', 50, '{}', '[]')",
    );
    await expect(db.run("UPDATE search_results SET state = 'removed'")).rejects.toThrow(/CHECK/);
    await db.run("INSERT INTO triage_decisions (result_id, decision, score, features, note, at) VALUES ('s1', 'counterfeit', 50, '{}', '', 't')");
    await expect(db.run("INSERT INTO triage_decisions (result_id, decision, score, features, note, at) VALUES ('s1', 'maybe', 50, '{}', '', 't')")).rejects.toThrow(/CHECK/);
    await expect(db.run("UPDATE triage_decisions SET decision = 'genuine'")).rejects.toThrow('kept as made');
    await expect(db.run('DELETE FROM triage_decisions')).rejects.toThrow('kept as made');
    await db.run("INSERT INTO score_weights (weights, origin, decisions, at) VALUES ('{}', 'edited', 0, 't')");
    await expect(db.run('DELETE FROM score_weights')).rejects.toThrow('kept as set');
    await db.close();
  });
});
