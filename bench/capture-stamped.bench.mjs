// Stamping is off the capture's path: 200 local listing pages, 4 at a time,
// captured into a workspace whose every capture is sent to a real RFC 3161
// authority on 127.0.0.1 (`openssl ts -reply`), against the same run with no
// authority. The stamped run's time includes waiting for its last stamps, as
// `exhibit capture` waits before it exits. Target: within 5%.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findBrowser } from '../dist/electron/core/capture/browser/find-browser.js';
import { startTsa } from '../test/helpers/tsa.mjs';
import { startListingSite } from './lib/listing-site.mjs';
import { pass, printTable, writeResult } from './lib/report.mjs';

const PAGES = Number(process.env.BENCH_PAGES ?? 200);
const CONCURRENCY = 4;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const runner = fileURLToPath(new URL('./lib/capture-runner.mjs', import.meta.url));
const browser = findBrowser(undefined);
if (!browser.ok) throw new Error(browser.error);
const site = await startListingSite();
const tsa = await startTsa({ name: 'Bench TSA' });
const rootFile = join(tmpdir(), `exhibit-bench-tsa-root-${process.pid}.pem`);
writeFileSync(rootFile, tsa.rootPem);

function run(stamped) {
  const urls = Array.from({ length: PAGES }, (_, i) => site.url(i));
  return new Promise((resolve, reject) => {
    const env = { ...process.env, EXHIBIT_BENCH_TSA: stamped ? `${tsa.url} ${rootFile}` : '' };
    const child = spawn(process.execPath, [runner, 'exhibit', browser.value.path, 'batch', String(CONCURRENCY), ...urls], { env });
    let out = '';
    let errText = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (errText += d));
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(errText))));
  });
}

const perMinute = (ms) => PAGES / (ms / 60_000);
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;

try {
  const rounds = [];
  // Turns taken, so the machine's drift falls on both alike.
  for (let i = 0; i < ROUNDS; i++) rounds.push({ plain: await run(false), stamped: await run(true) });
  const plainMs = mean(rounds.map((r) => r.plain.ms));
  const stampedMs = mean(rounds.map((r) => r.stamped.ms));
  const ratio = stampedMs / plainMs;
  const allStamped = rounds.every((r) => r.stamped.stamped === PAGES && r.stamped.pending === 0);
  printTable(`${PAGES} local listing pages, ${CONCURRENCY} at a time; ${ROUNDS} round(s) taking turns`, ['run', 'seconds', 'per minute', 'captures stamped', 'tokens (requests)'], [
    ...rounds.flatMap((r, i) => [
      [`round ${i + 1}: no authority`, (r.plain.ms / 1000).toFixed(1), perMinute(r.plain.ms).toFixed(0), '—', '—'],
      [`round ${i + 1}: local authority (last stamp included)`, (r.stamped.ms / 1000).toFixed(1), perMinute(r.stamped.ms).toFixed(0), String(r.stamped.stamped), String(r.stamped.tokens)],
    ]),
  ]);
  printTable('Target', ['target', 'measured', 'result'], [
    ['stamped run within 5% of the run without an authority', `${((ratio - 1) * 100).toFixed(1)}%`, pass(ratio <= 1.05)],
    [`all ${PAGES} captures stamped, none pending`, allStamped ? 'yes' : 'no', pass(allStamped)],
  ]);
  writeResult('capture-stamped', { pages: PAGES, concurrency: CONCURRENCY, rounds, plainMs, stampedMs, ratio, target: 1.05, pass: ratio <= 1.05 && allStamped });
} finally {
  await site.close();
  await tsa.close();
}
