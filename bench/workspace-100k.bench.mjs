// A workspace with 100,000 captures of 5 artifacts each:
// - listing one seller's 1,000 captures: target under 20 ms;
// - `exhibit verify` throughput in MB/s: target at least 0.8× `openssl dgst
//   -sha256` over the same objects, measured in the same run.
// Each capture has five artifacts of its own, 100 KB in all (real captures
// hold megabytes; 100,000 of them would not fit this disk), so the run weighs
// what verification does per capture (an Ed25519 signature check, a manifest
// read, the row comparisons) as well as per byte. verify-throughput.bench.mjs
// measures captures of realistic size.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { capturesOfSeller } from '../dist/electron/core/workspace/capture-queries.js';
import { populate } from './lib/populate.mjs';
import { median, pass, printTable, writeResult } from './lib/report.mjs';
import { verifyVsOpenssl } from './lib/verify-vs-openssl.mjs';

const CAPTURES = Number(process.env.BENCH_CAPTURES ?? 100_000);
const SELLERS = 100;
const LISTINGS_PER_SELLER = 10;
const work = mkdtempSync(join(tmpdir(), 'exhibit-bench-100k-'));
const dir = join(work, 'ws');

try {
  const t0 = performance.now();
  const { ws, sellerIds, captures } = await populate(dir, {
    sellers: SELLERS,
    listingsPerSeller: LISTINGS_PER_SELLER,
    capturesPerListing: CAPTURES / (SELLERS * LISTINGS_PER_SELLER),
    // 100 KB of artifacts of its own per capture: 10 GB, 600,000 files.
    bytesPerCapture: Number(process.env.BENCH_BYTES_PER_CAPTURE ?? 100_000),
    onProgress: (done, total) => {
      if (done % 10_000 === 0) process.stderr.write(`  populated ${done}/${total} captures\n`);
    },
  });
  const populateS = (performance.now() - t0) / 1000;

  // One seller's captures: the first call opens the pages, then 30 timed calls.
  const seller = sellerIds[Math.floor(SELLERS / 2)];
  const firstT = performance.now();
  const first = await capturesOfSeller(ws.db, seller);
  const firstMs = performance.now() - firstT;
  const times = [];
  for (let i = 0; i < 30; i++) {
    const t = performance.now();
    const rows = await capturesOfSeller(ws.db, seller);
    times.push(performance.now() - t);
    if (rows.length !== first.length) throw new Error('result changed');
  }
  await ws.close();
  const listMs = median(times);

  const { opensslMs, verifyRunsMs, verifyMs, report, mb, opensslMBps, verifyMBps, ratio } = verifyVsOpenssl(dir);

  printTable(`Workspace: ${captures} captures × 5 artifacts of their own, ${report.counts.objects} objects, ${mb.toFixed(0)} MB (populated in ${populateS.toFixed(0)} s)`, ['measure', 'value'], [
    [`one seller's ${first.length} captures, first call`, `${firstMs.toFixed(1)} ms`],
    [`one seller's ${first.length} captures, median of 30`, `${listMs.toFixed(1)} ms`],
    ['openssl dgst -sha256 over the objects', `${(opensslMs / 1000).toFixed(2)} s, ${opensslMBps.toFixed(0)} MB/s`],
    ['exhibit verify (whole, median of 3)', `${(verifyMs / 1000).toFixed(2)} s, ${verifyMBps.toFixed(0)} MB/s`],
    ['  of which per capture', `${((verifyMs * 1000) / captures).toFixed(0)} µs`],
    ...Object.entries(report.phasesMs ?? {}).map(([phase, ms]) => [`  verify phase: ${phase}`, `${(ms / 1000).toFixed(2)} s`]),
  ]);
  printTable('Targets', ['target', 'measured', 'result'], [
    ["one seller's 1,000 captures < 20 ms", `${listMs.toFixed(1)} ms`, pass(listMs < 20)],
    ['verify MB/s ≥ 0.8× openssl', `${ratio.toFixed(2)}×`, pass(ratio >= 0.8)],
  ]);
  writeResult('workspace-100k', {
    captures,
    objects: report.counts.objects,
    objectBytes: report.counts.objectBytes,
    populateSeconds: populateS,
    listSellerCaptures: { rows: first.length, firstMs, medianMs: listMs, targetMs: 20 },
    verify: { opensslMs, verifyMs: verifyRunsMs, opensslMBps, verifyMBps, ratio, target: 0.8, phasesMs: report.phasesMs ?? null },
    pass: listMs < 20 && ratio >= 0.8,
  });
} finally {
  rmSync(work, { recursive: true, force: true });
}
