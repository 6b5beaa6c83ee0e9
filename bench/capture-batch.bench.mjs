// 200 local listing pages, 4 at a time: Exhibit's captures per minute and
// peak memory (the whole process tree, Chromium included) next to bare
// Playwright doing goto + full-page screenshot 4 pages at a time.
// Targets: ≥ 120 captures/min on 2 cores; ≥ 0.85× bare Playwright's rate.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { findBrowser } from '../dist/electron/core/capture/browser/find-browser.js';
import { startListingSite } from './lib/listing-site.mjs';
import { sampleTree } from './lib/process-tree.mjs';
import { pass, printTable, writeResult } from './lib/report.mjs';

const PAGES = Number(process.env.BENCH_PAGES ?? 200);
const CONCURRENCY = 4;
const runner = fileURLToPath(new URL('./lib/capture-runner.mjs', import.meta.url));
const browser = findBrowser(undefined);
if (!browser.ok) throw new Error(browser.error);
const site = await startListingSite();

function run(who) {
  const urls = Array.from({ length: PAGES }, (_, i) => site.url(i));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [runner, who, browser.value.path, 'batch', String(CONCURRENCY), ...urls]);
    const stop = sampleTree(child.pid);
    let out = '';
    let errText = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (errText += d));
    child.on('close', (code) => {
      const peakMB = stop();
      const treeCpuMs = stop.cpuSeconds() * 1000;
      if (code !== 0) reject(new Error(errText));
      else resolve({ ...JSON.parse(out), peakMB, treeCpuMs });
    });
  });
}

/** Where the cores went: the whole tree's CPU time (Chromium's included) per page, and how many of the cores it kept busy. */
const row = (r) => [(r.ms / 1000).toFixed(1), perMinute(r).toFixed(0), `${r.peakMB.toFixed(0)} MB`, `${(r.treeCpuMs / PAGES).toFixed(0)} ms`, `${(r.nodeCpuMs / PAGES).toFixed(0)} ms`, (r.treeCpuMs / r.ms).toFixed(2)];
const perMinute = (r) => PAGES / (r.ms / 60_000);
/** Rounds pooled: all their pages over all their time. */
const pooled = (rs) => ({ ms: rs.reduce((a, r) => a + r.ms, 0) / rs.length, peakMB: Math.max(...rs.map((r) => r.peakMB)), treeCpuMs: rs.reduce((a, r) => a + r.treeCpuMs, 0) / rs.length, nodeCpuMs: rs.reduce((a, r) => a + r.nodeCpuMs, 0) / rs.length });

// This machine's speed drifts by ±10% from one run to the next; the
// contenders take turns, ROUNDS times each, so drift falls on both alike.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);

try {
  const rounds = [];
  for (let i = 0; i < ROUNDS; i++) rounds.push({ bare: await run('playwright'), exhibit: await run('exhibit') });
  const bare = pooled(rounds.map((r) => r.bare));
  const exhibit = pooled(rounds.map((r) => r.exhibit));
  const bareRate = perMinute(bare);
  const exRate = perMinute(exhibit);
  const relative = exRate / bareRate;
  const complete = Math.min(...rounds.map((r) => r.exhibit.outcomes.filter((o) => o === 'complete').length));
  const each = rounds.flatMap((r, i) => [
    [`round ${i + 1}: bare Playwright`, ...row(r.bare)],
    [`round ${i + 1}: exhibit capture`, ...row(r.exhibit)],
  ]);
  printTable(`${PAGES} local listing pages, ${CONCURRENCY} at a time; ${ROUNDS} round(s), the contenders taking turns`, ['contender', 'seconds', 'per minute', 'peak memory (tree)', 'CPU per page (tree)', 'of which Node', 'cores busy'], [
    ...(ROUNDS > 1 ? each : []),
    ['bare Playwright: goto + full-page screenshot', ...row(bare)],
    ['exhibit capture (all artifacts, sealed)', ...row(exhibit)],
  ]);
  printTable('Targets', ['target', 'measured', 'result'], [
    ['≥ 120 captures per minute', exRate.toFixed(0), pass(exRate >= 120)],
    ['≥ 0.85× bare Playwright', `${relative.toFixed(2)}×`, pass(relative >= 0.85)],
    [`all ${PAGES} captures complete, every round`, String(complete), pass(complete === PAGES)],
  ]);
  writeResult('capture-batch', { pages: PAGES, concurrency: CONCURRENCY, rounds: rounds.map((r) => ({ bare: r.bare, exhibit: { ...r.exhibit, outcomes: undefined } })), bare, exhibit: { ...exhibit, complete }, perMinute: { bare: bareRate, exhibit: exRate }, relative, targets: { perMinute: 120, relative: 0.85 }, pass: exRate >= 120 && relative >= 0.85 && complete === PAGES });
} finally {
  await site.close();
}
