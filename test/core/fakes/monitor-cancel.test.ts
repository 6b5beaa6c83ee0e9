import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addBrand } from '../../../electron/core/fakes/brands.js';
import { addMonitor, searchResults } from '../../../electron/core/fakes/monitors.js';
import { runMonitors } from '../../../electron/core/fakes/monitor-run.js';
import { verifyWorkspace } from '../../../electron/core/workspace/verify/verify-workspace.js';
import type { Workspace } from '../../../electron/core/workspace/workspace.js';
import { startSearchShop, type SearchShop } from '../../helpers/search-shop.js';
import { newWorkspace } from '../../helpers/workspace.js';

const BROWSER = process.env.EXHIBIT_CHROMIUM ?? '/usr/bin/chromium';

let shop: SearchShop;
let ws: Workspace;

beforeAll(async () => {
  shop = await startSearchShop();
  ws = await newWorkspace(undefined, 'suite');
  const brand = await addBrand(ws.db, 'Nordkap');
  if (!brand.ok) throw new Error(brand.error);
  for (const url of [shop.amazonUrl, shop.ebayUrl]) await addMonitor(ws.db, { url, brandId: brand.value.id, intervalSeconds: 3600, pages: url === shop.amazonUrl ? 2 : 1, captureAbove: 0 });
}, 60_000);

afterAll(async () => {
  await ws?.close();
  await shop?.close();
});

describe('a watched search run cancelled', { timeout: 90_000 }, () => {
  it('seals the pages under way as cancelled, records the run as not complete, marks nothing gone and starts no other search', async () => {
    const cancel = new AbortController();
    // Cancelled once the browser has the first result page (it asks for its thumbnails), while the pages settle.
    const poll = setInterval(() => {
      if (shop.imageHits.length > 0) {
        clearInterval(poll);
        cancel.abort();
      }
    }, 50);
    const run = await runMonitors(ws, { browserPath: BROWSER, concurrency: 2, bounds: { settleMs: 5000, quietMs: 4000 }, signal: cancel.signal });
    if (!run.ok) throw new Error(JSON.stringify(run.error));
    expect(run.value).toHaveLength(1);
    const [s] = run.value;
    expect(s!.complete).toBe(false);
    expect(s!.pages.map((p) => p.outcome)).toEqual(['partial', 'partial']);
    expect(s!.captured).toEqual([]);
    for (const p of s!.pages) {
      const row = await ws.db.get<{ sha: string }>('SELECT manifest_sha256 AS sha FROM captures WHERE id = ?', [p.captureId!]);
      const manifest = JSON.parse((await ws.store.read(row!.sha)).toString('utf8')) as { provenance: { partialReasons?: { reason: string }[] } };
      expect(manifest.provenance.partialReasons?.map((r) => r.reason)).toContain('cancelled');
    }
    expect((await searchResults(ws.db)).filter((r) => r.state === 'gone')).toEqual([]);
    expect((await verifyWorkspace(ws)).problems).toEqual([]);
  });
});
