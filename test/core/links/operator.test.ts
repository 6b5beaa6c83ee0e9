import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operatorOf } from '../../../electron/core/links/operator.js';
import { captureThumbnail } from '../../../electron/core/links/thumbnail.js';
import type { Workspace } from '../../../electron/core/workspace/workspace.js';
import { buildOperatorWorld, FLASK_URL, type OperatorWorld } from '../../helpers/operator-world.js';
import { newWorkspace } from '../../helpers/workspace.js';

let ws: Workspace;
let world: OperatorWorld;
beforeAll(async () => {
  ws = await newWorkspace(undefined, 'suite');
  world = await buildOperatorWorld(ws);
}, 60_000);
afterAll(async () => {
  await ws?.close();
});

describe('an operator: its accounts over time', () => {
  it('gathers the accounts joined by a strong link and a confirmation, says which was removed and which came back, and leaves out the unrelated one', async () => {
    const r = await operatorOf(ws.db, ws.store, 'amazon:AVATONE');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const v = r.value;
    expect(v.accounts.map((a) => a.label.split(' ')[0])).toEqual(['ebay:luxe_outlet', 'amazon:AVATONE', 'ebay:luxe_again']);
    const [old, amazon, again] = v.accounts as [(typeof v.accounts)[0], (typeof v.accounts)[0], (typeof v.accounts)[0]];
    expect(old).toMatchObject({ firstSeen: '2026-11-01T09:00:00.000Z', lastSeen: '2026-11-01T09:05:00.000Z', listings: 1, takedowns: 1 });
    expect(old.removed).toEqual({ at: '2026-11-08T09:00:00.000Z', how: 'takedown', captureId: world.removalCaptureId });
    expect(old.cameBackAs.sort()).toEqual([world.ids.AVATONE, world.ids.luxe_again].sort());
    expect(amazon).toMatchObject({ removed: null, listings: 0, returnOf: [world.ids.luxe_outlet] });
    expect(again).toMatchObject({ removed: null, listings: 1, returnOf: [world.ids.luxe_outlet] });
    expect(v.accounts.some((a) => a.sellerId === world.ids.garden_tools)).toBe(false);
    // Each link between them, with its evidence; the trader details of both sides.
    expect(v.links.map((l) => [l.strength, l.decision, l.shared.map((s) => s.kind).join()])).toEqual(
      expect.arrayContaining([
        ['strong', null, 'vat'],
        ['weak', 'confirmed', 'image'],
      ]),
    );
    expect(v.traderDetails[world.ids.AVATONE]?.fields).toEqual(expect.arrayContaining([{ field: 'vat', value: 'DE 123 456 789', source: expect.any(String) as unknown }]));
    expect(v.span).toEqual({ from: '2026-11-01T09:00:00.000Z', to: '2026-11-16T09:00:00.000Z' });
    // Asked by any of its accounts, it is the same operator.
    const same = await operatorOf(ws.db, ws.store, 'ebay:luxe_again');
    expect(same.ok && same.value.accounts.map((a) => a.sellerId).sort()).toEqual(v.accounts.map((a) => a.sellerId).sort());
    expect((await operatorOf(ws.db, ws.store, 'ebay:nobody')).ok).toBe(false);
  });

  it("serves a shared picture from the capture's WARC, made small, and nothing for a picture the capture never recorded", async () => {
    const captureId = (await ws.db.get<{ id: string }>("SELECT c.id FROM captures c JOIN listings l ON l.id = c.listing_id WHERE l.listing_key = '200000000001' AND c.outcome = 'complete'"))!.id;
    const thumb = await captureThumbnail(ws, captureId, FLASK_URL);
    expect(thumb).not.toBeNull();
    expect(thumb!.dataUrl).toMatch(/^data:image\/png;base64,/);
    expect(Math.max(thumb!.width, thumb!.height)).toBeLessThanOrEqual(320);
    expect(thumb!.height).toBeGreaterThan(thumb!.width);
    expect(await captureThumbnail(ws, captureId, 'https://i.shop.example/img/never-seen.png')).toBeNull();
  });
});
