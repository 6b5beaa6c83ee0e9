import { describe, expect, it } from 'vitest';
import { correctField } from '../../../electron/core/catalogue/corrections.js';
import { captureFields } from '../../../electron/core/catalogue/fields.js';
import { listListings, listSellers, sellerDetail } from '../../../electron/core/catalogue/queries.js';
import { readCustodyLog } from '../../../electron/core/workspace/custody.js';
import { verifyWorkspace } from '../../../electron/core/workspace/verify/verify-workspace.js';
import { dbRows, fileCapture, listingExtraction } from '../../helpers/catalogue.js';
import { newWorkspace } from '../../helpers/workspace.js';

describe('correcting extracted values', () => {
  it('records a correction beside the extracted value, logs it, and the listing shows the corrected price', async () => {
    const ws = await newWorkspace();
    const rec = await fileCapture(ws, listingExtraction({ listingId: '55', sellerId: 'bob', price: '8.71', currency: 'USD' }));
    const r = await correctField(ws.db, rec.id, 'price', '871.00', 'the extractor read the unit price');
    expect(r).toMatchObject({ ok: true, value: { field: 'price', from: '8.71', to: '871.00', refiled: null } });
    const f = (await captureFields(ws.db, rec.id)).get('price');
    expect(f).toMatchObject({ value: '871.00', extracted: { value: '8.71' }, correction: { value: '871.00', reason: 'the extractor read the unit price' } });
    expect((await listListings(ws.db))[0]).toMatchObject({ price: '871.00' });
    const e = (await readCustodyLog(ws.db, { subject: rec.id })).find((x) => x.action === 'field.corrected');
    expect(JSON.parse(e!.details)).toEqual({ field: 'price', from: '8.71', to: '871.00', extracted: '8.71', reason: 'the extractor read the unit price' });
    // The extracted row itself cannot be changed, even by hand.
    await expect(ws.db.run("UPDATE capture_fields SET value = '\"1\"' WHERE capture_id = ?", [rec.id])).rejects.toThrow('kept as extracted');
    expect((await verifyWorkspace(ws)).ok).toBe(true);
    await ws.close();
  });

  it('correcting the seller moves the capture to the right seller, and both moves are in the log', async () => {
    const ws = await newWorkspace();
    const a = await fileCapture(ws, listingExtraction({ listingId: '1', sellerId: 'wrong_guy' }), { startedAt: '2026-01-01T00:00:00.000Z' });
    await fileCapture(ws, listingExtraction({ listingId: '2', sellerId: 'right_guy' }), { startedAt: '2026-01-02T00:00:00.000Z' });
    const r = await correctField(ws.db, a.id, 'sellerId', 'right_guy', 'the buy-box seller, read from the offer panel');
    expect(r.ok && r.value.refiled).toBeTruthy();
    const sellers = await listSellers(ws.db);
    expect(sellers.find((s) => s.sellerKey === 'right_guy')).toMatchObject({ captures: 2, listings: 2 });
    expect(sellers.find((s) => s.sellerKey === 'wrong_guy')).toMatchObject({ captures: 0, listings: 0 });
    expect((await sellerDetail(ws.db, 'ebay:right_guy'))?.captures.map((c) => c.id)).toContain(a.id);
    const actions = (await readCustodyLog(ws.db, { subject: a.id })).map((e) => e.action);
    expect(actions).toEqual(['capture.stored', 'field.corrected', 'capture.filed']);
    expect((await verifyWorkspace(ws)).ok).toBe(true);
    await ws.close();
  });

  it('refuses an unknown field, a malformed value, an unknown capture or no change, and changes nothing', async () => {
    const ws = await newWorkspace();
    const rec = await fileCapture(ws, listingExtraction({ listingId: '5', sellerId: 'bob', price: '10.00', currency: 'EUR' }));
    const before = await dbRows(ws);
    expect(await correctField(ws.db, rec.id, 'colour', 'red', '')).toMatchObject({ ok: false, error: { kind: 'bad-field' } });
    expect(await correctField(ws.db, rec.id, 'price', '10,00 €', '')).toMatchObject({ ok: false, error: { kind: 'bad-value', message: expect.stringContaining('plain decimal') as unknown } });
    expect(await correctField(ws.db, rec.id, 'currency', 'euros', '')).toMatchObject({ ok: false, error: { kind: 'bad-value' } });
    expect(await correctField(ws.db, rec.id, 'images', 'javascript:alert(1)', '')).toMatchObject({ ok: false, error: { kind: 'bad-value' } });
    expect(await correctField(ws.db, 'NOPE', 'price', '1', '')).toMatchObject({ ok: false, error: { kind: 'no-capture' } });
    expect(await correctField(ws.db, rec.id, 'price', '10.00', '')).toMatchObject({ ok: false, error: { kind: 'unchanged' } });
    expect(await dbRows(ws)).toEqual(before);
    await ws.close();
  });

  it('a correction can file a capture no extractor could read', async () => {
    const ws = await newWorkspace();
    const rec = await fileCapture(ws, null);
    expect(rec.filing.sellerId).toBeNull();
    expect((await correctField(ws.db, rec.id, 'marketplace', 'ebay', '')).ok).toBe(true);
    const r = await correctField(ws.db, rec.id, 'sellerId', 'found_by_hand', 'seen on the page, in an image');
    expect(r.ok && r.value.refiled?.to.sellerId).toBeTruthy();
    expect((await listSellers(ws.db))[0]).toMatchObject({ sellerKey: 'found_by_hand', captures: 1, listings: 1 });
    await ws.close();
  });
});
