/* global document */
// The dashboard at scale, through `exhibit serve` in real Chromium (the
// method of ui-seller.bench.mjs): a workspace of 100,000 captures, 5,000 of
// them re-captures since the last visit (changed, removed, back, blocked,
// unchanged), 2,000 unfiled, 500 takedown reports and 1,000 stamps pending.
// Timed: from navigation to the dashboard rendered with its counts (target
// under 1 s); baseline: the core's count alone, in Node.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';
import { Workspace } from '../dist/electron/core/workspace/workspace.js';
import { markVisited } from '../dist/electron/core/workspace/settings.js';
import { dashboardCounts } from '../dist/electron/core/catalogue/dashboard.js';
import { findBrowser } from '../dist/electron/core/capture/browser/find-browser.js';
import { median, pass, printTable, writeResult } from './lib/report.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'exhibit.js');
const CAPTURES = 100_000;
const EVENTS = 5_000;
const LISTINGS = 10_000;
const UNFILED = 2_000;
const RUNS = 5;
const STEP_S = 300;
const work = mkdtempSync(join(tmpdir(), 'exhibit-bench-dashboard-'));

/** Generated in SQL, in one transaction: seconds, not minutes. */
async function populate(dir) {
  const ws = (await Workspace.init(dir, { investigator: 'Bench Marker' })).value;
  const base = Date.now() - (CAPTURES + 10) * STEP_S * 1000;
  const at = (i, plus = 0) => `strftime('%Y-%m-%dT%H:%M:%fZ', ${base / 1000} + ${i} * ${STEP_S} + ${plus}, 'unixepoch')`;
  const firstEvent = CAPTURES - EVENTS;
  const t0 = performance.now();
  await ws.db.transaction(async (tx) => {
    const n = (count) => `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ${count})`;
    await tx.run(`${n(LISTINGS / 10)} INSERT INTO sellers (id, marketplace, seller_key, display_name, created_at) SELECT printf('S%08d', i), 'ebay', 'seller-' || i, 'Shop ' || i, '2025-01-01T00:00:00.000Z' FROM n`);
    await tx.run(`${n(LISTINGS)} INSERT INTO listings (id, marketplace, listing_key, url, title, seller_id, created_at)
      SELECT printf('L%08d', i), 'ebay', CAST(100000000000 + i AS TEXT), 'https://www.ebay.com/itm/' || (100000000000 + i), 'Designer handbag replica model ' || i, printf('S%08d', i / 10), '2025-01-01T00:00:00.000Z' FROM n`);
    // The first UNFILED captures are pages under no seller (404s taken by hand); every re-capture since the visit is classified below.
    await tx.run(`${n(CAPTURES)} INSERT INTO captures (id, listing_id, seller_id, requested_url, final_url, http_status, started_at, finished_at, outcome, manifest_sha256, signature)
      SELECT printf('C%09d', i),
        CASE WHEN i < ${UNFILED} THEN NULL ELSE printf('L%08d', i % ${LISTINGS}) END,
        CASE WHEN i < ${UNFILED} THEN NULL ELSE printf('S%08d', (i % ${LISTINGS}) / 10) END,
        'https://www.ebay.com/itm/' || (100000000000 + i % ${LISTINGS}), NULL,
        CASE WHEN i < ${UNFILED} THEN 404 WHEN i >= ${firstEvent} AND i % 5 = 1 THEN 404 ELSE 200 END,
        ${at('i')}, ${at('i', 9)},
        CASE WHEN i < ${UNFILED} OR (i >= ${firstEvent} AND i % 5 = 1) THEN 'not-found' WHEN i >= ${firstEvent} AND i % 5 = 3 THEN 'blocked' ELSE 'complete' END,
        printf('%064d', i), 'sig' FROM n`);
    await tx.run(`${n(EVENTS)}, e(i) AS (SELECT i + ${firstEvent} FROM n)
      INSERT INTO recaptures (capture_id, kind, listing_id, seller_id, previous_id, compared_with_id, classification, reappeared, changes, detail, classifier, at)
      SELECT printf('C%09d', i), 'listing', printf('L%08d', i % ${LISTINGS}), printf('S%08d', (i % ${LISTINGS}) / 10), printf('C%09d', i - ${LISTINGS}), printf('C%09d', i - ${LISTINGS}),
        CASE i % 5 WHEN 0 THEN 'changed' WHEN 1 THEN 'removed' WHEN 3 THEN 'blocked' ELSE 'unchanged' END,
        CASE WHEN i % 5 = 2 AND i % 10 = 2 THEN 1 ELSE 0 END,
        CASE i % 5 WHEN 0 THEN '[{"field":"price","before":"89.00","after":"79.00"}]' ELSE '[]' END, '{}', 'bench', ${at('i', 9)} FROM e`);
    await tx.run(`${n(500)} INSERT INTO takedown_reports (id, listing_id, platform, programme, report_ref, reported_on, created_at)
      SELECT printf('T%08d', i), printf('L%08d', i * 7), 'ebay', 'ebay-vero', 'VERO-' || i, date('now', '-' || (3 + i % 30) || ' days'), '2025-01-01T00:00:00.000Z' FROM n`);
    await tx.run(`${n(1000)} INSERT INTO stamp_requests (subject_kind, subject, imprint, queued_at) SELECT 'capture', printf('C%09d', ${CAPTURES} - 1 - i), printf('%064d', i), ${at(`${CAPTURES} - 1 - i`)} FROM n`);
  });
  const visit = new Date(base + (firstEvent - 0.5) * STEP_S * 1000).toISOString();
  await markVisited(ws.db, visit);
  const populateMs = performance.now() - t0;
  const c0 = performance.now();
  const counts = await dashboardCounts(ws.db, visit, new Date().toISOString());
  const coreMs = performance.now() - c0;
  await ws.close();
  return { populateMs, coreMs, counts };
}

function startServe(dir) {
  const child = spawn(process.execPath, [BIN, 'serve', '--workspace', dir, '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /"url": "([^"]+)"/.exec(out);
      if (m) resolve({ child, url: m[1] });
    });
    child.on('exit', (code) => reject(new Error(`exhibit serve exited ${code}`)));
  });
}

try {
  const dir = join(work, 'ws');
  const made = await populate(dir);
  const { counts } = made;
  const found = findBrowser(undefined);
  const browser = await chromium.launch({ ...(found.ok ? { executablePath: found.value.path } : {}), args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  const served = await startServe(dir);
  const rendered = [];
  let shown = null;
  try {
    for (let r = 0; r < RUNS; r++) {
      const page = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
      const calls = [];
      page.on('requestfinished', (q) => calls.push([q.url().replace(/^https?:\/\/[^/]+/, '').replace(/\?token=.*/, ''), q.postData()?.slice(0, 40) ?? '', q.timing().responseEnd]));
      const t0 = performance.now();
      await page.goto(served.url);
      // Rendered: every count on screen, and the last one equal to what the core counts.
      await page.waitForFunction(
        (want) => {
          const n = (k) => document.querySelector(`.attention-count[data-kind="${k}"] .attention-n`)?.textContent;
          return Object.entries(want).every(([k, v]) => n(k) === String(v));
        },
        { ...counts.counts, 'stamps-pending': counts.stampsPending },
        { timeout: 30_000, polling: 'raf' },
      );
      rendered.push(performance.now() - t0);
      if (process.env.BENCH_VERBOSE) process.stdout.write(`${calls.map((c) => `${c[2].toFixed(0)} ms ${c[0]} ${c[1]}`).join('\n')}\n`);
      shown ??= await page.evaluate(() => [...document.querySelectorAll('.attention-count')].map((e) => `${e.getAttribute('data-kind')}=${e.querySelector('.attention-n')?.textContent}`).join(' '));
      await page.context().close();
    }
  } finally {
    served.child.kill('SIGTERM');
    await browser.close();
  }
  const m = median(rendered);
  printTable(`Dashboard through exhibit serve in Chromium: ${CAPTURES.toLocaleString('en')} captures, ${EVENTS.toLocaleString('en')} re-captures since the last visit (median of ${RUNS})`, ['measure', 'value'], [
    ['workspace generated (SQL, one transaction)', `${(made.populateMs / 1000).toFixed(1)} s`],
    ['baseline: the core counts alone, in Node', `${made.coreMs.toFixed(0)} ms`],
    ['counts shown', shown],
    ['navigation → dashboard rendered with its counts: median / max', `${m.toFixed(0)} / ${Math.max(...rendered).toFixed(0)} ms`],
  ]);
  printTable('Targets', ['target', 'measured', 'result'], [['dashboard of 100,000 captures, 5,000 events since the visit < 1 s', `${(m / 1000).toFixed(2)} s`, pass(m < 1000)]]);
  writeResult('dashboard', { runs: RUNS, captures: CAPTURES, events: EVENTS, populateMs: made.populateMs, coreMs: made.coreMs, counts, renderedMs: rendered, pass: m < 1000 });
} finally {
  rmSync(work, { recursive: true, force: true });
}
