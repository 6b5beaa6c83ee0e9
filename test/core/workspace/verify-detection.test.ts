import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { addBrand, authoriseSeller } from '../../../electron/core/fakes/brands.js';
import { importCatalogue } from '../../../electron/core/fakes/brand-import.js';
import { addMonitor, recordRun, removeMonitor, searchResults, type ResultSeen } from '../../../electron/core/fakes/monitors.js';
import { decide } from '../../../electron/core/fakes/triage.js';
import { DEFAULT_WEIGHTS } from '../../../electron/core/fakes/terms.js';
import { verifyWorkspace } from '../../../electron/core/workspace/verify/verify-workspace.js';
import type { Problem } from '../../../electron/core/workspace/verify/report.js';
import { Workspace } from '../../../electron/core/workspace/workspace.js';
import { flaskPng } from '../../helpers/brand-images.js';
import { exhibit, sqliteCli } from '../../helpers/cli.js';
import { suiteTempDir, tempDir } from '../../helpers/tmp.js';
import { newWorkspace } from '../../helpers/workspace.js';

/*
 * Finding the fakes' tables (migration 007) against the custody log, both
 * ways: each row inserted, edited or deleted with the sqlite3 tool is found,
 * located, and `exhibit verify` exits 1. One workspace is built through the
 * real functions; each test tampers with a copy of it.
 */

let base: string;
let brandId: string;
let monitorId: string;
let fakeId: string;
let genuineId: string;
let secondRun: string;

const features = Object.fromEntries(Object.keys(DEFAULT_WEIGHTS.signals).map((k) => [k, 0])) as ResultSeen['features'];
const seen = (listingId: string, title: string, price: string, score: number): ResultSeen => ({
  page: 1,
  position: 0,
  captureId: null,
  marketplace: 'ebay',
  listingId,
  url: `https://www.ebay.de/itm/${listingId}`,
  title,
  price,
  currency: 'EUR',
  sellerName: 'bestbottles_cn',
  sellerId: 'bestbottles_cn',
  thumbnail: null,
  score,
  features: { ...features, 'price-low': score > 50 ? 1 : 0 },
  reasons: [],
});

beforeAll(async () => {
  const ws = await newWorkspace(undefined, 'suite');
  const brand = await addBrand(ws.db, 'Nordkap');
  if (!brand.ok) throw new Error(brand.error);
  brandId = brand.value.id;
  const dir = tempDir();
  writeFileSync(join(dir, 'flask.png'), flaskPng(300, 300));
  writeFileSync(join(dir, 'catalogue.csv'), 'product,reference,market,retail_price,currency,images,keywords\nNordkap Flask 500 ml,NK-500,ebay,49.90,EUR,flask.png,nordkap|flask\n');
  expect((await importCatalogue(ws, brandId, join(dir, 'catalogue.csv'))).ok).toBe(true);
  await authoriseSeller(ws.db, brandId, 'ebay', 'nordkap_official');
  const m = await addMonitor(ws.db, { url: 'https://www.ebay.de/sch/i.html?_nkw=nordkap', brandId, intervalSeconds: 3600, pages: 1, captureAbove: null });
  monitorId = m.id;
  const pages = [{ page: 1, url: m.url, captureId: null, outcome: 'complete', reader: 'ebay-search' }];
  const started = new Date().toISOString();
  await recordRun(ws.db, m, { startedAt: started, pages, generic: false, complete: true, results: [seen('222', 'Nordkap Flask NEU', '9.99', 80), seen('333', 'Nordkap Flask OVP', '47.00', 10), seen('444', 'Bottle', '5.00', 5)] });
  // The second run no longer shows 444: it is marked gone.
  secondRun = (await recordRun(ws.db, m, { startedAt: started, pages, generic: false, complete: true, results: [seen('222', 'Nordkap Flask NEU', '8.99', 82), seen('333', 'Nordkap Flask OVP', '47.00', 10)] })).runId;
  const results = await searchResults(ws.db, { monitorId });
  fakeId = results.find((r) => r.listingKey === '222')!.id;
  genuineId = results.find((r) => r.listingKey === '333')!.id;
  expect((await decide(ws.db, fakeId, 'test-buy', 'order one')).ok).toBe(true);
  expect((await decide(ws.db, genuineId, 'genuine')).ok).toBe(true);
  const other = await addMonitor(ws.db, { url: 'https://www.ebay.de/sch/i.html?_nkw=flask', brandId, intervalSeconds: 3600, pages: 1, captureAbove: 50 });
  expect(await removeMonitor(ws.db, other.id)).toBe(true);
  const clean = await verifyWorkspace(ws);
  expect(clean.problems).toEqual([]);
  await ws.close();
  base = ws.dir;
}, 60_000);

let copies = 0;

async function tampered(sql: string): Promise<{ dir: string; problems: Problem[] }> {
  const dir = join(suiteTempDir(), `detection-${++copies}`);
  cpSync(base, dir, { recursive: true });
  const r = sqliteCli(join(dir, 'exhibit.sqlite'), sql);
  expect(r.stderr).toBe('');
  const opened = await Workspace.open(dir);
  if (!opened.ok) throw new Error(opened.error.kind);
  try {
    const report = await verifyWorkspace(opened.value);
    expect(report.ok).toBe(false);
    return { dir, problems: report.problems };
  } finally {
    await opened.value.close();
  }
}

function found(problems: Problem[], where: string, message: RegExp): void {
  expect(problems).toContainEqual(expect.objectContaining({ area: 'catalogue', where, message: expect.stringMatching(message) as unknown }));
}

describe('the brand catalogue against custody', () => {
  it('a brand renamed, and one inserted: both located; exhibit verify exits 1 naming them', async () => {
    const { dir, problems } = await tampered(`UPDATE brands SET name = 'Nordcap' WHERE id = '${brandId}'; INSERT INTO brands (id, name, created_at) VALUES ('b-forged', 'Forged', '2026-01-01T00:00:00Z');`);
    found(problems, `brand ${brandId}`, /name "Nordcap" differs from the custody log's "Nordkap": edited/);
    found(problems, 'brand b-forged', /no brand\.created .*inserted/);
    const cli = await exhibit(['verify', '--workspace', dir]);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain(`brand ${brandId}: its name "Nordcap" differs`);
  });

  it('a retail price lowered after the import, and an official image deleted', async () => {
    const a = await tampered(`UPDATE brand_prices SET price = '19.90'`);
    found(a.problems, `brand ${brandId} catalogue`, /retail prices or official images differ .*latest import/);
    const b = await tampered(`DELETE FROM brand_images`);
    found(b.problems, `brand ${brandId} catalogue`, /differ/);
  });

  it('an authorised seller slipped in, and one deleted', async () => {
    const { problems } = await tampered(
      `INSERT INTO authorised_sellers (brand_id, marketplace, seller_key, added_at) VALUES ('${brandId}', 'ebay', 'bestbottles_cn', '2026-01-01T00:00:00Z'); DELETE FROM authorised_sellers WHERE seller_key = 'nordkap_official';`,
    );
    found(problems, `brand ${brandId} authorised seller ebay:bestbottles_cn`, /no brand\.seller-authorised .*inserted/);
    found(problems, `brand ${brandId} authorised seller ebay:nordkap_official`, /row is gone/);
  });
});

describe('watched searches, their runs and results against custody', () => {
  it('a monitor given another address, and a removed one reactivated', async () => {
    const { problems } = await tampered(`UPDATE monitors SET url = 'https://www.ebay.de/sch/i.html?_nkw=other' WHERE id = '${monitorId}'; UPDATE monitors SET active = 1 WHERE active = 0;`);
    found(problems, `monitor ${monitorId}`, /edited without a record/);
    expect(problems.filter((p) => p.where.startsWith('monitor ') && !p.where.startsWith('monitor run'))).toHaveLength(2);
  });

  it('a run deleted with its pages, and its counts edited', async () => {
    const a = await tampered(`UPDATE monitor_runs SET gone_count = 0 WHERE id = '${secondRun}'`);
    found(a.problems, `monitor run ${secondRun}`, /counts.*differ.*edited/);
    const b = await tampered(`PRAGMA foreign_keys = OFF; DELETE FROM monitor_run_pages WHERE run_id = '${secondRun}'; DELETE FROM monitor_runs WHERE id = '${secondRun}';`);
    found(b.problems, `monitor run ${secondRun}`, /row is gone/);
  });

  it("a result's price raised, a gone result brought back, and a result inserted", async () => {
    const { problems } = await tampered(
      `UPDATE search_results SET price = '45.00' WHERE id = '${fakeId}'; UPDATE search_results SET state = 'present' WHERE listing_key = '444';
       INSERT INTO search_results (id, monitor_id, marketplace, listing_key, url, title, price, currency, seller_name, seller_key, thumbnail, first_run_id, last_run_id, state, score, features, reasons)
         SELECT 'r-forged', monitor_id, marketplace, '999', url, title, price, currency, seller_name, seller_key, thumbnail, first_run_id, last_run_id, 'new', score, features, reasons FROM search_results WHERE id = '${genuineId}';`,
    );
    found(problems, `search result ${fakeId} (ebay:222)`, /price, seller, thumbnail\) or its score and reasons differ .*edited/);
    expect(problems).toContainEqual(expect.objectContaining({ where: expect.stringMatching(/\(ebay:444\)$/) as unknown, message: expect.stringMatching(/state "present" differs from the custody log's "gone"/) as unknown }));
    found(problems, 'search result r-forged (ebay:999)', /no run recorded .* saw: inserted/);
  });

  it('a result deleted', async () => {
    const { problems } = await tampered(`PRAGMA foreign_keys = OFF; DROP TRIGGER triage_decisions_no_delete; DELETE FROM triage_decisions WHERE result_id = '${genuineId}'; DELETE FROM result_sightings WHERE result_id = '${genuineId}'; DELETE FROM search_results WHERE id = '${genuineId}';`);
    found(problems, `search result ${genuineId}`, /a run seeing this result, but its row is gone/);
    found(problems, `search result ${genuineId}`, /triage decision "genuine" on it, but its row is gone/);
  });
});

describe('triage decisions against custody', () => {
  it('a decision edited to counterfeit, and one forged', async () => {
    const { problems } = await tampered(
      `DROP TRIGGER triage_decisions_no_update; UPDATE triage_decisions SET decision = 'counterfeit' WHERE result_id = '${fakeId}';
       INSERT INTO triage_decisions (result_id, decision, score, features, note, at) SELECT result_id, 'counterfeit', score, features, '', at FROM triage_decisions WHERE result_id = '${genuineId}';`,
    );
    expect(problems).toContainEqual(expect.objectContaining({ where: expect.stringMatching(new RegExp(`^triage decision #\\d+ on search result ${fakeId}$`)) as unknown, message: expect.stringMatching(/differ .*\("test-buy", score 82\): edited/) as unknown }));
    expect(problems).toContainEqual(expect.objectContaining({ where: expect.stringMatching(new RegExp(`^triage decision #\\d+ on search result ${genuineId}$`)) as unknown, message: expect.stringMatching(/no triage\.decided .*inserted/) as unknown }));
  });
});
