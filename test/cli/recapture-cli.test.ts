import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Workspace } from '../../electron/core/workspace/workspace.js';
import { startChangingShop, type ChangingShop } from '../helpers/changing-shop.js';
import { EXHIBIT_BIN, exhibit, sqliteCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const BROWSER = process.env.EXHIBIT_CHROMIUM ?? '/usr/bin/chromium';
let shop: ChangingShop;
beforeAll(async () => {
  shop = await startChangingShop();
});
afterAll(async () => {
  await shop?.close();
});

const ok = (r: { code: number; stdout: string; stderr: string }) => {
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
};

async function workspaceWith(asins: string[], caseName: string): Promise<string[]> {
  const ws = join(tempDir(), 'ws');
  ok(await exhibit(['init', '--workspace', ws, '--investigator', 'Jane Roe', '--organisation', 'Acme Legal']));
  const from = join(tempDir(), 'urls.txt');
  writeFileSync(from, asins.map((a) => shop.listingUrl(a)).join('\n'));
  ok(await exhibit(['capture', '--workspace', ws, '--browser', BROWSER, '--case', caseName, '--concurrency', '2', '--from', from]));
  return ['--workspace', ws];
}

describe('exhibit watch, recapture, timeline and takedown', { timeout: 180_000 }, () => {
  it('watch a listing, re-capture what is due, see the change in the timeline, report it and export the notice', async () => {
    const w = await workspaceWith(['B0TESTCLI1'], 'Nordkap');
    const added = JSON.parse(ok(await exhibit(['watch', 'add', ...w, '--listing', 'amazon:B0TESTCLI1', '--every', '3d', '--json']))) as { id: string; intervalSeconds: number }[];
    expect(added).toMatchObject([{ intervalSeconds: 259_200 }]);
    expect(ok(await exhibit(['watch', 'list', ...w]))).toMatch(/active\s+listing amazon:B0TESTCLI1\s+every 3 d/);

    shop.listings.set('B0TESTCLI1', 'v2');
    const run = await exhibit(['recapture', '--due', ...w, '--browser', BROWSER]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/changed\s+amazon:B0TESTCLI1: price "1234\.56 EUR" → "999\.00 EUR"/);
    // One line fit for a log: when, how many, how they came out.
    expect(run.stdout).toMatch(/^\S+Z re-capture run \w+: 1 pages from 1 due rules; 1 shown \(0 unchanged, 1 changed, 0 first seen\), 0 removed, 0 blocked, 0 errors; 0 reappeared; 0 left for a later run; 0 failed; \d+ s\.$/m);
    // Nothing more is due for three days.
    expect(ok(await exhibit(['recapture', '--due', ...w, '--browser', BROWSER]))).toMatch(/: 0 pages;/);

    const reportedOn = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    expect(ok(await exhibit(['takedown', 'add', 'amazon:B0TESTCLI1', ...w, '--platform', 'amazon.de', '--ref', 'BR-77', '--date', reportedOn]))).toContain(
      `reported to amazon.de (amazon-brand-registry) on ${reportedOn}, BR-77`,
    );
    shop.listings.set('B0TESTCLI1', '404');
    expect(ok(await exhibit(['recapture', ...w, '--listing', 'amazon:B0TESTCLI1', '--browser', BROWSER]))).toMatch(/removed\s+amazon:B0TESTCLI1/);

    const timeline = ok(await exhibit(['timeline', ...w, '--listing', 'amazon:B0TESTCLI1']));
    expect(timeline).toContain(`reported on ${reportedOn} to amazon.de (amazon-brand-registry, BR-77): removed 2 days after the report`);
    expect(timeline).toMatch(/first seen/);
    expect(timeline).toMatch(/changed\s+price "1234\.56 EUR" → "999\.00 EUR"/);
    expect(timeline).toMatch(/removed\s+HTTP 404 · 2 days after the report/);

    const csvFile = join(tempDir(), 'reports.csv');
    ok(await exhibit(['takedown', 'list', ...w, '--csv', csvFile]));
    const notice = ok(await exhibit(['takedown', 'notice', ...w, '--platform', 'amazon.de', '--all']));
    expect(notice).toContain(`1. ${shop.listingUrl('B0TESTCLI1')}`);
    expect(notice).toMatch(/Manifest SHA-256: [0-9a-f]{64}/);
    expect(notice).toContain('From: Jane Roe, Acme Legal');
    // Without --all, a listing already seen removed is left out of a new notice.
    expect(ok(await exhibit(['takedown', 'notice', ...w, '--platform', 'amazon.de']))).toContain('No reported listing on this platform is still up.');

    expect((await exhibit(['verify', ...w])).code).toBe(0);
  });

  it('bad input is refused with a clear message and changes nothing', async () => {
    const w = await workspaceWith(['B0TESTBAD1'], 'Bad');
    const db = join(w[1]!, 'exhibit.sqlite');
    const before = sqliteCli(db, 'SELECT COUNT(*) FROM custody_log').stdout;
    const cases: [string[], RegExp][] = [
      [['watch', 'add', '--listing', 'amazon:NOPE'], /No listing amazon:NOPE in this workspace/],
      [['watch', 'add', '--listing', 'amazon:B0TESTBAD1', '--every', 'fortnightly'], /interval "fortnightly": use daily, weekly, hourly, or a number/],
      [['watch', 'add', '--listing', 'amazon:B0TESTBAD1', '--every', '0m'], /at least one minute/],
      [['recapture'], /give --due, or what to re-capture/],
      [['recapture', '--due', '--listing', 'amazon:B0TESTBAD1'], /either --due or what to re-capture/],
      [['takedown', 'add', 'amazon:B0TESTBAD1', '--platform', 'amazon.de', '--date', '2026-02-30'], /date "2026-02-30": write it as YYYY-MM-DD/],
      [['takedown', 'add', 'amazon:B0TESTBAD1', '--platform', 'amazon.de', '--programme', 'dmca'], /programme "dmca": one of amazon-brand-registry, ebay-vero, alibaba-ipp, other/],
      [['takedown', 'add', 'amazon:B0TESTBAD1', '--platform', 'amazon.de', '--date', '2999-01-01'], /in the future/],
    ];
    for (const [args, message] of cases) {
      const r = await exhibit([...args, ...w]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
    }
    expect(sqliteCli(db, 'SELECT COUNT(*) FROM custody_log').stdout).toBe(before);
    expect(sqliteCli(db, 'SELECT COUNT(*) FROM watch_rules').stdout.trim()).toBe('0');
    expect(sqliteCli(db, 'SELECT COUNT(*) FROM takedown_reports').stdout.trim()).toBe('0');
  });

  it('a re-capture run killed midway resumes: no page captured twice, none lost, the workspace verifies clean', async () => {
    const asins = Array.from({ length: 8 }, (_, i) => `B0TESTKIL${i}`);
    const w = await workspaceWith(asins, 'Kill');
    ok(await exhibit(['watch', 'add', ...w, '--case', 'Kill']));
    const db = join(w[1]!, 'exhibit.sqlite');
    const recaptured = () => Number(sqliteCli(db, 'SELECT COUNT(*) FROM recaptures').stdout.trim());

    // Slow pages, one at a time: the kill lands in the middle of the run, inside a capture.
    shop.delayMs = 400;
    try {
      const child = spawn(process.execPath, [EXHIBIT_BIN, 'recapture', '--due', ...w, '--browser', BROWSER, '--concurrency', '1'], { stdio: 'ignore' });
      const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
      const deadline = Date.now() + 60_000;
      while (recaptured() < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 600));
      child.kill('SIGKILL');
      await exited;
    } finally {
      shop.delayMs = 0;
    }
    const done = recaptured();
    expect(done).toBeGreaterThanOrEqual(3);
    expect(done).toBeLessThan(8);
    expect(sqliteCli(db, "SELECT COUNT(*) FROM recapture_jobs WHERE status = 'pending'").stdout.trim()).toBe(String(8 - done));

    // The killed run left its lock; its process is gone, so the next run takes over and finishes the queue.
    const resumed = await exhibit(['recapture', '--due', ...w, '--browser', BROWSER]);
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(new RegExp(`: ${8 - done} pages;`));
    const perListing = sqliteCli(db, "SELECT l.listing_key || '=' || COUNT(r.capture_id) FROM listings l LEFT JOIN recaptures r ON r.listing_id = l.id GROUP BY l.id ORDER BY l.listing_key").stdout.trim().split('\n');
    expect(perListing).toEqual(asins.map((a) => `${a}=1`));
    expect(sqliteCli(db, "SELECT COUNT(*) FROM recapture_jobs WHERE status <> 'done'").stdout.trim()).toBe('0');
    expect(sqliteCli(db, 'SELECT COUNT(*) FROM captures').stdout.trim()).toBe(String(8 + 8));

    const verified = await exhibit(['verify', ...w]);
    expect(verified.stdout).toMatch(/OK|no problems/i);
    expect(verified.code).toBe(0);
    const opened = await Workspace.open(w[1]!);
    expect(opened.ok).toBe(true);
    if (opened.ok) await opened.value.close();
  });
});
