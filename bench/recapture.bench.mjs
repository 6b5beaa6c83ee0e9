// Re-capturing due local listings, 4 at a time: 100, then 500. Listings per
// minute, peak memory (the whole process tree, Chromium included), and how
// time grows with the count, next to bare Playwright (goto + full-page
// screenshot) over the same pages in the same run. Each listing was
// captured once before, so every re-capture is compared with its last
// capture (fields and screenshot) as it would be in use.
// Target (issue #7): time grows linearly with the count.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findBrowser } from '../dist/electron/core/capture/browser/find-browser.js';
import { Workspace } from '../dist/electron/core/workspace/workspace.js';
import { startListingSite } from './lib/listing-site.mjs';
import { sampleTree } from './lib/process-tree.mjs';
import { pass, printTable, writeResult } from './lib/report.mjs';

const SMALL = Number(process.env.BENCH_SMALL ?? 100);
const LARGE = Number(process.env.BENCH_LARGE ?? 500);
const CONCURRENCY = 4;
const recaptureRunner = fileURLToPath(new URL('./lib/recapture-runner.mjs', import.meta.url));
const captureRunner = fileURLToPath(new URL('./lib/capture-runner.mjs', import.meta.url));
const browser = findBrowser(undefined);
if (!browser.ok) throw new Error(browser.error);
const site = await startListingSite({ productData: true });
const dir = mkdtempSync(join(tmpdir(), 'exhibit-bench-recapture-'));

function child(script, args) {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [script, ...args]);
    const stop = sampleTree(p.pid);
    let out = '';
    let errText = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (errText += d));
    p.on('close', (code) => {
      const peakMB = stop();
      if (code !== 0) reject(new Error(errText));
      else resolve({ ...JSON.parse(out), peakMB });
    });
  });
}

const urls = (from, to) => Array.from({ length: to - from }, (_, i) => site.url(from + i));
const perMinute = (n, ms) => n / (ms / 60_000);

try {
  const ws = (await Workspace.init(join(dir, 'ws'))).value;
  await ws.close();
  const wsDir = join(dir, 'ws');
  process.stdout.write(`seeding: first captures of ${LARGE} listings…\n`);
  const seedA = await child(recaptureRunner, ['seed', wsDir, browser.value.path, String(CONCURRENCY), 'small', ...urls(0, SMALL)]);
  const seedB = await child(recaptureRunner, ['seed', wsDir, browser.value.path, String(CONCURRENCY), 'rest', ...urls(SMALL, LARGE)]);
  if (seedA.filed + seedB.filed !== LARGE) throw new Error(`only ${seedA.filed + seedB.filed} of ${LARGE} pages were filed under a listing`);

  process.stdout.write(`re-capturing ${SMALL}, then ${LARGE}…\n`);
  const small = await child(recaptureRunner, ['due', wsDir, browser.value.path, String(CONCURRENCY), 'small']);
  const large = await child(recaptureRunner, ['due', wsDir, browser.value.path, String(CONCURRENCY), 'small', 'rest']);
  const bareSmall = await child(captureRunner, ['playwright', browser.value.path, 'batch', String(CONCURRENCY), ...urls(0, SMALL)]);
  const bareLarge = await child(captureRunner, ['playwright', browser.value.path, 'batch', String(CONCURRENCY), ...urls(0, LARGE)]);

  const growth = large.ms / LARGE / (small.ms / SMALL);
  const bareGrowth = bareLarge.ms / LARGE / (bareSmall.ms / SMALL);
  const unchanged = small.counts.unchanged + large.counts.unchanged;
  const row = (what, n, r) => [what, String(n), (r.ms / 1000).toFixed(1), perMinute(n, r.ms).toFixed(0), `${(r.ms / n).toFixed(0)} ms`, `${r.peakMB.toFixed(0)} MB`];
  printTable(`Re-capturing due local listings, ${CONCURRENCY} at a time`, ['contender', 'listings', 'seconds', 'per minute', 'per listing', 'peak memory (tree)'], [
    row('exhibit recapture --due', SMALL, small),
    row('exhibit recapture --due', LARGE, large),
    row('bare Playwright: goto + full-page screenshot', SMALL, bareSmall),
    row('bare Playwright: goto + full-page screenshot', LARGE, bareLarge),
  ]);
  printTable('Targets', ['target', 'measured', 'result'], [
    [`time per listing at ${LARGE} ÷ at ${SMALL} ≤ 1.15 (linear)`, `${growth.toFixed(2)} (bare Playwright: ${bareGrowth.toFixed(2)})`, pass(growth <= 1.15)],
    [`every re-capture classified unchanged (pages did not change)`, `${unchanged} of ${SMALL + LARGE}`, pass(unchanged === SMALL + LARGE)],
    [`relative to bare Playwright at ${LARGE}`, `${(perMinute(LARGE, large.ms) / perMinute(LARGE, bareLarge.ms)).toFixed(2)}×`, 'info'],
  ]);
  writeResult('recapture', {
    concurrency: CONCURRENCY,
    small: { listings: SMALL, ms: small.ms, perMinute: perMinute(SMALL, small.ms), peakMB: small.peakMB, counts: small.counts },
    large: { listings: LARGE, ms: large.ms, perMinute: perMinute(LARGE, large.ms), peakMB: large.peakMB, counts: large.counts },
    bare: { small: { ms: bareSmall.ms, peakMB: bareSmall.peakMB }, large: { ms: bareLarge.ms, peakMB: bareLarge.peakMB } },
    growth,
    bareGrowth,
    pass: growth <= 1.15 && unchanged === SMALL + LARGE,
  });
} finally {
  await site.close();
  rmSync(dir, { recursive: true, force: true });
}
