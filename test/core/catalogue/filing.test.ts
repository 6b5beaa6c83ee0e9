import { describe, expect, it } from 'vitest';
import { captureFields } from '../../../electron/core/catalogue/fields.js';
import { listListings, listSellers, sellerDetail } from '../../../electron/core/catalogue/queries.js';
import { readCustodyLog } from '../../../electron/core/workspace/custody.js';
import { verifyWorkspace } from '../../../electron/core/workspace/verify/verify-workspace.js';
import { fileCapture, listingExtraction } from '../../helpers/catalogue.js';
import { newWorkspace } from '../../helpers/workspace.js';

describe('filing captures under listing and seller', () => {
  it('files a capture under the seller and listing its page names, keeping every extracted value with its source', async () => {
    const ws = await newWorkspace();
    const x = listingExtraction({ listingId: '125512345678', sellerId: 'luxe_outlet_88', sellerName: 'Luxe Outlet', title: 'GG Marmont bag', price: '89.99', currency: 'USD' });
    const rec = await fileCapture(ws, x);
    expect(rec.filing.sellerId).not.toBeNull();
    expect(rec.filing.listingId).not.toBeNull();

    const [seller] = await listSellers(ws.db);
    expect(seller).toMatchObject({ marketplace: 'ebay', sellerKey: 'luxe_outlet_88', displayName: 'Luxe Outlet', listings: 1, captures: 1, status: 'active' });
    const [listing] = await listListings(ws.db);
    expect(listing).toMatchObject({ marketplace: 'ebay', listingKey: '125512345678', title: 'GG Marmont bag', price: '89.99', currency: 'USD', sellerKey: 'luxe_outlet_88', captures: 1 });

    const fields = await captureFields(ws.db, rec.id);
    expect(fields.get('price')).toMatchObject({ value: '89.99', extracted: { value: '89.99', source: { kind: 'selector', detail: '.x-price-primary' } }, correction: null });
    expect(fields.get('marketplace')?.extracted?.source).toEqual({ kind: 'url', detail: 'host ebay.com' });
    const stored = (await readCustodyLog(ws.db)).find((e) => e.action === 'capture.stored' && e.subject === rec.id);
    expect(JSON.parse(stored!.details)).toMatchObject({ filing: { listingId: rec.filing.listingId, sellerId: rec.filing.sellerId } });
    expect((await verifyWorkspace(ws)).ok).toBe(true);
    await ws.close();
  });

  it('keeps every name a seller is seen under, logs a rename, and counts its captures over time', async () => {
    const ws = await newWorkspace();
    await fileCapture(ws, listingExtraction({ listingId: '1', sellerId: 'bob', sellerName: 'Bob Bags' }), { startedAt: '2026-01-05T10:00:00.000Z' });
    await fileCapture(ws, listingExtraction({ listingId: '2', sellerId: 'bob', sellerName: 'Bob Luxury' }), { startedAt: '2026-03-05T10:00:00.000Z' });
    await fileCapture(ws, listingExtraction({ listingId: '1', sellerId: 'bob', sellerName: 'Bob Luxury' }), { startedAt: '2026-02-05T10:00:00.000Z' });
    // A failed re-capture counts as a capture but not as a sighting.
    await fileCapture(ws, listingExtraction({ listingId: '2', sellerId: 'bob' }), { startedAt: '2026-04-05T10:00:00.000Z', outcome: 'not-found' });

    const d = await sellerDetail(ws.db, 'ebay:bob');
    expect(d?.seller.displayName).toBe('Bob Luxury');
    expect(d?.names.map((n) => n.name)).toEqual(['Bob Bags', 'Bob Luxury']);
    expect(d?.listings.map((l) => l.listingKey).sort()).toEqual(['1', '2']);
    expect(d?.captures.map((c) => c.startedAt)).toEqual(['2026-01-05T10:00:00.000Z', '2026-02-05T10:00:00.000Z', '2026-03-05T10:00:00.000Z']);
    const [s] = await listSellers(ws.db);
    expect(s).toMatchObject({ listings: 2, captures: 3, firstSeen: '2026-01-05T10:00:00.000Z', lastSeen: '2026-03-05T10:00:00.000Z' });
    const renames = (await readCustodyLog(ws.db)).filter((e) => e.action === 'seller.renamed');
    expect(renames.map((e) => JSON.parse(e.details) as unknown)).toEqual([{ from: 'Bob Bags', to: 'Bob Luxury', seenAt: '2026-03-05T10:00:00.000Z' }]);
    await ws.close();
  });

  it('never files a blocked page, or a page that failed to load, as a listing', async () => {
    const ws = await newWorkspace();
    const blocked = await fileCapture(ws, listingExtraction({ kind: 'blocked' }), { outcome: 'blocked' });
    const blockedButComplete = await fileCapture(ws, listingExtraction({ kind: 'blocked', listingId: '9', sellerId: 'x' }));
    const failed = await fileCapture(ws, listingExtraction({ listingId: '9', sellerId: 'x' }), { outcome: 'dns-failure' });
    for (const r of [blocked, blockedButComplete, failed]) expect(r.filing).toEqual({ listingId: null, sellerId: null, caseId: null });
    expect(await listSellers(ws.db)).toEqual([]);
    expect(await listListings(ws.db)).toEqual([]);
    await ws.close();
  });

  it('a seller named with --seller is filed as the investigator said, and what the page said is kept as extracted', async () => {
    const ws = await newWorkspace();
    const rec = await fileCapture(ws, listingExtraction({ listingId: '77', sellerId: 'page_says', sellerName: 'Page Says' }), { seller: { marketplace: 'ebay', sellerKey: 'really_this_one' } });
    const [s] = await listSellers(ws.db);
    expect(s).toMatchObject({ sellerKey: 'really_this_one', displayName: null });
    const f = await captureFields(ws.db, rec.id);
    expect(f.get('sellerId')).toMatchObject({ value: 'really_this_one', extracted: { value: 'page_says' }, correction: { value: 'really_this_one' } });
    const corrected = (await readCustodyLog(ws.db, { subject: rec.id })).find((e) => e.action === 'field.corrected');
    expect(JSON.parse(corrected!.details)).toMatchObject({ field: 'sellerId', from: 'page_says', to: 'really_this_one' });
    await ws.close();
  });

  it('a storefront page files its seller and the listings it shows', async () => {
    const ws = await newWorkspace();
    const x = { ...listingExtraction({ sellerId: 'bob', sellerName: 'Bob' }), kind: 'storefront' as const, storefront: [1, 2, 3].map((n) => ({ listingId: `10${n}`, url: `https://www.ebay.com/itm/10${n}` })) };
    const rec = await fileCapture(ws, x);
    expect(rec.filing.listingId).toBeNull();
    const d = await sellerDetail(ws.db, 'ebay:bob');
    expect(d?.listings.map((l) => l.listingKey).sort()).toEqual(['101', '102', '103']);
    expect(d?.captures.map((c) => c.id)).toEqual([rec.id]);
    await ws.close();
  });
});
