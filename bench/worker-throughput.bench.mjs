// Hub re-capture workers on this machine: captures per minute with 1 and 2
// workers against the test shop, and a drain of re-capture jobs by 3 workers
// with one killed midway (every listing captured exactly once, from the hub's
// catalogue). By default 6, 8 and 12 listings (WORKER_BENCH_ONE, _TWO,
// _DRAIN; the drain is 300 jobs).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { pass, printTable, writeResult } from './lib/report.mjs';

const runner = fileURLToPath(new URL('./lib/worker-throughput-run.mjs', import.meta.url));
const viteNode = fileURLToPath(new URL('../node_modules/.bin/vite-node', import.meta.url));
const r = spawnSync(viteNode, [runner], { encoding: 'utf8', maxBuffer: 1 << 24 });
if (r.status !== 0) throw new Error(`the worker benchmark failed: ${r.stderr}`);
const m = JSON.parse(r.stdout.slice(r.stdout.indexOf('{')));
printTable('Hub workers re-capturing the test shop on this machine (captures per minute)', ['workers', 'listings', 'steady (first capture → last stored)', 'with start-up (launch → drained)'], [
  ['1', m.one.listings, m.one.steadyPerMinute.toFixed(1), m.one.withStartPerMinute.toFixed(1)],
  ['2', m.two.listings, m.two.steadyPerMinute.toFixed(1), m.two.withStartPerMinute.toFixed(1)],
]);
printTable(`Drain of ${m.drain.jobs} jobs by 3 workers, one killed midway`, ['check', 'measured', 'result'], [
  ['every listing captured exactly once (hub catalogue)', `${m.drain.listingsWithOneCapture}/${m.drain.jobs}`, pass(m.drain.capturedExactlyOnce)],
  ['exhibit hub verify clean', String(m.drain.hubVerifies), pass(m.drain.hubVerifies)],
  ['time to drain', `${m.drain.seconds.toFixed(0)} s`, ''],
]);
writeResult('worker-throughput', { ...m, pass: m.drain.capturedExactlyOnce && m.drain.hubVerifies });
