// `exhibit verify` on a workspace whose captures each carry their own
// artifacts (about 3 MB per capture, as real screenshots and archives do),
// against `openssl dgst -sha256` over the same objects in the same run.
// Target: at least 0.8× openssl's MB/s.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workspace } from '../dist/electron/core/workspace/workspace.js';
import { pass, printTable, writeResult } from './lib/report.mjs';
import { verifyVsOpenssl } from './lib/verify-vs-openssl.mjs';

const CAPTURES = Number(process.env.BENCH_CAPTURES ?? 1000);
const MB_PER_CAPTURE = 3;
const work = mkdtempSync(join(tmpdir(), 'exhibit-bench-verify-'));
const dir = join(work, 'ws');
const SHARES = [['screenshot-full.png', 'image/png', 0.45], ['screenshot-viewport.png', 'image/png', 0.1], ['page.mhtml', 'multipart/related', 0.3], ['page.warc.gz', 'application/warc', 0.1], ['network.har', 'application/json', 0.05]];

try {
  const made = await Workspace.init(dir, { investigator: 'Bench Marker' });
  if (!made.ok) throw new Error(made.error.kind);
  const ws = made.value;
  const t0 = performance.now();
  for (let i = 0; i < CAPTURES; i++) {
    const at = new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString();
    await ws.recordCapture({
      requestedUrl: `https://www.marketplace.test/item/${i}`,
      finalUrl: `https://www.marketplace.test/item/${i}`,
      httpStatus: 200,
      outcome: 'complete',
      startedAt: at,
      finishedAt: at,
      artifacts: SHARES.map(([name, mediaType, share]) => ({ name, kind: name.split('.')[0], mediaType, source: randomBytes(Math.round(MB_PER_CAPTURE * share * 1e6 * (0.5 + Math.random()))) })),
      provenance: { populatedBy: 'bench' },
    });
  }
  await ws.close();
  const populateS = (performance.now() - t0) / 1000;

  const { opensslMs, verifyRunsMs, verifyMs, report, mb, opensslMBps, verifyMBps, ratio } = verifyVsOpenssl(dir);
  printTable(`exhibit verify: ${CAPTURES} captures, ${report.counts.objects} objects, ${mb.toFixed(0)} MB (stored in ${populateS.toFixed(0)} s)`, ['contender', 'seconds', 'MB/s', 'vs openssl'], [
    ['openssl dgst -sha256 (baseline)', (opensslMs / 1000).toFixed(2), opensslMBps.toFixed(0), '1.00'],
    ['exhibit verify (whole command)', (verifyMs / 1000).toFixed(2), verifyMBps.toFixed(0), ratio.toFixed(2)],
  ]);
  printTable('Targets', ['target', 'measured', 'result'], [['verify MB/s ≥ 0.8× openssl', `${ratio.toFixed(2)}×`, pass(ratio >= 0.8)]]);
  writeResult('verify-throughput', { captures: CAPTURES, objects: report.counts.objects, objectBytes: report.counts.objectBytes, opensslMs, verifyMs: verifyRunsMs, phasesMs: report.phasesMs, opensslMBps, verifyMBps, ratio, target: 0.8, pass: ratio >= 0.8 });
} finally {
  rmSync(work, { recursive: true, force: true });
}
