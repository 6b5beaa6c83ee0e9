import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureUrls, type StoredCapture } from '../../../electron/core/capture/capture-service.js';
import { listSellers, sellerDetail } from '../../../electron/core/catalogue/queries.js';
import { computeWorkspaceLinks } from '../../../electron/core/links/store.js';
import { verifyWorkspace } from '../../../electron/core/workspace/verify/verify-workspace.js';
import type { Workspace } from '../../../electron/core/workspace/workspace.js';
import { STORE_PAGES, startMarketplaceProxy, type MarketplaceProxy } from '../../helpers/store-pages.js';
import { newWorkspace } from '../../helpers/workspace.js';

/*
 * AliExpress, Taobao, Tmall and Etsy store pages (#20) captured in Chromium
 * under the marketplaces' own addresses (through a proxy on 127.0.0.1 that
 * serves the test shop's pages), filed under their sellers, and their trader
 * details linked.
 */

let proxy: MarketplaceProxy;
let ws: Workspace;
let captured: StoredCapture[];
const urls = Object.keys(STORE_PAGES);

beforeAll(async () => {
  proxy = await startMarketplaceProxy();
  ws = await newWorkspace(undefined, 'suite');
  const r = await captureUrls(ws, { urls, concurrency: 2, proxy: proxy.url, trustedSpki: [proxy.spki] });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  captured = r.value;
}, 180_000);
afterAll(async () => {
  await ws?.close();
  await proxy?.close();
});

const captureOf = (url: string) => captured.find((c) => c.page.requestedUrl === url)!.record.id;

describe('store pages of AliExpress, Taobao/Tmall and Etsy, captured', () => {
  it('each page is fetched through the proxy and filed under its seller (marketplace and key)', async () => {
    expect(captured.map((c) => c.page.outcome)).toEqual(Array(urls.length).fill('complete'));
    for (const u of urls) expect(proxy.seen).toContain(u);
    const sellers = await listSellers(ws.db);
    expect(sellers.map((s) => `${s.marketplace}:${s.sellerKey}`).sort()).toEqual(['aliexpress:1102345678', 'etsy:LunaCraftsStudio', 'taobao:57300012', 'tmall:71234567']);
    const capturesOf = async (ref: string) => (await sellerDetail(ws.db, ref))!.captures.map((c) => c.id).sort();
    // The store page and its business licence page are one store's.
    expect(await capturesOf('aliexpress:1102345678')).toEqual([captureOf('https://www.aliexpress.com/store/1102345678'), captureOf('https://shoprenderview.aliexpress.com/credential/showcredential.htm?storeNum=1102345678')].sort());
    expect(await capturesOf('tmall:71234567')).toEqual([captureOf('https://brightgadgets.tmall.com/')]);
    expect(await capturesOf('taobao:57300012')).toEqual([captureOf('https://shop57300012.taobao.com/')]);
    expect(await capturesOf('etsy:LunaCraftsStudio')).toEqual([captureOf('https://www.etsy.com/shop/LunaCraftsStudio')]);
    expect((await sellerDetail(ws.db, 'tmall:71234567'))!.seller.displayName).toBe('明亮数码旗舰店');
    // Filed as seller pages, not as listings.
    expect(captured.every((c) => c.record.filing.sellerId !== null && c.record.filing.listingId === null)).toBe(true);
  });

  it('a Tmall shop and an AliExpress store with one registration number and one phone number are linked, strongly; the others are not', async () => {
    const r = await computeWorkspaceLinks(ws.db, ws.store);
    if (!r.ok) throw new Error(r.error);
    expect(r.value.links).toHaveLength(1);
    const link = r.value.links[0]!;
    expect([link.aLabel, link.bLabel].sort()).toEqual(['aliexpress:1102345678 (Bright Gadgets Store)', 'tmall:71234567 (明亮数码旗舰店)']);
    expect(link.strength).toBe('strong');
    const shared = new Map(link.shared.map((s) => [s.kind, s]));
    expect([...shared.keys()].sort()).toEqual(['company', 'phone']);
    const company = shared.get('company')!;
    expect(company.value).toBe('CN:91440300MA5FQ2XK3L');
    expect([company.a.raw, company.b.raw].sort()).toEqual(['9144 0300 MA5F Q2XK 3L', '91440300MA5FQ2XK3L']);
    const phone = shared.get('phone')!;
    expect(phone.value).toBe('+8675588881234');
    expect([phone.a.raw, phone.b.raw].sort()).toEqual(['+86 755 8888 1234', '0755-8888 1234']);
    expect([phone.a, phone.b].find((s) => s.raw === '0755-8888 1234')).toMatchObject({ captureId: captureOf('https://brightgadgets.tmall.com/'), artifact: 'dom.html', field: 'profile.phone' });
    expect(r.value.operators.map((g) => g.map((s) => s.split(' ')[0]).sort())).toEqual([['aliexpress:1102345678', 'tmall:71234567']]);
    const etsy = (await listSellers(ws.db)).find((s) => s.marketplace === 'etsy')!;
    expect(r.value.traderDetails[etsy.id]!.fields.map((f) => [f.field, f.value])).toEqual([
      ['businessName', 'Luna Handwerk GmbH'],
      ['address', 'Gartenweg 3, 50667 Köln, Germany'],
      ['phone', '+49 221 5550101'],
      ['email', 'hello@lunacrafts.de'],
      ['vat', 'DE 311 222 333'],
      ['company', 'HRB 98765'],
    ]);
  });

  it('the workspace verifies clean', async () => {
    const v = await verifyWorkspace(ws);
    expect(v.problems).toEqual([]);
    expect(v.counts.captures).toBe(urls.length);
  });
});
