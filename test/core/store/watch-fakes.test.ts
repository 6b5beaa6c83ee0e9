import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { addBrand, catalogueView, importProducts } from '../../../electron/core/fakes/brands.js';
import { addMonitor, listMonitors, recordRun, searchResults, type Monitor } from '../../../electron/core/fakes/monitors.js';
import { triageQueue } from '../../../electron/core/fakes/triage.js';
import { setWeights, weightsInForce } from '../../../electron/core/fakes/weights.js';
import { DEFAULT_WEIGHTS, SIGNALS } from '../../../electron/core/fakes/terms.js';
import { RowShapeError } from '../../../electron/core/store/index.js';
import { lastRecordedRun } from '../../../electron/core/watch/queue-status.js';
import { addWatch, listWatches } from '../../../electron/core/watch/rules.js';
import { listingTimeline } from '../../../electron/core/watch/timeline.js';
import type { Workspace } from '../../../electron/core/workspace/workspace.js';
import { fileCapture, listingExtraction } from '../../helpers/catalogue.js';
import { sqliteCli } from '../../helpers/cli.js';
import { recheckListing } from '../../helpers/history.js';
import { newWorkspace } from '../../helpers/workspace.js';

// A damaged or foreign workspace (a row edited by hand in the SQLite file) is
// refused where the row is read, naming the table and the field, instead of
// a crash or a wrong answer further on.

let ws: Workspace;
let listingId = '';
let brandId = '';

/** Edits the workspace's database from outside, as a person with the sqlite3 tool would. */
function damage(sql: string): void {
  const r = sqliteCli(join(ws.dir, 'exhibit.sqlite'), sql);
  if (r.code !== 0) throw new Error(`sqlite3: ${r.stderr}`);
}

async function refusal(read: Promise<unknown>): Promise<RowShapeError> {
  const e = await read.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(e).toBeInstanceOf(RowShapeError);
  return e as RowShapeError;
}

beforeAll(async () => {
  ws = await newWorkspace(undefined, 'suite');
  const page = (price: string) => listingExtraction({ listingId: '4242', sellerId: 'shop9', sellerName: 'Shop Nine', title: 'Nordkap flask', price, currency: 'EUR' });
  const first = await fileCapture(ws, page('49.90'), { startedAt: '2026-10-01T09:00:00.000Z' });
  listingId = first.filing.listingId!;
  await recheckListing(ws, { id: listingId, key: '4242', sellerId: first.filing.sellerId }, page('19.90'), { startedAt: '2026-10-02T09:00:00.000Z' });
  await addWatch(ws.db, { kind: 'listing', targetId: listingId, intervalSeconds: 86_400 });

  const brand = await addBrand(ws.db, 'Nordkap');
  if (!brand.ok) throw new Error(brand.error);
  brandId = brand.value.id;
  await importProducts(ws.db, brandId, [{ name: 'Flask', reference: 'NK-1', keywords: ['flask'], prices: [{ market: 'ebay', price: '49.90', currency: 'EUR' }], images: [] }], { name: 'catalogue.csv', sha256: 'a'.repeat(64) });
  const monitor: Monitor = await addMonitor(ws.db, { url: 'https://www.ebay.com/sch/i.html?_nkw=nordkap', brandId, intervalSeconds: 86_400, pages: 1, captureAbove: null });
  const features = Object.fromEntries(SIGNALS.map((s) => [s, 0]));
  await recordRun(ws.db, monitor, {
    startedAt: '2026-10-03T09:00:00.000Z',
    pages: [{ page: 1, url: monitor.url, captureId: null, outcome: 'complete', reader: 'ebay' }],
    results: [{ page: 1, position: 1, captureId: null, marketplace: 'ebay', listingId: '4242', url: 'https://www.ebay.com/itm/4242', title: 'Nordkap flask', price: '19.90', currency: 'EUR', sellerName: null, sellerId: null, thumbnail: null, score: 12, features: features as never, reasons: [] }],
    generic: false,
    complete: true,
  });
  await setWeights(ws.db, DEFAULT_WEIGHTS, 'edited', 0);
});

describe('rows of the watch and fakes tables are parsed where they are read', () => {
  it('reads back what was stored, in the domain shapes', async () => {
    expect((await listWatches(ws.db)).map((w) => [w.targetKind, w.targetLabel, w.active])).toEqual([['listing', 'ebay:4242', true]]);
    const timeline = await listingTimeline(ws.db, listingId);
    expect(timeline?.events.map((e) => e.kind)).toEqual(['first-seen', 'changed']);
    expect(timeline?.events[1]?.changes).toEqual([{ field: 'price', before: '49.90 EUR', after: '19.90 EUR' }]);
    expect((await catalogueView(ws.db, brandId)).keywords).toEqual(['nordkap', 'flask']);
    expect((await listMonitors(ws.db)).map((m) => m.active)).toEqual([true]);
    expect((await searchResults(ws.db)).map((r) => [r.listingKey, r.state, r.features['price-low']])).toEqual([['4242', 'new', 0]]);
    expect((await weightsInForce(ws.db)).origin).toBe('edited');
    expect((await triageQueue(ws.db)).length).toBe(1);
  });

  it('a watch rule whose target kind was edited to one that does not exist', async () => {
    damage("PRAGMA ignore_check_constraints = ON; UPDATE watch_rules SET target_kind = 'planet';");
    const e = await refusal(listWatches(ws.db));
    expect(e.message).toMatch(/^watch_rules: .*targetKind/);
  });

  it("a re-capture's changes edited to text that is not JSON (its append-only trigger dropped first)", async () => {
    damage("DROP TRIGGER recaptures_no_update; UPDATE recaptures SET changes = 'the price went down';");
    const e = await refusal(listingTimeline(ws.db, listingId));
    expect(e.message).toMatch(/^recaptures: .*changes: not JSON/);
  });

  it("a product's keywords edited to broken JSON", async () => {
    damage(`UPDATE brand_products SET keywords = '["flask",';`);
    const e = await refusal(catalogueView(ws.db, brandId));
    expect(e.message).toMatch(/^brand_products: .*keywords: not JSON/);
  });

  it("a monitor's active flag edited to a number that is neither 0 nor 1", async () => {
    damage('UPDATE monitors SET active = 7;');
    const e = await refusal(listMonitors(ws.db));
    expect(e.message).toMatch(/^monitors: .*active/);
  });

  it("a search result's signals edited to a word where a number belongs", async () => {
    damage(`UPDATE search_results SET features = '{"price-low": "high"}';`);
    const e = await refusal(searchResults(ws.db));
    expect(e.message).toMatch(/^search_results: .*features/);
  });

  it('weights edited to text that is not JSON (append-only trigger dropped): the score and the triage queue refuse them', async () => {
    damage("DROP TRIGGER score_weights_no_update; UPDATE score_weights SET weights = 'heavy';");
    expect((await refusal(weightsInForce(ws.db))).message).toMatch(/^score_weights: .*weights: not JSON/);
    expect((await refusal(triageQueue(ws.db))).message).toMatch(/^score_weights: /);
  });

  it("a re-capture run's summary that cannot be read still says when the run was, its counts zero (kept lenient, as before)", async () => {
    damage(
      "INSERT INTO recapture_runs (id, started_at, trigger, pid, host, finished_at, summary) VALUES ('run-1', '2026-10-04T09:00:00.000Z', 'cli', 1, 'h', '2026-10-04T09:05:00.000Z', '{broken');",
    );
    const run = await lastRecordedRun(ws.db);
    expect(run).toMatchObject({ runId: 'run-1', startedAt: '2026-10-04T09:00:00.000Z', finishedAt: '2026-10-04T09:05:00.000Z', jobs: 0, counts: { removed: 0 } });
  });
});
