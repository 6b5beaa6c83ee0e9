import { describe, expect, it } from 'vitest';
import { correctField } from '../../../electron/core/catalogue/corrections.js';
import { search } from '../../../electron/core/search/search.js';
import { ftsQuery, indexableText } from '../../../electron/core/search/tokens.js';
import { fileCapture, listingExtraction } from '../../helpers/catalogue.js';
import { newWorkspace } from '../../helpers/workspace.js';

describe('search tokens', () => {
  it('indexes CJK a character a token, and a CJK word in a query is a phrase', () => {
    expect(indexableText('正品耐克Air鞋')).toBe(' 正  品  耐  克 Air 鞋 ');
    expect(ftsQuery('耐克 air')).toBe('"耐 克" AND "air"');
  });

  it('quotes everything, so no input is FTS5 syntax by accident', () => {
    expect(ftsQuery('gucci AND -prada NEAR(x) col:val "half')).toBe('"gucci" AND "AND" AND "prada" AND "NEAR x" AND "col val" AND "half"');
    expect(ftsQuery('"leather wallet" gucc*')).toBe('"leather wallet" AND "gucc"*');
    expect(ftsQuery('  ** -- ""  ')).toBeNull();
  });
});

describe('full-text search', () => {
  it('finds captures by page text, title, seller, listing id and Chinese text, newest first', async () => {
    const ws = await newWorkspace();
    const a = await fileCapture(ws, listingExtraction({ listingId: '111', sellerId: 'luxe_outlet', sellerName: 'Luxe Outlet', title: 'Sac à main cuir' }), {
      text: 'Livraison gratuite. Marmont matelassé, état neuf.',
      startedAt: '2026-01-01T00:00:00.000Z',
    });
    const b = await fileCapture(ws, listingExtraction({ listingId: '222', sellerId: 'shop_cn', title: '正品耐克运动鞋 男款' }), { text: '包邮 七天无理由退换', startedAt: '2026-01-02T00:00:00.000Z' });
    const c = await fileCapture(ws, listingExtraction({ listingId: '333', sellerId: 'luxe_outlet', title: 'Marmont belt' }), { text: 'Free shipping', startedAt: '2026-01-03T00:00:00.000Z' });
    const ids = async (q: string) => (await search(ws.db, q))?.hits.map((h) => h.captureId);

    expect(await ids('marmont')).toEqual([c.id, a.id]);
    expect(await ids('matelasse')).toEqual([a.id]); // accents ignored
    expect(await ids('sac cuir')).toEqual([a.id]);
    expect(await ids('耐克')).toEqual([b.id]);
    expect(await ids('运动鞋')).toEqual([b.id]);
    expect(await ids('克耐')).toEqual([]);
    expect(await ids('luxe_outlet')).toEqual([c.id, a.id]);
    expect(await ids('222')).toEqual([b.id]);
    expect(await ids('marm*')).toEqual([c.id, a.id]);
    expect(await ids('"free shipping"')).toEqual([c.id]);

    const hit = (await search(ws.db, '耐克'))!.hits[0]!;
    expect(hit.snippet).toContain('正品[耐克]运动鞋');
    expect(hit).toMatchObject({ listing: { listingKey: '222' }, seller: { sellerKey: 'shop_cn' } });

    // A corrected title is found by its new words, and no longer by the old ones.
    await correctField(ws.db, c.id, 'title', 'Horsebit loafers', '');
    expect(await ids('horsebit')).toEqual([c.id]);
    expect(await ids('belt')).toEqual([]);
    expect(await ids('free')).toEqual([c.id]);
    await ws.close();
  });
});
