import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pushes } from '../../../electron/core/store/index.js';
import { Db } from '../../../electron/core/workspace/db.js';
import { migrate, MIGRATIONS } from '../../../electron/core/workspace/migrations/index.js';
import { tempDir } from '../../helpers/tmp.js';

describe('migration 012 (hub pushes)', () => {
  it('keeps each push to a hub, and the hub entered once, on a workspace of the schema before it', async () => {
    const db = await Db.open(join(tempDir(), 'm.sqlite'), { create: true });
    await migrate(db, MIGRATIONS.filter((m) => m.version < 12));
    expect(await migrate(db, MIGRATIONS.filter((m) => m.version <= 12))).toEqual([12]);
    expect(await pushes.allPushes(db)).toEqual([]);
    expect(await pushes.hubConnection(db)).toBeUndefined();
    const record = { custodySeq: 7, at: '2026-12-04T10:00:00.000Z', hubUrl: 'http://127.0.0.1:8787', hubUser: 'Jane Roe', captures: ['c1', 'c2'], objectsSent: 9, bytesSent: 1234, custodySent: 5, receipt: { seq: 3, hash: 'a'.repeat(64) } };
    await pushes.insertPush(db, record);
    expect(await pushes.allPushes(db)).toEqual([record]);
    await pushes.setHubConnection(db, { url: 'http://127.0.0.1:8787', token: 'exh_one' });
    await pushes.setHubConnection(db, { url: 'http://127.0.0.1:8788', token: 'exh_two' });
    expect(await pushes.hubConnection(db)).toEqual({ url: 'http://127.0.0.1:8788', token: 'exh_two' });
    await expect(db.run("INSERT INTO hub_connection (id, url, token) VALUES (2, 'x', 'y')")).rejects.toThrow(/CHECK constraint/);
    await db.close();
  });
});
