import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countAttention } from '../../../electron/core/catalogue/dashboard.js';
import { Db } from '../../../electron/core/workspace/db.js';
import { migrate, MIGRATIONS } from '../../../electron/core/workspace/migrations/index.js';
import { tempDir } from '../../helpers/tmp.js';

describe('migration 010 (dashboard indexes)', () => {
  it('lets the dashboard read captures and re-captures since the last visit without reading them all', async () => {
    const db = await Db.open(join(tempDir(), 'm.sqlite'), { create: true });
    await migrate(db, MIGRATIONS.filter((m) => m.version < 10));
    expect(await migrate(db, MIGRATIONS.filter((m) => m.version <= 10))).toEqual([10]);
    const plan = async (sql: string) => (await db.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, ['2026-01-01T00:00:00.000Z'])).map((r) => r.detail).join('\n');
    // The counts' own predicates: captures by start, re-captures by time, each a range of the index.
    expect(await plan("SELECT COUNT(*) FROM captures c LEFT JOIN recaptures r ON r.capture_id = c.id WHERE c.started_at > ? AND (c.outcome = 'blocked' OR r.classification = 'blocked')")).toMatch(/captures_by_started \(started_at>\?\)/);
    expect(await plan("SELECT COUNT(*) FROM recaptures r JOIN captures c ON c.id = r.capture_id WHERE r.kind = 'listing' AND r.at > ? AND r.classification = 'changed'")).toMatch(/recaptures_by_at \(at>\?\)/);
    expect(await countAttention(db, 'blocked', '2026-01-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z')).toBe(0);
    await db.close();
  });
});
