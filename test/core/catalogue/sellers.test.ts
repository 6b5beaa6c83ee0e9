import { describe, expect, it } from 'vitest';
import { addToCase, createCase, listCases } from '../../../electron/core/catalogue/cases.js';
import { listListings, listSellers, sellerDetail } from '../../../electron/core/catalogue/queries.js';
import { mergeSellers, setSellerNotes, setSellerStatus, tagSeller, unmergeSeller } from '../../../electron/core/catalogue/sellers.js';
import { capturesOfSeller } from '../../../electron/core/workspace/capture-queries.js';
import { readCustodyLog } from '../../../electron/core/workspace/custody.js';
import { verifyWorkspace } from '../../../electron/core/workspace/verify/verify-workspace.js';
import { dbRows, fileCapture, listingExtraction } from '../../helpers/catalogue.js';
import { newWorkspace } from '../../helpers/workspace.js';

async function threeSellers() {
  const ws = await newWorkspace();
  await fileCapture(ws, listingExtraction({ listingId: '1', sellerId: 'alpha', sellerName: 'Alpha' }), { startedAt: '2026-01-01T00:00:00.000Z' });
  await fileCapture(ws, listingExtraction({ listingId: '2', sellerId: 'beta', sellerName: 'Beta' }), { startedAt: '2026-02-01T00:00:00.000Z' });
  await fileCapture(ws, listingExtraction({ listingId: '3', sellerId: 'gamma', sellerName: 'Gamma' }), { startedAt: '2026-03-01T00:00:00.000Z' });
  await fileCapture(ws, listingExtraction({ listingId: '3', sellerId: 'gamma', sellerName: 'Gamma' }), { startedAt: '2026-03-02T00:00:00.000Z' });
  return ws;
}

describe('sellers', () => {
  it('merging counts one operator once, rewrites nothing, and undoing it restores each seller', async () => {
    const ws = await threeSellers();
    const listingsBefore = await listListings(ws.db);
    const m = await mergeSellers(ws.db, 'ebay:alpha', 'ebay:beta', 'same PayPal account');
    expect(m.ok).toBe(true);
    // beta (with alpha) into gamma: alpha comes along.
    expect((await mergeSellers(ws.db, 'ebay:beta', 'ebay:gamma')).ok).toBe(true);
    const merged = await listSellers(ws.db);
    expect(merged).toHaveLength(1);
    expect(merged[0]).toMatchObject({ sellerKey: 'gamma', listings: 3, captures: 4, merged: 2, firstSeen: '2026-01-01T00:00:00.000Z', lastSeen: '2026-03-02T00:00:00.000Z' });
    const d = await sellerDetail(ws.db, 'ebay:alpha');
    expect(d?.seller.sellerKey).toBe('gamma');
    expect(d?.names.map((n) => n.name)).toEqual(['Alpha', 'Beta', 'Gamma']);
    expect(d?.merged.map((s) => s.sellerKey).sort()).toEqual(['alpha', 'beta']);
    expect((await capturesOfSeller(ws.db, d!.seller.id)).length).toBe(4);
    // Nothing was rewritten: every listing keeps the seller it was seen under.
    expect(await listListings(ws.db)).toEqual(listingsBefore);
    expect(await mergeSellers(ws.db, 'ebay:alpha', 'ebay:gamma')).toMatchObject({ ok: false, error: { kind: 'same-seller' } });

    expect((await unmergeSeller(ws.db, 'ebay:beta', 'different operators after all')).ok).toBe(true);
    const apart = await listSellers(ws.db);
    expect(apart.map((s) => [s.sellerKey, s.merged]).sort()).toEqual([
      ['beta', 1],
      ['gamma', 0],
    ]);
    expect((await unmergeSeller(ws.db, 'ebay:alpha')).ok).toBe(true);
    expect((await listSellers(ws.db)).map((s) => s.sellerKey).sort()).toEqual(['alpha', 'beta', 'gamma']);
    expect(await unmergeSeller(ws.db, 'ebay:alpha')).toMatchObject({ ok: false, error: { kind: 'not-merged' } });
    const log = (await readCustodyLog(ws.db)).map((e) => e.action).filter((a) => a.startsWith('seller.') && a !== 'seller.created');
    expect(log).toEqual(['seller.merged', 'seller.merged', 'seller.unmerged', 'seller.unmerged']);
    expect((await verifyWorkspace(ws)).ok).toBe(true);
    await ws.close();
  });

  it('status keeps its history; tags and notes are logged; bad input changes nothing', async () => {
    const ws = await threeSellers();
    expect((await setSellerStatus(ws.db, 'ebay:alpha', 'reported', 'eBay VeRO report 123')).ok).toBe(true);
    expect((await setSellerStatus(ws.db, 'ebay:alpha', 'removed')).ok).toBe(true);
    expect((await tagSeller(ws.db, 'ebay:alpha', 'handbags', true)).ok).toBe(true);
    expect((await tagSeller(ws.db, 'ebay:alpha', 'priority', true)).ok).toBe(true);
    expect((await setSellerNotes(ws.db, 'ebay:alpha', 'ships from Guangzhou')).ok).toBe(true);
    const d = await sellerDetail(ws.db, 'ebay:alpha');
    expect(d?.statusHistory.map((h) => [h.status, h.note])).toEqual([
      ['reported', 'eBay VeRO report 123'],
      ['removed', ''],
    ]);
    expect(d?.tags).toEqual(['handbags', 'priority']);
    expect(d?.seller.notes).toBe('ships from Guangzhou');
    expect((await listSellers(ws.db, { tag: 'priority' })).map((s) => s.sellerKey)).toEqual(['alpha']);
    expect((await listSellers(ws.db, { status: 'removed' })).map((s) => s.sellerKey)).toEqual(['alpha']);

    const before = await dbRows(ws);
    expect(await setSellerStatus(ws.db, 'ebay:alpha', 'gone fishing')).toMatchObject({ ok: false, error: { kind: 'bad-status' } });
    expect(await tagSeller(ws.db, 'ebay:alpha', '<script>', true)).toMatchObject({ ok: false, error: { kind: 'bad-tag' } });
    expect(await setSellerStatus(ws.db, 'ebay:nobody', 'reported')).toMatchObject({ ok: false, error: { kind: 'no-seller' } });
    expect(await mergeSellers(ws.db, 'ebay:alpha', 'ebay:nobody')).toMatchObject({ ok: false, error: { kind: 'no-seller' } });
    expect(await dbRows(ws)).toEqual(before);
    await ws.close();
  });
});

describe('cases', () => {
  it('a case holds sellers, listings and captures; adding is all or nothing', async () => {
    const ws = await threeSellers();
    const c = await createCase(ws.db, 'Acme v. Counterfeiters', 'ACME-2026-01');
    expect(c.ok).toBe(true);
    expect(await createCase(ws.db, 'Acme v. Counterfeiters')).toMatchObject({ ok: false, error: { kind: 'exists' } });
    const before = await dbRows(ws);
    expect(await addToCase(ws.db, 'Acme v. Counterfeiters', [{ kind: 'seller', ref: 'ebay:alpha' }, { kind: 'capture', ref: 'NO-SUCH' }])).toMatchObject({ ok: false, error: { kind: 'no-member' } });
    expect(await dbRows(ws)).toEqual(before);
    const added = await addToCase(ws.db, 'Acme v. Counterfeiters', [{ kind: 'seller', ref: 'ebay:alpha' }]);
    expect(added.ok).toBe(true);
    const again = await addToCase(ws.db, 'Acme v. Counterfeiters', [{ kind: 'seller', ref: 'ebay:alpha' }]);
    expect(again.ok && again.value.added[0]?.added).toBe(false);
    await fileCapture(ws, listingExtraction({ listingId: '9', sellerId: 'delta' }), { caseRef: 'Acme v. Counterfeiters' });
    const inCase = await listSellers(ws.db, { caseId: c.ok ? c.value.id : '' });
    expect(inCase.map((s) => s.sellerKey).sort()).toEqual(['alpha', 'delta']);
    expect((await listCases(ws.db))[0]).toMatchObject({ name: 'Acme v. Counterfeiters', reference: 'ACME-2026-01', sellers: 1, captures: 1 });
    await ws.close();
  });
});
