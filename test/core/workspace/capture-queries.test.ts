import { describe, expect, it } from 'vitest';
import { capturesOfSeller, getCapture } from '../../../electron/core/workspace/capture-queries.js';
import { newWorkspace } from '../../helpers/workspace.js';

describe('capture queries', () => {
  it("lists a seller's captures across its listings, newest first, and no one else's", async () => {
    const ws = await newWorkspace();
    const t = '2026-01-01T00:00:00.000Z';
    await ws.db.run(`INSERT INTO sellers (id, marketplace, seller_key, created_at) VALUES ('s1', 'ebay', 'fakes4u', ?), ('s2', 'ebay', 'honest', ?)`, [t, t]);
    await ws.db.run(
      `INSERT INTO listings (id, marketplace, listing_key, url, seller_id, created_at) VALUES
       ('l1', 'ebay', '1', 'https://ebay.test/itm/1', 's1', ?), ('l2', 'ebay', '2', 'https://ebay.test/itm/2', 's1', ?), ('l3', 'ebay', '3', 'https://ebay.test/itm/3', 's2', ?)`,
      [t, t, t],
    );
    const sellerOf: Record<string, string> = { l1: 's1', l2: 's1', l3: 's2' };
    const record = (listingId: string, startedAt: string) =>
      ws.recordCapture({ requestedUrl: `https://ebay.test/itm/${listingId}`, finalUrl: null, httpStatus: 200, outcome: 'complete', startedAt, finishedAt: startedAt, listingId, sellerId: sellerOf[listingId]!, artifacts: [], provenance: {} });
    const a = await record('l1', '2026-01-01T10:00:00.000Z');
    const b = await record('l2', '2026-01-03T10:00:00.000Z');
    await record('l3', '2026-01-02T10:00:00.000Z');
    const c = await record('l1', '2026-01-02T10:00:00.000Z');
    const list = await capturesOfSeller(ws.db, 's1');
    expect(list.map((x) => x.id)).toEqual([b.id, c.id, a.id]);
    expect(list[0]).toMatchObject({ listingId: 'l2', requestedUrl: 'https://ebay.test/itm/l2', outcome: 'complete', manifestSha256: b.manifestSha256 });
    expect(await getCapture(ws.db, a.id)).toMatchObject({ id: a.id, startedAt: '2026-01-01T10:00:00.000Z' });
    await ws.close();
  });
});
