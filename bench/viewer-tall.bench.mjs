/* global document, window */
// The evidence viewer on a very tall page, through `exhibit serve` in real
// Chromium: a capture whose full-page screenshot is 1366 × 60,000 px (eight
// stored tiles of 8,000 px, as the capture engine stores it) is opened,
// zoomed in and out, fitted, and panned from top to bottom at 100%. Measured:
// the time from opening the capture to its first tiles drawn, and the
// renderer's memory all along (the page's JavaScript heap from the DevTools
// protocol, and the resident memory of Chromium's renderer processes from
// `ps`, which holds the heap); target under 500 MB.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';
import { Workspace } from '../dist/electron/core/workspace/workspace.js';
import { findBrowser } from '../dist/electron/core/capture/browser/find-browser.js';
import { png } from '../test/helpers/png.mjs';
import { median, pass, printTable, writeResult } from './lib/report.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'exhibit.js');
const WIDTH = 1366;
const HEIGHT = 60_000;
const TILE = 8000;
const RUNS = 3;
const work = mkdtempSync(join(tmpdir(), 'exhibit-bench-viewer-'));

/** Bands of colour 100 px high with text-like stripes: a tile that compresses as a real page does, and shows a missing slice. */
function tile(height, top) {
  return png(WIDTH, height, (x, y) => {
    const band = Math.floor((top + y) / 100);
    const ink = (y % 100) % 20 < 12 && (x >> 3) % 9 < 7 && x % 1000 > 40;
    return ink ? [20, 20, 30] : [(band * 37) % 256, (band * 91) % 256, 230];
  });
}

async function populate(dir) {
  const ws = (await Workspace.init(dir, { investigator: 'Bench Marker' })).value;
  const tiles = [];
  const artifacts = [];
  for (let y = 0, i = 0; y < HEIGHT; y += TILE, i++) {
    const h = Math.min(TILE, HEIGHT - y);
    const name = `screenshot-full-${String(i + 1).padStart(3, '0')}.png`;
    tiles.push({ name, y, height: h });
    artifacts.push({ name, kind: 'screenshot-full', mediaType: 'image/png', source: tile(h, y) });
  }
  artifacts.push({ name: 'text.txt', kind: 'text', mediaType: 'text/plain; charset=utf-8', source: 'An endless listing' });
  const at = new Date().toISOString();
  const rec = await ws.recordCapture({
    requestedUrl: 'https://www.ebay.com/itm/123456789012',
    finalUrl: 'https://www.ebay.com/itm/123456789012',
    httpStatus: 200,
    outcome: 'complete',
    startedAt: at,
    finishedAt: at,
    artifacts,
    provenance: { populatedBy: 'bench', screenshot: { width: WIDTH, height: HEIGHT, pageHeight: HEIGHT, deviceScaleFactor: 1, join: 'tiles stack top to bottom', tiles } },
  });
  await ws.close();
  return rec.id;
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

/** Resident memory of Chromium's renderer processes, in MB, from `ps`: the one showing the page, and all of them. */
function rendererRss(pids) {
  if (pids.length === 0) return { max: 0, sum: 0 };
  let out = '';
  try {
    out = execFileSync('ps', ['-o', 'rss=', '-p', pids.join(',')], { encoding: 'utf8' });
  } catch (e) {
    out = e.stdout ?? '';
  }
  const kb = out.split('\n').filter((l) => l.trim()).map(Number);
  return { max: Math.max(0, ...kb) / 1024, sum: kb.reduce((a, b) => a + b, 0) / 1024 };
}

const loadedTiles = (page) =>
  page.locator('.tile-page img[data-tile]').evaluateAll((imgs) => imgs.filter((i) => i.complete && i.naturalWidth > 0).length);

async function settle(page, min = 1) {
  await page.waitForFunction((n) => [...document.querySelectorAll('.tile-page img[data-tile]')].filter((i) => i.complete && i.naturalWidth > 0).length >= n, min, { timeout: 60_000, polling: 50 });
}

try {
  const g0 = performance.now();
  const captureId = await populate(join(work, 'ws'));
  const populateMs = performance.now() - g0;
  const found = findBrowser(undefined);
  const browser = await chromium.launch({ ...(found.ok ? { executablePath: found.value.path } : {}), args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  const served = await startServe(join(work, 'ws'));
  const firstTiles = [];
  let peak = { heap: 0, rssMax: 0, rssSum: 0 };
  let maxTileElements = 0;
  const steps = [];
  try {
    const systemInfo = await browser.newBrowserCDPSession();
    for (let r = 0; r < RUNS; r++) {
      const page = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable');
      await page.goto(served.url);
      await page.locator('nav').first().waitFor();
      const renderers = async () => (await systemInfo.send('SystemInfo.getProcessInfo')).processInfo.filter((p) => p.type === 'renderer').map((p) => p.id);
      const sample = async () => {
        const heap = (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'JSHeapUsedSize').value / 1024 / 1024;
        const rss = rendererRss(await renderers());
        peak = { heap: Math.max(peak.heap, heap), rssMax: Math.max(peak.rssMax, rss.max), rssSum: Math.max(peak.rssSum, rss.sum) };
        maxTileElements = Math.max(maxTileElements, await page.locator('.tile-page img[data-tile]').count());
        return { heap, rss: rss.max };
      };
      const timer = setInterval(() => void sample().catch(() => undefined), 250);

      const t0 = performance.now();
      await page.evaluate((hash) => {
        window.location.hash = hash;
      }, `#/capture/${encodeURIComponent(captureId)}`);
      await settle(page);
      firstTiles.push(performance.now() - t0);

      if (r === 0) {
        const step = async (name, act) => {
          const s0 = performance.now();
          await act();
          await settle(page);
          const m = await sample();
          steps.push([name, `${(performance.now() - s0).toFixed(0)} ms`, `${m.heap.toFixed(0)} MB`, `${m.rss.toFixed(0)} MB`]);
        };
        const canvas = page.getByRole('img', { name: /Screenshot, 1,366 × 60,000 px/ });
        await step('zoom in ×3', async () => {
          for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Zoom in' }).click();
        });
        await step('100%', () => page.getByRole('button', { name: '100%' }).click());
        await step('pan down the whole page at 100% (Page Down ×80)', async () => {
          await canvas.focus();
          for (let i = 0; i < 80; i++) {
            await page.keyboard.press('PageDown');
            await page.waitForTimeout(30);
          }
        });
        // Where the memory is: garbage the page no longer holds, or a cache Chromium keeps (it gives caches back under memory pressure).
        const after = async (name, act) => {
          await act();
          await page.waitForTimeout(1000);
          const m = await sample();
          steps.push([name, '', `${m.heap.toFixed(0)} MB`, `${m.rss.toFixed(0)} MB`]);
        };
        await after('  then a garbage collection (HeapProfiler.collectGarbage)', () => cdp.send('HeapProfiler.collectGarbage'));
        await after('  then a critical memory-pressure signal', () => cdp.send('Memory.simulatePressureNotification', { level: 'critical' }));
        await step('End, then Home', async () => {
          await page.keyboard.press('End');
          await settle(page);
          await page.keyboard.press('Home');
        });
        await step('zoom out ×4', async () => {
          for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Zoom out' }).click();
        });
        await step('fit height (the whole page at once)', () => page.keyboard.press('h'));
        await step('fit width', () => page.keyboard.press('w'));
        steps.push(['tiles loaded on screen at the end', String(await loadedTiles(page)), '', '']);
      }
      clearInterval(timer);
      await sample();
      await page.context().close();
    }
  } finally {
    served.child.kill('SIGTERM');
    await browser.close();
  }
  const first = median(firstTiles);
  // The renderer's resident memory already holds its JavaScript heap: the target is read on the RSS of the
  // page's renderer (the largest; the others are Chromium's spare and the closed runs' ones), the heap beside it.
  const memory = peak.rssMax;
  printTable(`Viewer: a ${WIDTH.toLocaleString('en')} × ${HEIGHT.toLocaleString('en')} px screenshot through exhibit serve in Chromium`, ['measure', 'value'], [
    ['capture generated (8 PNG tiles of 8,000 px)', `${(populateMs / 1000).toFixed(1)} s`],
    [`open the capture → first tiles drawn (median of ${RUNS})`, `${first.toFixed(0)} ms (${firstTiles.map((t) => t.toFixed(0)).join(', ')})`],
    ['peak JS heap used (Performance.getMetrics)', `${peak.heap.toFixed(0)} MB`],
    ['peak RSS of the largest renderer process (ps)', `${peak.rssMax.toFixed(0)} MB`],
    ['peak RSS of all renderer processes together (ps)', `${peak.rssSum.toFixed(0)} MB`],
    ['tile images in the page at most', String(maxTileElements)],
  ]);
  printTable('Steps of the first run', ['step', 'time', 'JS heap', 'renderer RSS'], steps);
  printTable('Targets', ['target', 'measured', 'result'], [['renderer memory < 500 MB (peak RSS of the page\'s renderer; JS heap within it)', `${memory.toFixed(0)} MB (heap ${peak.heap.toFixed(0)} MB)`, pass(memory < 500)]]);
  writeResult('viewer-tall', { runs: RUNS, width: WIDTH, height: HEIGHT, populateMs, firstTilesMs: firstTiles, peakHeapMb: peak.heap, peakRendererRssMb: peak.rssMax, peakAllRenderersRssMb: peak.rssSum, maxTileElements, steps, pass: memory < 500 });
} finally {
  rmSync(work, { recursive: true, force: true });
}
