import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureUrls } from '../../../electron/core/capture/capture-service.js';
import { findSeller } from '../../../electron/core/catalogue/seller-ref.js';
import { runRecapture } from '../../../electron/core/watch/recapture-run.js';
import { sellerTimeline, type TraderDetailsEvent } from '../../../electron/core/watch/timeline.js';
import { verifyWorkspace } from '../../../electron/core/workspace/verify/verify-workspace.js';
import type { Workspace } from '../../../electron/core/workspace/workspace.js';
import { exhibit } from '../../helpers/cli.js';
import { aliexpressStore, BRIGHT_TRADER, startMarketplaceProxy, type MarketplaceProxy } from '../../helpers/store-pages.js';
import { tempDir } from '../../helpers/tmp.js';
import { newWorkspace } from '../../helpers/workspace.js';

/*
 * A seller's trader details changing over time (#20): the same AliExpress
 * store page captured in Chromium, re-captured by a watch after the store
 * moved address and swapped its VAT number, then captured anew with the
 * VAT number only written differently.
 */

const BROWSER = process.env.EXHIBIT_CHROMIUM ?? '/usr/bin/chromium';
const STORE = 'https://www.aliexpress.com/store/1102345678';
const MOVED = { ...BRIGHT_TRADER, address: 'Unit 5, 88 Huaqiang North Road, Futian District, Shenzhen, Guangdong, China', vat: 'NL 8599.11.222.B01' };

const pages: Record<string, string> = { [STORE]: aliexpressStore('1102345678', BRIGHT_TRADER, false) };
let proxy: MarketplaceProxy;
let ws: Workspace;
let sellerId: string;
const captureIds: string[] = [];

const capture = async () => {
  const r = await captureUrls(ws, { urls: [STORE], browserPath: BROWSER, proxy: proxy.url, trustedSpki: [proxy.spki] });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  expect(r.value[0]!.page.outcome).toBe('complete');
  captureIds.push(r.value[0]!.record.id);
};
const traderEvents = async (): Promise<TraderDetailsEvent[]> => (await sellerTimeline(ws.db, ws.store, sellerId)).events.filter((e): e is TraderDetailsEvent => e.kind === 'trader-details');

beforeAll(async () => {
  proxy = await startMarketplaceProxy(pages);
  ws = await newWorkspace(undefined, 'suite');
  await capture();
  sellerId = (await findSeller(ws.db, 'aliexpress:1102345678'))!.id;
}, 120_000);
afterAll(async () => {
  await ws?.close();
  await proxy?.close();
});

describe("a seller's trader details over time", { timeout: 180_000 }, () => {
  it('one capture: no change to show', async () => {
    expect(await traderEvents()).toEqual([]);
  });

  it('re-captured by a watch after the store moved and swapped its VAT number: a "trader details changed" event, each field before → after, both captures cited', async () => {
    pages[STORE] = aliexpressStore('1102345678', MOVED, false);
    const run = await runRecapture(ws, { mode: 'targets', targets: [{ kind: 'seller', id: sellerId }], trigger: 'test', browserPath: BROWSER, proxy: proxy.url, trustedSpki: [proxy.spki], concurrency: 1 });
    if (!run.ok) throw new Error(JSON.stringify(run.error));
    const storefront = run.value.results.filter((r) => r.kind === 'storefront');
    expect(storefront).toHaveLength(1);
    captureIds.push(storefront[0]!.captureId!);

    const events = await traderEvents();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ captureId: captureIds[1], previousCaptureId: captureIds[0], url: STORE });
    expect(events[0]!.changes).toEqual([
      { field: 'address', before: BRIGHT_TRADER.address, after: MOVED.address },
      { field: 'vat', before: 'NL 8261.23.456.B01', after: 'NL 8599.11.222.B01' },
    ]);
  });

  it('captured anew with the VAT number only written differently, and the e-mail left blank: only the e-mail is a change', async () => {
    pages[STORE] = aliexpressStore('1102345678', { ...MOVED, vat: 'NL859911222B01', email: '' }, false);
    await capture();
    const events = await traderEvents();
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({ captureId: captureIds[2], previousCaptureId: captureIds[1] });
    expect(events[1]!.changes).toEqual([{ field: 'email', before: 'service@bright-tech.cn', after: null }]);
  });

  it('exhibit timeline --seller shows each change with both captures; the workspace verifies clean', async () => {
    const r = await exhibit(['timeline', '--workspace', ws.dir, '--seller', 'aliexpress:1102345678']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    const head = lines.findIndex((l) => l.includes('trader details changed') && l.includes(`capture ${captureIds[1]}`));
    expect(head).toBeGreaterThan(0);
    expect(lines[head]).toContain(`before: capture ${captureIds[0]}`);
    expect(lines[head + 1]!.trim()).toBe(`Address: ${JSON.stringify(BRIGHT_TRADER.address)} → ${JSON.stringify(MOVED.address)}`);
    expect(lines[head + 2]!.trim()).toBe('VAT number: "NL 8261.23.456.B01" → "NL 8599.11.222.B01"');
    expect(r.stdout).toContain('E-mail: "service@bright-tech.cn" → (none)');

    const json = await exhibit(['timeline', '--workspace', ws.dir, '--seller', 'aliexpress:1102345678', '--json']);
    const data = JSON.parse(json.stdout) as { events: { kind: string; changes?: unknown[] }[] };
    expect(data.events.filter((e) => e.kind === 'trader-details').map((e) => e.changes?.length)).toEqual([2, 1]);

    const v = await verifyWorkspace(ws);
    expect(v.problems).toEqual([]);
  });

  it("the seller's dossier lists each change under the seller, in English and French, with the exhibits it cites", async () => {
    const [en, fr] = await Promise.all(
      ['en', 'fr'].map(async (lang) => {
        const out = join(tempDir(), `trader-${lang}.pdf`);
        const made = await exhibit(['dossier', '--workspace', ws.dir, '--seller', 'aliexpress:1102345678', '-o', out, '--lang', lang]);
        expect(made.code, made.stderr).toBe(0);
        expect(spawnSync('qpdf', ['--check', out]).status).toBe(0);
        return spawnSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
      }),
    );
    const at = en!.indexOf('Trader details changed');
    const part = en!.slice(at, en!.indexOf('4. Listings', at));
    expect(part).toContain('Trader details changed');
    // The three captures are the dossier's exhibits: each change cites its capture and the one before.
    expect(part).toMatch(/Address .*Room 1203.*Unit 5, 88 Huaqiang/);
    // Table cells wrap: the capture's exhibit, then on its next line the one it was compared with.
    expect(part).toMatch(/A-2 .*compared with A-1/);
    expect(part).toMatch(/NL 8261\.23\.456\.B01 .*NL 8599\.11\.222\.B01/);
    expect(part).toMatch(/E-mail service@bright-tech\.cn — A-3 .*compared with A-2/);
    expect(fr).toContain('Coordonnées du professionnel modifiées');
    expect(fr).toMatch(/A-2 .*comparée à A-1/);
  });
});
