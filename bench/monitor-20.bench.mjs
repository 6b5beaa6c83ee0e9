// A watched search of 20 result pages on 127.0.0.1, 4 pages at a time: each
// page captured and sealed, read, every result scored against the brand's
// catalogue (its thumbnail fetched and hashed against the official images),
// and the run recorded; against the same 20 captures without the reading
// and scoring, in the same process, the two taking turns. Target: the
// monitor run within 1.3× the bare captures.
import { createServer } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { findBrowser } from '../dist/electron/core/capture/browser/find-browser.js';
import { captureUrls } from '../dist/electron/core/capture/capture-service.js';
import { importCatalogue } from '../dist/electron/core/fakes/brand-import.js';
import { addBrand } from '../dist/electron/core/fakes/brands.js';
import { addMonitor } from '../dist/electron/core/fakes/monitors.js';
import { runMonitors } from '../dist/electron/core/fakes/monitor-run.js';
import { Workspace } from '../dist/electron/core/workspace/workspace.js';
import { pass, printTable, writeResult } from './lib/report.mjs';

const PAGES = 20;
const PER_PAGE = 16;
const CONCURRENCY = 4;
const IMAGES = 40;
const TARGET = 1.3;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);

let seed = 7;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
/** A picture of noise, different for each n: thumbnails whose hashes differ. */
async function picture(size) {
  const raw = Buffer.alloc(size * size * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = Math.floor(random() * 256);
  return sharp(raw, { raw: { width: size, height: size, channels: 3 } }).png().toBuffer();
}
const thumbs = [];
for (let i = 0; i < 50; i++) thumbs.push(await picture(96));

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
function searchPage(page) {
  const cards = Array.from({ length: PER_PAGE }, (_, i) => {
    const n = (page - 1) * PER_PAGE + i;
    const asin = `B0BENCH${String(n).padStart(3, '0')}`;
    const title = n % 5 === 0 ? `Nordkap Flask 500ml replica 1:1 #${n}` : `Nordkap Flask 500 ml stainless steel #${n}`;
    const price = n % 5 === 0 ? '11,99' : '49,90';
    return `<div data-component-type="s-search-result" data-asin="${asin}" data-index="${i + 1}" class="s-result-item">
  <img class="s-image" src="/img/${n % thumbs.length}.png" alt="">
  <h2><a class="a-link-normal" href="/dp/${asin}"><span>${esc(title)}</span></a></h2>
  <span class="a-price"><span class="a-offscreen">${price} €</span></span></div>`;
  }).join('\n');
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Amazon.de: nordkap</title></head><body><input id="twotabsearchtextbox" value="nordkap"><div class="s-main-slot">${cards}</div></body></html>`;
}
const server = createServer((req, res) => {
  const u = new URL(req.url, 'http://x');
  const img = /^\/img\/(\d+)\.png$/.exec(u.pathname);
  if (img) {
    res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'no-store' });
    return res.end(thumbs[Number(img[1])]);
  }
  if (u.pathname === '/s') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    return res.end(searchPage(Number(u.searchParams.get('page') ?? '1')));
  }
  res.writeHead(404).end();
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = findBrowser(undefined);
if (!browser.ok) throw new Error(browser.error);
const dir = mkdtempSync(join(tmpdir(), 'exhibit-bench-monitor-'));
try {
  const ws = (await Workspace.init(join(dir, 'ws'))).value;
  const brand = await addBrand(ws.db, 'Nordkap');
  const files = [];
  for (let i = 0; i < IMAGES; i++) {
    writeFileSync(join(dir, `official-${i}.png`), await picture(400));
    files.push(`official-${i}.png`);
  }
  const rows = Array.from({ length: 10 }, (_, p) => `Nordkap Flask ${p},NK-${p},amazon,49.90,EUR,${files.slice(p * 4, p * 4 + 4).join('|')},nordkap|flask`);
  writeFileSync(join(dir, 'catalogue.csv'), ['product,reference,market,retail_price,currency,images,keywords', ...rows].join('\n'));
  const imported = await importCatalogue(ws, brand.value.id, join(dir, 'catalogue.csv'));
  if (!imported.ok) throw new Error(imported.error);
  const monitor = await addMonitor(ws.db, { url: `${origin}/s?k=nordkap`, brandId: brand.value.id, intervalSeconds: 6 * 3600, pages: PAGES, captureAbove: null });
  const urls = Array.from({ length: PAGES }, (_, i) => (i === 0 ? `${origin}/s?k=nordkap` : `${origin}/s?k=nordkap&page=${i + 1}`));

  const watched = async () => {
    const t0 = performance.now();
    const r = await runMonitors(ws, { monitorIds: [monitor.id], browserPath: browser.value.path, concurrency: CONCURRENCY });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const s = r.value[0];
    return { ms: performance.now() - t0, results: s.pages.reduce((a, p) => a + p.results, 0), complete: s.complete };
  };
  const bare = async () => {
    const t0 = performance.now();
    const r = await captureUrls(ws, { urls, browserPath: browser.value.path, concurrency: CONCURRENCY });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return { ms: performance.now() - t0, complete: r.value.filter((c) => c.page.outcome === 'complete').length };
  };
  const rounds = [];
  for (let i = 0; i < ROUNDS; i++) {
    // Taking turns, the order swapped each round: the machine's drift falls on both alike.
    if (i % 2 === 0) {
      const m = await watched();
      rounds.push({ monitor: m, bare: await bare() });
    } else {
      const b = await bare();
      rounds.push({ monitor: await watched(), bare: b });
    }
  }
  const monitorMs = rounds.reduce((a, r) => a + r.monitor.ms, 0) / ROUNDS;
  const bareMs = rounds.reduce((a, r) => a + r.bare.ms, 0) / ROUNDS;
  const ratio = monitorMs / bareMs;
  const results = rounds[0].monitor.results;
  const allRead = rounds.every((r) => r.monitor.complete && r.monitor.results === PAGES * PER_PAGE && r.bare.complete === PAGES);
  printTable(`${PAGES} result pages (${PER_PAGE} results each), ${CONCURRENCY} at a time; ${ROUNDS} round(s)`, ['contender', 'seconds'], [
    ...rounds.flatMap((r, i) => [
      [`round ${i + 1}: monitor run (capture, read, score, record)`, (r.monitor.ms / 1000).toFixed(1)],
      [`round ${i + 1}: the same captures, no scoring`, (r.bare.ms / 1000).toFixed(1)],
    ]),
  ]);
  printTable('Target', ['target', 'measured', 'result'], [
    [`monitor run ≤ ${TARGET}× the captures alone`, `${ratio.toFixed(2)}×`, pass(ratio <= TARGET)],
    [`every page complete, all ${PAGES * PER_PAGE} results read`, String(results), pass(allRead)],
  ]);
  writeResult('monitor-20', { pages: PAGES, perPage: PER_PAGE, concurrency: CONCURRENCY, images: IMAGES, rounds, monitorMs, bareMs, ratio, target: TARGET, pass: ratio <= TARGET && allRead });
  await ws.close();
} finally {
  server.close();
  rmSync(dir, { recursive: true, force: true });
}
