import { describe, expect, it } from 'vitest';
import { caseHandlers } from '../../../electron/core/api/case-handlers.js';
import { dispatch } from '../../../electron/core/api/dispatch.js';
import { apiHandlers } from '../../../electron/core/api/handlers.js';
import { dashboardRows } from '../../../electron/core/catalogue/dashboard.js';
import { findSeller } from '../../../electron/core/catalogue/seller-ref.js';
import { selectCaptures } from '../../../electron/core/dossier/selection.js';
import { recordReport } from '../../../electron/core/takedown/reports.js';
import { readCustodyLog } from '../../../electron/core/workspace/custody.js';
import { verifyWorkspace } from '../../../electron/core/workspace/verify/verify-workspace.js';
import type { Workspace } from '../../../electron/core/workspace/workspace.js';
import { dbRows, fileCapture, listingExtraction } from '../../helpers/catalogue.js';
import { newWorkspace } from '../../helpers/workspace.js';

/** A workspace with one filed listing and the four kinds of capture that end up under no seller. */
async function inbox(ws: Workspace) {
  const filed = await fileCapture(ws, listingExtraction({ listingId: '111', sellerId: 'alpha', sellerName: 'Alpha' }));
  await fileCapture(ws, listingExtraction({ listingId: '222', sellerId: 'beta', sellerName: 'Beta' }));
  // An eBay item that named its seller but gave no id.
  const namedOnly = await fileCapture(ws, listingExtraction({ listingId: '333', sellerName: 'Alpha', title: 'Luxe bag' }));
  const blocked = await fileCapture(ws, listingExtraction({ kind: 'blocked' }), { outcome: 'blocked' });
  const notFound = await fileCapture(ws, null, { outcome: 'not-found' });
  const storefront = await fileCapture(ws, listingExtraction({ kind: 'storefront' }));
  const forCase = await fileCapture(ws, listingExtraction({ listingId: '444', sellerId: 'gamma' }), { caseRef: 'Luxe v. Fakes' });
  return { filed, namedOnly, blocked, notFound, storefront, forCase };
}

const unfiledIds = async (ws: Workspace) => (await dashboardRows(ws.db, 'unfiled', null, new Date().toISOString())).map((r) => r.captureId).sort();
const tail = async (ws: Workspace, n: number) => (await readCustodyLog(ws.db)).slice(-n).map((e) => ({ action: e.action, subject: e.subject, details: JSON.parse(e.details) as Record<string, unknown> }));

describe('the unfiled inbox: filing a capture under a seller', () => {
  it('files each kind of unfiled capture as `exhibit correct` would, in custody, and verify stays clean', async () => {
    const ws = await newWorkspace();
    const c = await inbox(ws);
    const api = caseHandlers(ws);
    expect(await unfiledIds(ws)).toEqual([c.namedOnly.id, c.blocked.id, c.notFound.id, c.storefront.id].sort());
    const alpha = (await findSeller(ws.db, 'ebay:alpha'))!;

    // The item page that named Alpha: its seller id corrected, and it lands under Alpha with its listing.
    const one = await api['captures.file']({ captureId: c.namedOnly.id, seller: 'ebay:alpha', reason: 'the seller card links to alpha' });
    expect(one).toMatchObject({ seller: { id: alpha.id, label: 'ebay:alpha (Alpha)' }, from: { sellerId: null }, to: { sellerId: alpha.id } });
    // Its listing (known by its id) stays; only the seller is added.
    expect(one.from.listingId).not.toBeNull();
    expect(one.to.listingId).toBe(one.from.listingId);
    expect(await tail(ws, 2)).toEqual([
      { action: 'field.corrected', subject: c.namedOnly.id, details: expect.objectContaining({ field: 'sellerId', from: null, to: 'alpha', reason: 'the seller card links to alpha' }) },
      { action: 'capture.filed', subject: c.namedOnly.id, details: { from: one.from, to: one.to, because: 'sellerId corrected' } },
    ]);

    // A blocked page and a 404 show no listing: filed under the seller alone, a new one made for the second.
    const blocked = await api['captures.file']({ captureId: c.blocked.id, seller: 'ebay:alpha' });
    expect(blocked.to).toEqual({ listingId: null, sellerId: alpha.id });
    expect((await tail(ws, 1))[0]).toEqual({ action: 'capture.filed', subject: c.blocked.id, details: { from: { listingId: null, sellerId: null }, to: blocked.to, because: 'filed under this seller by the investigator' } });
    const gone = await api['captures.file']({ captureId: c.notFound.id, seller: 'eBay:new_one_77' });
    expect(gone.seller.label).toBe('ebay:new_one_77');
    const made = await readCustodyLog(ws.db);
    expect(made.some((e) => e.action === 'seller.created' && JSON.parse(e.details).sellerKey === 'new_one_77')).toBe(true);
    // A storefront with no seller id: filed under the seller as a seller's page.
    const shop = await api['captures.file']({ captureId: c.storefront.id, seller: alpha.id });
    expect(shop.to).toEqual({ listingId: null, sellerId: alpha.id });

    expect(await unfiledIds(ws)).toEqual([]);
    const report = await verifyWorkspace(ws);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('refuses a bad seller, an unknown capture or a capture already there, and changes nothing', async () => {
    const ws = await newWorkspace();
    const c = await inbox(ws);
    const handlers = apiHandlers(ws);
    const before = await dbRows(ws);
    const bad = async (args: unknown, kind: string, message: RegExp) => {
      const r = await dispatch(handlers, 'captures.file', args, 'serve');
      expect(r).toEqual({ ok: false, error: { kind, message: expect.stringMatching(message) } });
    };
    await bad({ captureId: c.blocked.id, seller: 'nobody' }, 'invalid-input', /no seller by that name or id.*MARKETPLACE:ID.*nothing was changed/);
    await bad({ captureId: c.blocked.id, seller: 'e bay!:x' }, 'invalid-input', /marketplace "e bay!".*letters, digits/);
    await bad({ captureId: c.blocked.id, seller: 'ebay:' }, 'invalid-input', /no seller by that name/);
    await bad({ captureId: 'no-such-capture', seller: 'ebay:alpha' }, 'not-found', /No capture no-such-capture/);
    await bad({ captureId: c.filed.id, seller: 'ebay:alpha' }, 'refused', /already filed under ebay:alpha \(Alpha\); nothing was changed/);
    await bad({ captureId: c.blocked.id }, 'invalid-input', /seller/);
    await bad({ captureId: c.blocked.id, seller: 'ebay:alpha', extra: 1 }, 'invalid-input', /extra/);
    expect(await dbRows(ws)).toEqual(before);
  });
});

describe('the case page', () => {
  it('shows what is in the case and why; adds and removes members, each in custody, all or none', async () => {
    const ws = await newWorkspace();
    const c = await inbox(ws);
    const api = caseHandlers(ws);
    const handlers = apiHandlers(ws);
    const beta = (await findSeller(ws.db, 'ebay:beta'))!;

    let d = await api['cases.get']({ ref: 'Luxe v. Fakes' });
    expect(d.captures.map((x) => [x.id, x.via])).toEqual([[c.forCase.id, 'captured']]);
    expect(d.sellers.map((s) => [s.sellerKey, s.member])).toEqual([['gamma', false]]);

    const added = await api['cases.addMembers']({ ref: d.case.id, members: [{ kind: 'seller', ref: 'ebay:beta' }, { kind: 'capture', ref: c.notFound.id }] });
    expect(added.added.map((m) => m.added)).toEqual([true, true]);
    expect((await tail(ws, 2)).map((e) => [e.action, e.details])).toEqual([
      ['case.member-added', { kind: 'seller', memberId: beta.id }],
      ['case.member-added', { kind: 'capture', memberId: c.notFound.id }],
    ]);
    const listing = d.listings[0]!;
    expect((await recordReport(ws.db, { listingId: listing.id, platform: 'ebay', programme: 'ebay-vero', reportRef: 'VERO-9', reportedOn: '2026-11-30' })).ok).toBe(true);

    d = await api['cases.get']({ ref: d.case.id });
    expect(d.sellers.map((s) => [s.sellerKey, s.member]).sort()).toEqual([['beta', true], ['gamma', false]]);
    // Filed or not: the 404 added by hand is in, with no seller.
    const ofBeta = (await ws.db.get<{ id: string }>('SELECT id FROM captures WHERE seller_id = ?', [beta.id]))!.id;
    const gamma = (await findSeller(ws.db, 'ebay:gamma'))!;
    expect(d.captures.map((x) => [x.id, x.via, x.sellerId]).sort()).toEqual(
      [
        [c.forCase.id, 'captured', gamma.id],
        [c.notFound.id, 'member', null],
        [ofBeta, 'seller', beta.id],
      ].sort(),
    );
    expect(d.takedowns.map((r) => r.reportRef)).toEqual(['VERO-9']);
    expect(d.members.map((m) => m.kind).sort()).toEqual(['capture', 'seller']);
    // The dossier of the case is made of exactly these captures.
    const sel = await selectCaptures(ws.db, { kind: 'case', ref: d.case.id });
    expect(sel.ok && [...sel.value.captureIds].sort()).toEqual(d.captures.map((x) => x.id).sort());

    // All or none: one unknown member and nothing is removed.
    const before = await dbRows(ws);
    const refused = async (members: unknown, kind: string, message: RegExp) => {
      const r = await dispatch(handlers, 'cases.removeMembers', { ref: d.case.id, members }, 'serve');
      expect(r).toEqual({ ok: false, error: { kind, message: expect.stringMatching(message) } });
    };
    await refused([{ kind: 'seller', ref: 'ebay:beta' }, { kind: 'capture', ref: 'nope' }], 'not-found', /No capture nope/);
    await refused([{ kind: 'seller', ref: 'ebay:alpha' }], 'refused', /was not added to case "Luxe v. Fakes"/);
    await refused([{ kind: 'capture', ref: c.forCase.id }], 'refused', /made for case "Luxe v. Fakes".*stays/);
    await refused([], 'invalid-input', /members/);
    await refused([{ kind: 'brand', ref: 'x' }], 'invalid-input', /kind/);
    expect((await dispatch(handlers, 'cases.get', { ref: 'No such case' }, 'serve'))).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    expect(await dbRows(ws)).toEqual(before);

    const removed = await api['cases.removeMembers']({ ref: 'Luxe v. Fakes', members: [{ kind: 'capture', ref: c.notFound.id }, { kind: 'seller', ref: beta.id }] });
    expect(removed.removed.map((m) => m.memberId)).toEqual([c.notFound.id, beta.id]);
    expect((await tail(ws, 2)).map((e) => [e.action, e.subject, e.details])).toEqual([
      ['case.member-removed', d.case.id, { kind: 'capture', memberId: c.notFound.id }],
      ['case.member-removed', d.case.id, { kind: 'seller', memberId: beta.id }],
    ]);
    d = await api['cases.get']({ ref: d.case.id });
    expect(d.captures.map((x) => x.id)).toEqual([c.forCase.id]);
    // Added again after being removed: verify replays add, remove, add.
    await api['cases.addMembers']({ ref: d.case.id, members: [{ kind: 'capture', ref: c.notFound.id }] });
    expect((await verifyWorkspace(ws)).problems).toEqual([]);

    // A member put back, or taken out, with the sqlite3 tool is found, both ways.
    await ws.db.run("INSERT INTO case_members (case_id, kind, member_id, added_at) VALUES (?, 'seller', ?, '2026-01-01T00:00:00.000Z')", [d.case.id, beta.id]);
    await ws.db.run("DELETE FROM case_members WHERE kind = 'capture' AND member_id = ?", [c.notFound.id]);
    const tampered = await verifyWorkspace(ws);
    expect(tampered.ok).toBe(false);
    expect(tampered.problems.map((p) => [p.where, p.message])).toEqual(
      expect.arrayContaining([
        [`case ${d.case.id} member seller ${beta.id}`, expect.stringMatching(/does not record being added/)],
        [`case ${d.case.id} member capture ${c.notFound.id}`, expect.stringMatching(/records it being added, but it is gone/)],
      ]),
    );
  });
});

describe('the seller page: tags, notes, merge', () => {
  it('each edit is the custody entry the CLI makes; bad input is refused and changes nothing; verify stays clean', async () => {
    const ws = await newWorkspace();
    await inbox(ws);
    const api = caseHandlers(ws);
    const handlers = apiHandlers(ws);
    const alpha = (await findSeller(ws.db, 'ebay:alpha'))!;
    const beta = (await findSeller(ws.db, 'ebay:beta'))!;

    expect((await api['sellers.tag']({ ref: 'ebay:alpha', tag: 'repeat offender', on: true })).tags).toEqual(['repeat offender']);
    expect((await api['sellers.tag']({ ref: 'ebay:alpha', tag: 'vero', on: true })).tags).toEqual(['repeat offender', 'vero']);
    expect((await api['sellers.tag']({ ref: 'ebay:alpha', tag: 'vero', on: false })).tags).toEqual(['repeat offender']);
    expect((await api['sellers.setNotes']({ ref: alpha.id, notes: 'ships from Shenzhen' })).seller.notes).toBe('ships from Shenzhen');
    expect((await tail(ws, 4)).map((e) => [e.action, e.subject, e.details])).toEqual([
      ['seller.tagged', alpha.id, { tag: 'repeat offender' }],
      ['seller.tagged', alpha.id, { tag: 'vero' }],
      ['seller.untagged', alpha.id, { tag: 'vero' }],
      ['note.edited', alpha.id, { from: '', to: 'ships from Shenzhen' }],
    ]);

    const before = await dbRows(ws);
    const refused = async (op: string, args: unknown, kind: string, message: RegExp) => {
      expect(await dispatch(handlers, op, args, 'serve')).toEqual({ ok: false, error: { kind, message: expect.stringMatching(message) } });
    };
    await refused('sellers.tag', { ref: 'ebay:alpha', tag: '!!', on: true }, 'invalid-input', /tag "!!": up to 64 letters/);
    await refused('sellers.tag', { ref: 'ebay:alpha', tag: 'x'.repeat(65), on: true }, 'invalid-input', /tag/);
    await refused('sellers.setNotes', { ref: 'ebay:nobody', notes: 'x' }, 'not-found', /No seller ebay:nobody/);
    await refused('sellers.merge', { ref: 'ebay:alpha', into: 'ebay:alpha' }, 'refused', /already one seller/);
    await refused('sellers.merge', { ref: 'ebay:alpha', into: 'ebay:nobody' }, 'not-found', /No seller ebay:nobody/);
    await refused('sellers.unmerge', { ref: 'ebay:alpha' }, 'refused', /was not merged/);
    expect(await dbRows(ws)).toEqual(before);

    const merged = await api['sellers.merge']({ ref: 'ebay:alpha', into: 'ebay:beta', reason: 'same PayPal' });
    expect(merged).toMatchObject({ absorbed: { id: alpha.id }, into: { id: beta.id, label: 'ebay:beta (Beta)' }, members: [alpha.id] });
    expect((await tail(ws, 1))[0]).toMatchObject({ action: 'seller.merged', subject: beta.id, details: { absorbedId: alpha.id, reason: 'same PayPal' } });
    const undone = await api['sellers.unmerge']({ ref: alpha.id, reason: 'not the same after all' });
    expect(undone.mergeId).toBe(merged.mergeId);
    expect((await tail(ws, 1))[0]).toMatchObject({ action: 'seller.unmerged', subject: alpha.id });
    expect((await verifyWorkspace(ws)).problems).toEqual([]);
  });
});
