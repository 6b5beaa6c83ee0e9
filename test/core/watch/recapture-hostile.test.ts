import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureUrls } from '../../../electron/core/capture/capture-service.js';
import { findListing } from '../../../electron/core/catalogue/listing-ref.js';
import { runRecapture } from '../../../electron/core/watch/recapture-run.js';
import type { Workspace } from '../../../electron/core/workspace/workspace.js';
import { startChangingShop, type ChangingShop } from '../../helpers/changing-shop.js';
import { SHORT_BOUNDS } from '../../helpers/hostile-pages.js';
import { newWorkspace } from '../../helpers/workspace.js';

const BROWSER = process.env.EXHIBIT_CHROMIUM ?? '/usr/bin/chromium';
const ASINS = ['B0TEST1DE1', 'B0TEST9UK9'];

let shop: ChangingShop;
let ws: Workspace;

beforeAll(async () => {
  shop = await startChangingShop();
  ws = await newWorkspace(undefined, 'suite');
  const first = await captureUrls(ws, { urls: ASINS.map((a) => shop.listingUrl(a)), browserPath: BROWSER });
  if (!first.ok) throw new Error(JSON.stringify(first.error));
}, 60_000);
afterAll(async () => {
  await ws?.close();
  await shop?.close();
});

describe('a re-capture run meets a hostile page', () => {
  it('the page that never yields is sealed, partial, and the run goes on with the next listing', async () => {
    shop.listings.set(ASINS[0]!, 'spinning');
    const targets = await Promise.all(ASINS.map(async (a) => ({ kind: 'listing' as const, id: (await findListing(ws.db, `amazon:${a}`))!.id })));
    const r = await runRecapture(ws, { mode: 'targets', targets, trigger: 'test', browserPath: BROWSER, concurrency: 1, bounds: SHORT_BOUNDS });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const byUrl = new Map(r.value.results.map((x) => [x.url, x]));
    expect(byUrl.get(shop.listingUrl(ASINS[0]!))).toMatchObject({ outcome: 'partial', status: 'done' });
    expect(byUrl.get(shop.listingUrl(ASINS[1]!))).toMatchObject({ outcome: 'complete', classification: 'unchanged', status: 'done' });
    expect(r.value.failed).toBe(0);
  });
});
