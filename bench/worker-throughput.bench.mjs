// Hub re-capture workers on this machine: captures per minute with 1 and 2
// workers against the test shop, and a drain of re-capture jobs by 3 workers
// with one killed midway (every listing captured exactly once, from the hub's
// catalogue). By default 6, 8 and 12 listings (WORKER_BENCH_ONE, _TWO,
// _DRAIN; the drain is 300 jobs).
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { pass, printTable, writeResult } from './lib/report.mjs';

const runner = fileURLToPath(new URL('./lib/worker-throughput-run.mjs', import.meta.url));
const viteNode = fileURLToPath(new URL('../node_modules/.bin/vite-node', import.meta.url));
const loadBefore = loadavg()[0];
const r = spawnSync(viteNode, [runner], { encoding: 'utf8', maxBuffer: 1 << 24 });
if (r.status !== 0) throw new Error(`the worker benchmark failed: ${r.stderr}`);
const m = JSON.parse(r.stdout.slice(r.stdout.indexOf('{')));
const load = { before: loadBefore, after: loadavg()[0] };
const row = (p) => [
  String(p.workers),
  String(p.concurrency),
  p.listings,
  p.steadyPerMinute.toFixed(1),
  p.withStartPerMinute.toFixed(1),
  `${p.perCapture.cpuSeconds.toFixed(2)} (${p.perCapture.workerProcessCpuSeconds.toFixed(2)} + ${(p.perCapture.cpuSeconds - p.perCapture.workerProcessCpuSeconds).toFixed(2)})`,
  p.perCapture.postgresCpuSeconds.toFixed(2),
  (p.perCapture.objectBytes / 1e6).toFixed(2),
  `${p.perCapture.rowsInserted.toFixed(1)} / ${p.perCapture.rowsUpdated.toFixed(1)} / ${p.perCapture.rowsDeleted.toFixed(1)}`,
  (p.perCapture.databaseBytes / 1e3).toFixed(0),
];
printTable(
  `Hub workers re-capturing the test shop on this machine (captures per minute; load ${load.before.toFixed(1)} before, ${load.after.toFixed(1)} after)`,
  ['workers', 'pages at once each', 'listings', 'steady (first capture → last stored)', 'with start-up (launch → drained)', 'CPU s a capture (worker process + Chromium)', 'PostgreSQL CPU s a capture', 'MB stored a capture', 'PostgreSQL rows a capture (inserted / updated / deleted)', 'PostgreSQL kB a capture'],
  [row(m.one), row(m.two)],
);
printTable(`Drain of ${m.drain.jobs} jobs by 3 workers, ${m.drain.killed ? 'one killed midway' : 'none killed (the others drained the queue before the first captured)'}`, ['check', 'measured', 'result'], [
  ['every listing captured exactly once (hub catalogue)', `${m.drain.listingsWithOneCapture}/${m.drain.jobs}`, pass(m.drain.capturedExactlyOnce)],
  ['exhibit hub verify clean', String(m.drain.hubVerifies), pass(m.drain.hubVerifies)],
  ['time to drain', `${m.drain.seconds.toFixed(0)} s (${((m.drain.jobs / m.drain.seconds) * 60).toFixed(1)}/min)`, ''],
]);
writeResult('worker-throughput', { ...m, load, pass: m.drain.capturedExactlyOnce && m.drain.hubVerifies });
