// One local listing page, captured by Exhibit (every artifact, hashing,
// signing, storage) and by bare Playwright on the same browser (goto
// networkidle + full-page screenshot), alternately, in the same run.
// Target: Exhibit ≤ 1.5× bare Playwright. Also: where Exhibit's time goes.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { findBrowser } from '../dist/electron/core/capture/browser/find-browser.js';
import { startListingSite } from './lib/listing-site.mjs';
import { median, pass, printTable, writeResult } from './lib/report.mjs';

const ROUNDS = 15;
const runner = fileURLToPath(new URL('./lib/capture-runner.mjs', import.meta.url));
const browser = findBrowser(undefined);
if (!browser.ok) throw new Error(browser.error);
const site = await startListingSite();

/** Asynchronous: the site is served from this process, so it must not block. */
function run(who, url) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [runner, who, browser.value.path, 'each', String(ROUNDS), url]);
    let out = '';
    let errText = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (errText += d));
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(errText))));
  });
}

try {
  // Each contender launches its browser once, captures the page once to warm
  // up, then captures it ROUNDS times, each timed on its own.
  const url = site.url(1);
  const bare = (await run('playwright', url)).ms;
  const e = await run('exhibit', url);
  const exhibit = e.ms;
  const steps = e.steps;
  const ex = median(exhibit);
  const pw = median(bare);
  const ratio = ex / pw;
  const stepNames = steps[0].map((s) => s.name);
  printTable(`One listing page, median of ${ROUNDS} captures on a running browser`, ['contender', 'ms', 'ratio'], [
    ['bare Playwright: goto networkidle + full-page screenshot', pw.toFixed(0), '1.00'],
    ['exhibit capture: all artifacts, hashed, signed, stored', ex.toFixed(0), ratio.toFixed(2)],
  ]);
  printTable("Where Exhibit's capture time goes (median ms per step)", ['step', 'ms'], stepNames.map((name) => [name, median(steps.map((s) => s.filter((x) => x.name === name).reduce((a, x) => a + x.ms, 0))).toFixed(0)]));
  printTable('Targets', ['target', 'measured', 'result'], [['Exhibit ≤ 1.5× bare Playwright', `${ratio.toFixed(2)}×`, pass(ratio <= 1.5)]]);
  writeResult('capture-one', { rounds: ROUNDS, ms: { exhibit, bare }, ratio, target: 1.5, steps, pass: ratio <= 1.5 });
} finally {
  await site.close();
}
