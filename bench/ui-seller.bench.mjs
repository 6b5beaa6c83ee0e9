/* global document, requestAnimationFrame -- the page.evaluate callbacks run in the browser */
// The UI at scale, through `exhibit serve` in real Chromium: from the
// server's start to a seller page with 1,000 captures rendered (target under
// 1.5 s), and a list of 10,000 sellers scrolled frame by frame (it is
// virtualised: frame times should stay near the display's). Baselines in the
// same run: the CLI's own start (`exhibit --version`) and the server's first
// HTTP answer.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';
import { Workspace } from '../dist/electron/core/workspace/workspace.js';
import { findBrowser } from '../dist/electron/core/capture/browser/find-browser.js';
import { median, pass, printTable, writeResult } from './lib/report.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'exhibit.js');
const SELLERS = 10_000;
const CAPTURES = 1_000;
const RUNS = 5;
const work = mkdtempSync(join(tmpdir(), 'exhibit-bench-ui-'));

async function populate(dir) {
  const ws = (await Workspace.init(dir, { investigator: 'Bench Marker' })).value;
  await ws.db.transaction(async (tx) => {
    await tx.run(`WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ${SELLERS})
      INSERT INTO sellers (id, marketplace, seller_key, display_name, created_at) SELECT printf('S%08d', i), 'ebay', 'seller-' || i, 'Shop number ' || i, '2025-01-01T00:00:00.000Z' FROM n`);
    await tx.run(`WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < 100)
      INSERT INTO listings (id, marketplace, listing_key, url, title, seller_id, created_at) SELECT printf('L%08d', i), 'ebay', CAST(100000000000 + i AS TEXT), 'https://www.ebay.com/itm/' || (100000000000 + i), 'Designer handbag replica model ' || i, 'S00000042', '2025-01-01T00:00:00.000Z' FROM n`);
    await tx.run(`WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ${CAPTURES})
      INSERT INTO captures (id, listing_id, seller_id, requested_url, final_url, http_status, started_at, finished_at, outcome, manifest_sha256, signature)
      SELECT printf('C%09d', i), printf('L%08d', i % 100), 'S00000042', 'https://www.ebay.com/itm/' || (100000000000 + i % 100), NULL, 200,
        strftime('%Y-%m-%dT%H:%M:%fZ', '2025-01-01', '+' || (i * 3600) || ' seconds'), strftime('%Y-%m-%dT%H:%M:%fZ', '2025-01-01', '+' || (i * 3600 + 9) || ' seconds'), 'complete', printf('%064d', i), 'sig' FROM n`);
  });
  await ws.close();
}

function startServe(dir) {
  const t0 = performance.now();
  const child = spawn(process.execPath, [BIN, 'serve', '--workspace', dir, '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /"url": "([^"]+)"/.exec(out);
      if (m) resolve({ child, url: m[1], t0, listeningMs: performance.now() - t0 });
    });
    child.on('exit', (code) => reject(new Error(`exhibit serve exited ${code}`)));
  });
}

try {
  const dir = join(work, 'ws');
  await populate(dir);
  const found = findBrowser(undefined);
  const browser = await chromium.launch({ ...(found.ok ? { executablePath: found.value.path } : {}), args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });

  const cliStart = [];
  const ready = [];
  const sellerPage = [];
  for (let r = 0; r < RUNS; r++) {
    const c0 = performance.now();
    spawnSync(process.execPath, [BIN, '--version']);
    cliStart.push(performance.now() - c0);

    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    const served = await startServe(dir);
    ready.push(served.listeningMs);
    await page.goto(`${served.url}#/seller/S00000042`);
    await page.waitForFunction((n) => document.querySelectorAll('table.timeline tbody tr').length >= n, CAPTURES, { timeout: 30_000, polling: 'raf' });
    sellerPage.push(performance.now() - served.t0);
    await page.context().close();
    served.child.kill('SIGTERM');
    await new Promise((res) => served.child.once('exit', res));
  }

  // Scrolling 10,000 sellers: 180 frames, 400 px a frame, each frame's time measured in the page.
  const served = await startServe(dir);
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await page.goto(served.url);
  await page.waitForSelector('.seller-list');
  const scroll = await page.evaluate(async () => {
    const list = document.querySelector('.seller-list');
    const frames = [];
    let last = performance.now();
    let maxRows = 0;
    for (let i = 0; i < 180; i++) {
      list.scrollTop += 400;
      await new Promise((r) => requestAnimationFrame(r));
      const now = performance.now();
      frames.push(now - last);
      last = now;
      maxRows = Math.max(maxRows, list.querySelectorAll('.vrow').length);
    }
    frames.sort((a, b) => a - b);
    return { p50: frames[Math.floor(frames.length * 0.5)], p95: frames[Math.floor(frames.length * 0.95)], max: frames[frames.length - 1], over50: frames.filter((f) => f > 50).length, rows: maxRows, scrolledTo: list.scrollTop };
  });
  served.child.kill('SIGTERM');
  await browser.close();

  const m = median(sellerPage);
  printTable(`UI through exhibit serve in Chromium: a seller with ${CAPTURES} captures, ${SELLERS} sellers (median of ${RUNS})`, ['measure', 'ms'], [
    ['baseline: exhibit --version (Node and CLI start)', median(cliStart).toFixed(0)],
    ['baseline: exhibit serve listening (URL printed)', median(ready).toFixed(0)],
    [`serve start → seller page with ${CAPTURES} captures rendered`, m.toFixed(0)],
    ['scrolling 10,000 sellers: frame time p50 / p95 / max', `${scroll.p50.toFixed(1)} / ${scroll.p95.toFixed(1)} / ${scroll.max.toFixed(1)}`],
    ['  frames over 50 ms, of 180', String(scroll.over50)],
    ['  row elements in the page at most', String(scroll.rows)],
  ]);
  printTable('Targets', ['target', 'measured', 'result'], [
    ['seller page with 1,000 captures < 1.5 s from serve start', `${(m / 1000).toFixed(2)} s`, pass(m < 1500)],
    ['10,000 sellers scroll without stutter (p95 frame < 50 ms)', `${scroll.p95.toFixed(1)} ms`, pass(scroll.p95 < 50)],
  ]);
  writeResult('ui-seller', { runs: RUNS, cliStartMs: cliStart, readyMs: ready, sellerPageMs: sellerPage, scroll, pass: m < 1500 && scroll.p95 < 50 });
} finally {
  rmSync(work, { recursive: true, force: true });
}
