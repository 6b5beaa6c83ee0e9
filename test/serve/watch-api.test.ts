import { hostname } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecaptureStatus } from '../../electron/core/watch/scheduler.js';
import type { Workspace } from '../../electron/core/workspace/workspace.js';
import { startServe, type Served } from '../../electron/serve/http-transport.js';
import { dbRows } from '../helpers/catalogue.js';
import { startChangingShop, type ChangingShop } from '../helpers/changing-shop.js';
import { suiteTempDir } from '../helpers/tmp.js';
import { newWorkspace } from '../helpers/workspace.js';
import { apiClient } from '../helpers/api-client.js';

/*
 * The watch, re-capture, timeline and takedown operations over the loopback
 * transport: what they refuse, and the background runs `exhibit serve
 * --watch` makes, against a shop on 127.0.0.1 whose pages change.
 */

const BROWSER = process.env.EXHIBIT_CHROMIUM ?? '/usr/bin/chromium';


let ws: Workspace;
let shop: ChangingShop;
let served: Served;

const { api, value } = apiClient(() => served);
const status = () => value<RecaptureStatus>('recapture.status', {});

beforeAll(async () => {
  ws = await newWorkspace(undefined, 'suite');
  shop = await startChangingShop();
  const ui = join(suiteTempDir(), 'ui');
  mkdirSync(ui);
  writeFileSync(join(ui, 'index.html'), '<!doctype html><title>Exhibit</title>');
  // Looks for due work every 300 ms, as the app does every minute.
  served = await startServe(ws, { rendererDir: ui, browserPath: BROWSER, watch: { everyMs: 300 } });
  const captured = await value<{ outcome: string }[]>('captures.capture', { urls: [shop.listingUrl('B0TEST1DE1')] });
  expect(captured.map((c) => c.outcome)).toEqual(['complete']);
}, 90_000);
afterAll(async () => {
  await served?.close();
  await shop?.close();
  await ws?.close();
});

describe('watch, re-capture, timeline and takedown over the API', { timeout: 120_000 }, () => {
  it('refuses malformed arguments with a typed error that says what is wrong, and changes nothing', async () => {
    const before = await dbRows(ws);
    const listing = 'amazon:B0TEST1DE1';
    const bad: [string, unknown, RegExp?][] = [
      ['watches.add', { kind: 'shop', ref: listing, every: 'daily' }],
      ['watches.add', { kind: 'listing', ref: '', every: 'daily' }],
      ['watches.add', { kind: 'listing', ref: listing }],
      ['watches.add', { kind: 'listing', ref: listing, every: 'fortnightly' }, /use daily, weekly, hourly/],
      ['watches.add', { kind: 'listing', ref: listing, every: '30s' }],
      ['watches.add', { kind: 'listing', ref: listing, every: 'daily', extra: true }],
      ['watches.setActive', { id: 'x', active: 'yes' }],
      ['recapture.run', {}],
      ['recapture.run', { due: false }],
      ['recapture.run', { due: true, targets: [{ kind: 'listing', ref: listing }] }],
      ['recapture.run', { targets: [] }],
      ['recapture.run', { targets: [{ kind: 'listing' }] }],
      ['recapture.run', { rule: '' }],
      ['recapture.run', { rule: 'x', due: true }],
      ['recapture.status', { verbose: true }],
      ['recapture.cancel', { runId: 'x' }],
      ['timeline.listing', {}],
      ['timeline.seller', { ref: 42 }],
      ['takedown.add', { listing, platform: 'amazon', programme: 'dmca' }],
      ['takedown.add', { listing, platform: 'amazon', reportedOn: '25/11/2026' }, /YYYY-MM-DD/],
      ['takedown.add', { listing, platform: 'amazon', reportedOn: '2999-01-01' }, /in the future/],
      ['takedown.add', { listing, platform: 'amazon', reportedOn: '2026-02-30' }, /YYYY-MM-DD/],
      ['takedown.add', { listing, platform: 'not a platform!' }, /a marketplace name/],
      ['takedown.add', { listing, platform: 'amazon', reportRef: 'x'.repeat(201) }],
      ['takedown.csv', { platform: '' }],
      ['takedown.notice', {}],
      ['takedown.notice', { platform: 'amazon', all: 'yes' }],
    ];
    for (const [op, args, says] of bad) {
      const r = await api(op, args);
      expect(r, `${op} ${JSON.stringify(args)}`).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
      if (says && !r.ok) expect(r.error.message).toMatch(says);
    }
    expect(await dbRows(ws)).toEqual(before);
  });

  it('says what it cannot find, by name', async () => {
    const missing: [string, unknown][] = [
      ['watches.add', { kind: 'listing', ref: 'amazon:B0NOSUCH00', every: 'daily' }],
      ['watches.add', { kind: 'case', ref: 'No such case', every: 'weekly' }],
      ['watches.setActive', { id: 'no-such-rule', active: false }],
      ['recapture.run', { targets: [{ kind: 'seller', ref: 'ebay:nobody' }] }],
      ['recapture.run', { rule: 'no-such-rule' }],
      ['timeline.listing', { ref: 'amazon:B0NOSUCH00' }],
      ['timeline.seller', { ref: 'ebay:nobody' }],
      ['takedown.add', { listing: 'amazon:B0NOSUCH00', platform: 'amazon' }],
    ];
    for (const [op, args] of missing) {
      const r = await api(op, args);
      expect(r, `${op} ${JSON.stringify(args)}`).toMatchObject({ ok: false, error: { kind: 'not-found' } });
      if (!r.ok) expect(r.error.message).toMatch(/No (listing|case|seller|watch rule) .* in this workspace/);
    }
  });

  it('re-captures what is due in the background, and shows the queue, the progress and the last run', async () => {
    expect((await status()).background).toMatchObject({ everySeconds: 0.3 });
    const rule = await value<{ id: string; targetLabel: string; active: boolean }>('watches.add', { kind: 'listing', ref: 'amazon:B0TEST1DE1', every: 'daily' });
    expect(rule).toMatchObject({ targetLabel: 'amazon:B0TEST1DE1', active: true });
    await expect.poll(async () => (await status()).last?.jobs ?? 0, { timeout: 60_000, interval: 200 }).toBe(1);
    const s = await status();
    expect(s.running).toBeNull();
    expect(s.queue).toEqual({ jobs: [], total: 0 });
    expect(s.last).toMatchObject({ trigger: 'app', rulesDue: 1, counts: { unchanged: 1 }, cancelled: false });
    expect(s.last?.results?.map((r) => [r.label, r.classification])).toEqual([['amazon:B0TEST1DE1', 'unchanged']]);
    // Nothing is due now: the background looks, and starts no run.
    await new Promise((r) => setTimeout(r, 1200));
    expect((await ws.db.all('SELECT id FROM recapture_runs')).length).toBe(1);
    const rules = await value<{ lastRunAt: string | null; nextDueAt: string }[]>('watches.list', {});
    expect(rules[0]!.lastRunAt).not.toBeNull();
    expect(Date.parse(rules[0]!.nextDueAt) - Date.parse(rules[0]!.lastRunAt!)).toBe(86_400_000);
    const paused = await value<{ active: boolean }>('watches.setActive', { id: rule.id, active: false });
    expect(paused.active).toBe(false);
  });

  it('runs targets when asked, follows them page by page, and cancels between pages', async () => {
    shop.listings.set('B0TEST1DE1', 'v2');
    shop.delayMs = 1500;
    try {
      const started = await value<RecaptureStatus>('recapture.run', { targets: [{ kind: 'listing', ref: 'amazon:B0TEST1DE1' }] });
      expect(started.running).toMatchObject({ trigger: 'app-user', cancelling: false });
      // A second run while one is going is refused, and says where to look.
      const again = await api('recapture.run', { due: true });
      expect(again).toMatchObject({ ok: false, error: { kind: 'refused', message: expect.stringContaining('already going') as unknown } });
      // Cancelled once the shop has been asked for the page: that page is under way.
      const hits = shop.hits.get('/dp/B0TEST1DE1') ?? 0;
      await expect.poll(() => shop.hits.get('/dp/B0TEST1DE1') ?? 0, { timeout: 30_000, interval: 50 }).toBeGreaterThan(hits);
      expect(await status()).toMatchObject({ running: { done: 0, total: 1 } });
      const cancelling = await value<RecaptureStatus>('recapture.cancel', {});
      expect(cancelling.running?.cancelling).toBe(true);
      await expect.poll(async () => (await status()).running, { timeout: 60_000, interval: 200 }).toBeNull();
      // The page under way was finished and stored: cancelling loses no evidence.
      const s = await status();
      expect(s.last).toMatchObject({ trigger: 'app-user', cancelled: true, counts: { changed: 1 } });
      expect(s.last?.results?.[0]?.changes).toContainEqual({ field: 'price', before: '1234.56 EUR', after: '999.00 EUR' });
      const timeline = await value<{ events: { kind: string }[] }>('timeline.listing', { ref: 'amazon:B0TEST1DE1' });
      expect(timeline.events.map((e) => e.kind)).toEqual(['first-seen', 'unchanged', 'changed']);
    } finally {
      shop.delayMs = 0;
    }
  });

  it('"Re-capture now" on a rule runs it as if it had come due: its last run is now and it is next due one interval later', async () => {
    const [before] = await value<{ id: string; lastRunAt: string | null; nextDueAt: string; active: boolean }[]>('watches.list', {});
    expect(before).toMatchObject({ active: false });
    const started = await value<RecaptureStatus>('recapture.run', { rule: before!.id });
    expect(started.running).toMatchObject({ trigger: 'app-user' });
    await expect.poll(async () => (await status()).running, { timeout: 60_000, interval: 200 }).toBeNull();
    expect((await status()).last).toMatchObject({ trigger: 'app-user', rulesDue: 1, jobs: 1, cancelled: false });
    const [after] = await value<{ lastRunAt: string | null; nextDueAt: string; active: boolean }[]>('watches.list', {});
    expect(Date.parse(after!.lastRunAt!)).toBeGreaterThan(Date.parse(before!.lastRunAt!));
    expect(Date.parse(after!.nextDueAt) - Date.parse(after!.lastRunAt!)).toBe(86_400_000);
    // Run by hand, it stays paused: the times are for when it is resumed.
    expect(after!.active).toBe(false);
    const jobs = await ws.db.all<{ rule_id: string | null }>('SELECT rule_id FROM recapture_jobs ORDER BY created_at DESC LIMIT 1');
    expect(jobs).toEqual([{ rule_id: before!.id }]);
  });

  it('leaves the queue to another process holding it: a run asked for is refused with who holds it, and the background starts none', async () => {
    const at = new Date().toISOString();
    await ws.db.run('INSERT INTO recapture_lock (id, run_id, pid, host, started_at, heartbeat) VALUES (1, ?, ?, ?, ?, ?)', ['other-run', process.pid, hostname(), at, at]);
    try {
      const r = await api('recapture.run', { due: true });
      expect(r).toMatchObject({ ok: false, error: { kind: 'refused' } });
      if (!r.ok) expect(r.error.message).toContain(`Another re-capture run is going (process ${process.pid}`);
      const s = await status();
      expect(s.other).toMatchObject({ runId: 'other-run', pid: process.pid });
      expect(s.problem).toBeNull();
    } finally {
      await ws.db.run('DELETE FROM recapture_lock WHERE run_id = ?', ['other-run']);
    }
    expect((await status()).other).toBeNull();
  });

  it('records a takedown report and exports the reports as CSV and as a notice', async () => {
    const report = await value<{ platform: string; programme: string; reportRef: string; reportedOn: string }>('takedown.add', { listing: 'amazon:B0TEST1DE1', platform: 'Amazon.de', reportRef: 'BR-4711', reportedOn: '2026-01-05' });
    expect(report).toMatchObject({ platform: 'amazon.de', programme: 'amazon-brand-registry', reportRef: 'BR-4711', reportedOn: '2026-01-05' });
    const lines = await value<{ report: { state: string }; listing: { listingKey: string }; seller: { sellerKey: string } | null }[]>('takedown.list', {});
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ report: { state: 'still-up' }, listing: { listingKey: 'B0TEST1DE1' }, seller: { sellerKey: 'A1EXHIBITNORD1' } });
    expect(await value('takedown.list', { platform: 'ebay' })).toEqual([]);
    const csv = await value<{ fileName: string; text: string; rows: number }>('takedown.csv', {});
    expect(csv.fileName).toMatch(/^takedowns-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(csv.rows).toBe(1);
    expect(csv.text.split('\r\n')[1]).toMatch(/^2026-01-05,amazon\.de,amazon-brand-registry,BR-4711,amazon:B0TEST1DE1,/);
    const notice = await value<{ platform: string; text: string }>('takedown.notice', { platform: 'AMAZON.DE' });
    expect(notice.platform).toBe('amazon.de');
    expect(notice.text).toContain(shop.listingUrl('B0TEST1DE1'));
    expect(notice.text).toMatch(/Manifest SHA-256: [0-9a-f]{64}/);
    expect(notice.text).toContain('From: Jane Roe, Acme Legal');
  });
});
