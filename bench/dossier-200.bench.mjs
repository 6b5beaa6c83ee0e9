// A dossier of 200 captures, each with a full-page screenshot (1366 px wide,
// 2,500 to 9,000 px tall, several thousand pages' worth): time, pages per
// second, peak RSS, and file size without and with every file attached.
// Targets: under 60 s and under 500 MB. Baseline in the same run: bare
// pdfkit placing the same 200 screenshots, one per page, scaled to fit.
// Every capture is time-stamped, and each dossier is signed (PAdES) with a
// signature time-stamp and a document time-stamp from a real RFC 3161
// authority on 127.0.0.1 (`openssl ts -reply`); `exhibit verify` of each
// dossier is timed too (target: under 10 s).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Workspace } from '../dist/electron/core/workspace/workspace.js';
import { captureFiler } from '../dist/electron/core/catalogue/capture-filer.js';
import { addAuthority, listAuthorities, removeAuthority } from '../dist/electron/core/workspace/timestamps.js';
import { stampPending } from '../dist/electron/core/timestamp/stamper.js';
import { png } from '../test/helpers/png.mjs';
import { startTsa } from '../test/helpers/tsa.mjs';
import { pass, printTable, writeResult } from './lib/report.mjs';

const CAPTURES = Number(process.env.BENCH_DOSSIER_CAPTURES ?? 200);
const HEIGHTS = [2500, 3400, 4200, 5100, 6000, 7000, 8000, 9000];
const here = fileURLToPath(new URL('.', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'exhibit-bench-dossier-'));

/** Something like a listing page: white, with lines of dark "text" and a few grey blocks. */
function screenshot(height, seed) {
  return png(1366, height, (x, y) => {
    const line = Math.floor(y / 22);
    const inText = y % 22 < 12 && x > 80 && x < 80 + ((line * 7919 + seed) % 1100);
    if (inText && ((x * 31 + y * 17 + seed) % 7) < 3) return [30, 30, 30];
    if (line % 40 < 9 && x > 700 && x < 1200) return [225, 228, 232];
    return [255, 255, 255];
  });
}

const tsa = await startTsa({ name: 'Bench TSA' });
try {
  const made = await Workspace.init(join(work, 'ws'), { investigator: 'Bench Marker', organisation: 'Exhibit' });
  if (!made.ok) throw new Error(made.error.kind);
  const ws = made.value;
  for (const a of await listAuthorities(ws.db)) await removeAuthority(ws.db, a.url);
  await addAuthority(ws.db, { url: tsa.url, rootPem: tsa.rootPem, name: 'Bench TSA' });
  const t0 = performance.now();
  const shots = HEIGHTS.map((h, i) => screenshot(h, i * 101));
  const paths = [];
  for (let i = 0; i < CAPTURES; i++) {
    const shot = shots[i % shots.length];
    const height = HEIGHTS[i % HEIGHTS.length];
    const startedAt = new Date(Date.UTC(2026, 9, 1) + i * 3_600_000).toISOString();
    const url = `https://www.ebay.com/itm/${100000000 + i}`;
    const extraction = {
      marketplace: 'ebay', extractor: 'ebay', recognisedBy: { kind: 'url', detail: 'host ebay.com' }, kind: 'listing', blocked: null, storefront: null,
      fields: {
        listingId: { value: String(100000000 + i), source: { kind: 'url', detail: '/itm/{id}' } },
        title: { value: `Designer bag replica ${i}`, source: { kind: 'selector', detail: 'h1' } },
        price: { value: `${50 + (i % 40)}.99`, source: { kind: 'selector', detail: '.x-price-primary' } },
        currency: { value: 'USD', source: { kind: 'selector', detail: '.x-price-primary' } },
        sellerId: { value: `seller_${i % 20}`, source: { kind: 'selector', detail: 'a[href*="/usr/"]' } },
        sellerName: { value: `Seller ${i % 20}`, source: { kind: 'selector', detail: '.x-sellercard' } },
      },
    };
    const record = await ws.recordCapture({
      requestedUrl: url, finalUrl: url, httpStatus: 200, outcome: 'complete', startedAt, finishedAt: startedAt,
      artifacts: [
        { name: 'screenshot-full.png', kind: 'screenshot-full', mediaType: 'image/png', source: shot },
        { name: 'dom.html', kind: 'dom', mediaType: 'text/html', source: `<html><body>${randomBytes(20_000).toString('hex')}</body></html>` },
        { name: 'page.warc.gz', kind: 'warc', mediaType: 'application/warc', source: randomBytes(200_000) },
      ],
      provenance: { screenshot: { width: 1366, height, pageHeight: height, deviceScaleFactor: 1, tiles: [{ name: 'screenshot-full.png', y: 0, height }] } },
      filer: captureFiler({ extraction, extractorVersion: 'bench', outcome: 'complete', url, startedAt, caseRef: 'Bench case', text: '' }),
    });
    paths.push(ws.store.pathOf(record.manifest.artifacts.find((a) => a.name === 'screenshot-full.png').sha256));
  }
  const stamped = await stampPending(ws);
  if (stamped.pending !== 0) throw new Error(`captures left unstamped: ${JSON.stringify(stamped.failures)}`);
  await ws.close();
  const populateS = (performance.now() - t0) / 1000;
  const list = join(work, 'list.json');
  writeFileSync(list, JSON.stringify(paths));

  // Asynchronously: the time-stamping authority answers from this process.
  const runJson = async (script, args) => JSON.parse((await promisify(execFile)(process.execPath, [join(here, 'lib', script), ...args], { encoding: 'utf8', maxBuffer: 1 << 20 })).stdout);
  const bare = await runJson('pdfkit-bare.mjs', [list, join(work, 'bare.pdf')]);
  const none = await runJson('dossier-run.mjs', [join(work, 'ws'), join(work, 'none.pdf'), 'none']);
  const all = await runJson('dossier-run.mjs', [join(work, 'ws'), join(work, 'all.pdf'), 'all']);
  for (const r of [none, all]) if (!r.documentTimestamp) throw new Error(`a dossier was not sealed with a document time-stamp: ${r.pending}`);
  const verifyNone = await runJson('verify-dossier-run.mjs', [join(work, 'ws'), join(work, 'none.pdf')]);
  const verifyAll = await runJson('verify-dossier-run.mjs', [join(work, 'ws'), join(work, 'all.pdf')]);
  for (const v of [verifyNone, verifyAll]) if (!v.ok) throw new Error(`a dossier did not verify: ${JSON.stringify(v.problems)}`);
  const mb = (b) => `${(b / 1e6).toFixed(1)} MB`;
  printTable(`Dossier of ${CAPTURES} captures with full-page screenshots (workspace populated in ${populateS.toFixed(0)} s)`, ['contender', 'seconds', 'pages', 'pages/s', 'peak RSS', 'file size'], [
    ['bare pdfkit: each screenshot on one page, scaled to fit', (bare.ms / 1000).toFixed(1), bare.pages, (bare.pages / (bare.ms / 1000)).toFixed(0), `${bare.maxRssMB.toFixed(0)} MB`, mb(bare.bytes)],
    ['exhibit dossier --attach none', (none.ms / 1000).toFixed(1), none.pages, (none.pages / (none.ms / 1000)).toFixed(0), `${none.maxRssMB.toFixed(0)} MB`, mb(none.bytes)],
    ['exhibit dossier --attach all', (all.ms / 1000).toFixed(1), all.pages, (all.pages / (all.ms / 1000)).toFixed(0), `${all.maxRssMB.toFixed(0)} MB`, mb(all.bytes)],
    ['exhibit verify (--attach none dossier)', (verifyNone.ms / 1000).toFixed(1), none.pages, (none.pages / (verifyNone.ms / 1000)).toFixed(0), `${verifyNone.maxRssMB.toFixed(0)} MB`, ''],
    ['exhibit verify (--attach all dossier)', (verifyAll.ms / 1000).toFixed(1), all.pages, (all.pages / (verifyAll.ms / 1000)).toFixed(0), `${verifyAll.maxRssMB.toFixed(0)} MB`, ''],
  ]);
  const verifyWorst = Math.max(verifyNone.ms, verifyAll.ms) / 1000;
  const worst = Math.max(none.ms, all.ms) / 1000;
  const rss = Math.max(none.maxRssMB, all.maxRssMB);
  printTable('Targets', ['target', 'measured', 'result'], [
    ['under 60 s', `${worst.toFixed(1)} s`, pass(worst < 60)],
    ['under 500 MB peak RSS', `${rss.toFixed(0)} MB`, pass(rss < 500)],
    ['signed, signature and document time-stamped', 'both dossiers', pass(true)],
    ['exhibit verify under 10 s', `${verifyWorst.toFixed(1)} s`, pass(verifyWorst < 10)],
  ]);
  writeResult('dossier-200', { captures: CAPTURES, populateSeconds: populateS, bare, none, all, verifyNone, verifyAll, pass: worst < 60 && rss < 500 && verifyWorst < 10 });
} finally {
  await tsa.close();
  if (process.env.BENCH_KEEP) process.stderr.write(`kept ${work}\n`);
  else rmSync(work, { recursive: true, force: true });
}
