import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addBrand } from '../../../electron/core/fakes/brands.js';
import { importCatalogue } from '../../../electron/core/fakes/brand-import.js';
import { addMonitor, searchResults } from '../../../electron/core/fakes/monitors.js';
import { runMonitors } from '../../../electron/core/fakes/monitor-run.js';
import { verifyWorkspace } from '../../../electron/core/workspace/verify/verify-workspace.js';
import type { Workspace } from '../../../electron/core/workspace/workspace.js';
import { flaskPng } from '../../helpers/brand-images.js';
import { startSearchShop, type SearchShop } from '../../helpers/search-shop.js';
import { tempDir } from '../../helpers/tmp.js';
import { newWorkspace } from '../../helpers/workspace.js';

/*
 * A watched search's thumbnails are read once: from the result page's own
 * capture, else from the images kept in the workspace. The test shop's
 * server counts who asks for each thumbnail: the capture's browser, or a
 * fetch outside it.
 */

const BROWSER = process.env.EXHIBIT_CHROMIUM ?? '/usr/bin/chromium';
const FAST = { settleMs: 3000, quietMs: 300 };

let shop: SearchShop;
let ws: Workspace;
let monitorId: string;

beforeAll(async () => {
  shop = await startSearchShop();
  ws = await newWorkspace(undefined, 'suite');
  const brand = await addBrand(ws.db, 'Nordkap');
  if (!brand.ok) throw new Error(brand.error);
  const dir = tempDir();
  writeFileSync(join(dir, 'flask-front.png'), flaskPng(600, 600));
  writeFileSync(join(dir, 'catalogue.csv'), 'product,reference,market,retail_price,currency,images,keywords\nNordkap Flask 500 ml,NK-500,amazon,49.90,EUR,flask-front.png,nordkap|flask\n');
  expect((await importCatalogue(ws, brand.value.id, join(dir, 'catalogue.csv'))).ok).toBe(true);
  monitorId = (await addMonitor(ws.db, { url: shop.amazonUrl, brandId: brand.value.id, intervalSeconds: 3600, pages: 1, captureAbove: null })).id;
}, 60_000);

afterAll(async () => {
  await ws?.close();
  await shop?.close();
});

const outsideBrowser = () => shop.imageHits.filter((h) => !/Chrome/.test(h.userAgent));

describe('thumbnails of a watched search', { timeout: 120_000 }, () => {
  it('are read from the result page as captured: no thumbnail fetched again, the official image still recognised', async () => {
    const run = await runMonitors(ws, { monitorIds: [monitorId], browserPath: BROWSER, concurrency: 1, bounds: FAST });
    if (!run.ok) throw new Error(JSON.stringify(run.error));
    expect(shop.imageHits.length).toBeGreaterThan(0);
    expect(outsideBrowser()).toEqual([]);
    const fake = (await searchResults(ws.db, { monitorId })).find((r) => r.listingKey === 'B0FAKE0001');
    expect(fake?.reasons.map((r) => r.signal)).toContain('official-image');
  });

  it('a second run of the same monitor fetches no thumbnail, and each image is hashed once', async () => {
    const before = shop.imageHits.length;
    const run = await runMonitors(ws, { monitorIds: [monitorId], browserPath: BROWSER, concurrency: 1, bounds: FAST });
    if (!run.ok) throw new Error(JSON.stringify(run.error));
    expect(shop.imageHits.length).toBeGreaterThan(before);
    expect(outsideBrowser()).toEqual([]);
    const kept = await ws.db.all<{ url: string; sha256: string }>('SELECT url, sha256 FROM thumbnails ORDER BY url');
    expect(kept.map((k) => new URL(k.url).pathname)).toEqual(['/img/official.png', '/img/other.png']);
    const hashed = await ws.db.all<{ sha256: string; dhash: string | null }>('SELECT sha256, dhash FROM image_hashes');
    expect(hashed).toHaveLength(2);
    expect(hashed.every((h) => /^[0-9a-f]{16}$/.test(h.dhash ?? ''))).toBe(true);
    expect((await verifyWorkspace(ws)).problems).toEqual([]);
  });

  it('when the capture lacks a thumbnail, the kept image is used; an address never seen is fetched once', async () => {
    // The page's capture is not asked: each known address answers from the workspace.
    await ws.db.run('DELETE FROM image_hashes');
    await ws.db.run('DELETE FROM thumbnails');
    const { ThumbnailHashes } = await import('../../../electron/core/fakes/thumbnail-cache.js');
    const { catalogueView } = await import('../../../electron/core/fakes/brands.js');
    const cat = await catalogueView(ws.db, (await ws.db.get<{ id: string }>('SELECT id FROM brands'))!.id);
    const url = shop.url('/img/mirrored.png');
    const first = new ThumbnailHashes(ws, cat);
    const h = await first.hash(url);
    expect(h).toMatch(/^[0-9a-f]{16}$/);
    const second = new ThumbnailHashes(ws, cat);
    expect(await second.hash(url)).toBe(h);
    expect([first.fetched, second.fetched]).toEqual([1, 0]);
    expect(outsideBrowser().map((x) => x.path)).toEqual(['/img/mirrored.png']);
  });
});
