import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/core/api/dispatch.js';
import { apiHandlers } from '../../../electron/core/api/handlers.js';
import { addToCase, createCase } from '../../../electron/core/catalogue/cases.js';
import { findSeller } from '../../../electron/core/catalogue/seller-ref.js';
import { mergeSellers } from '../../../electron/core/catalogue/sellers.js';
import { recordReport } from '../../../electron/core/takedown/reports.js';
import { readCustodyLog } from '../../../electron/core/workspace/custody.js';
import { verifyWorkspace } from '../../../electron/core/workspace/verify/verify-workspace.js';
import { fileCapture, listingExtraction } from '../../helpers/catalogue.js';
import { seedCapture } from '../../helpers/dossier.js';
import { newWorkspace } from '../../helpers/workspace.js';

/*
 * What the UI's views read beside the domain's queries (store/ui-views.ts),
 * through the API as the screens call it.
 */

describe('the views the screens read', () => {
  it('asks for a thumbnail only where the capture has a screenshot, and names sellers in attention rows', async () => {
    const ws = await newWorkspace();
    const shot = await seedCapture(ws, { sellerId: 'bagsdepot', sellerName: 'Bags Depot', listingId: '77', title: 'Luxe tote', height: 900 });
    // The same seller, a listing kept with no screenshot at all.
    const bare = await fileCapture(ws, listingExtraction({ listingId: '78', sellerId: 'bagsdepot' }));
    const api = apiHandlers(ws);
    const r = { value: await api['sellers.get']({ ref: 'ebay:bagsdepot' }) };
    expect(r.value.captures.map((c) => c.id).sort()).toEqual([shot.id, bare.id].sort());
    // No viewport screenshot here: the first strip of the full page, and nothing for the capture without one.
    expect(r.value.thumbnails).toEqual({ [shot.id]: { kind: 'full', name: 'screenshot-full.png' } });

    // A takedown report on its listing, past its expected time: the row names the seller as the side bar does.
    const listingId = r.value.listings.find((l) => l.listingKey === '77')!.id;
    expect((await recordReport(ws.db, { listingId, platform: 'ebay', programme: 'ebay-vero', reportRef: 'VERO-1', reportedOn: '2025-01-02' })).ok).toBe(true);
    const rows = { value: await api['dashboard.rows']({ kind: 'takedowns-overdue', since: null }) };
    expect(rows.value.map((x) => [x.seller, x.sellerName])).toEqual([['ebay:bagsdepot', 'Bags Depot']]);
    await ws.close();
  });

  it('shows a seller added to a case and merged since under the seller it joined, and removes it from the case', async () => {
    const ws = await newWorkspace();
    await seedCapture(ws, { sellerId: 'fakes4u', sellerName: 'Fakes 4 U', listingId: '42', height: 900 });
    await seedCapture(ws, { sellerId: 'bagsdepot', sellerName: 'Bags Depot', listingId: '77', height: 900 });
    const made = await createCase(ws.db, 'Acme v. Fakes');
    if (!made.ok) throw new Error('no case');
    const caseId = made.value.id;
    expect((await addToCase(ws.db, caseId, [{ kind: 'seller', ref: 'ebay:bagsdepot' }])).ok).toBe(true);
    expect((await mergeSellers(ws.db, 'ebay:bagsdepot', 'ebay:fakes4u', 'same address')).ok).toBe(true);
    const bags = (await findSeller(ws.db, 'ebay:bagsdepot'))!;
    const fakes = (await findSeller(ws.db, 'ebay:fakes4u'))!;
    const api = apiHandlers(ws);

    const d = { value: await api['cases.get']({ ref: caseId }) };
    expect(d.value.sellers.map((s) => ({ id: s.id, member: s.member, mergedMembers: s.mergedMembers }))).toEqual([
      { id: fakes.id, member: false, mergedMembers: [{ id: bags.id, label: 'ebay:bagsdepot', displayName: 'Bags Depot' }] },
    ]);
    // The seller it joined was never added: removing it says so and changes nothing.
    const before = (await readCustodyLog(ws.db)).length;
    expect(await dispatch(api, 'cases.removeMembers', { ref: caseId, members: [{ kind: 'seller', ref: fakes.id }] }, 'serve')).toMatchObject({ ok: false, error: { kind: 'refused' } });
    expect((await readCustodyLog(ws.db)).length).toBe(before);
    // The merged seller, named by its own id or MARKETPLACE:ID, comes out under the id it was added with.
    const removed = await dispatch(api, 'cases.removeMembers', { ref: caseId, members: [{ kind: 'seller', ref: 'ebay:bagsdepot' }] }, 'serve');
    expect(removed).toMatchObject({ ok: true, value: { removed: [{ kind: 'seller', memberId: bags.id }] } });
    const last = (await readCustodyLog(ws.db)).at(-1)!;
    expect([last.action, last.subject, JSON.parse(last.details)]).toEqual(['case.member-removed', caseId, { kind: 'seller', memberId: bags.id }]);
    expect((await api['cases.get']({ ref: caseId })).sellers).toEqual([]);
    expect((await verifyWorkspace(ws)).problems).toEqual([]);
    await ws.close();
  });
});
