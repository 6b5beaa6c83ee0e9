// Pushing a workspace to the team hub (PostgreSQL + s3rver, both on this
// machine) against putting the same bytes into the same S3 server directly.
// The target: push of 1,000 captures (3 GB) within 1.5× the copy. By
// default this runs 50 captures of 3 MB (HUB_BENCH_CAPTURES, HUB_BENCH_MB for
// the full size): the ratio, not the size, is what is compared.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { pass, printTable, writeResult } from './lib/report.mjs';

const runner = fileURLToPath(new URL('./lib/hub-push-run.mjs', import.meta.url));
const viteNode = fileURLToPath(new URL('../node_modules/.bin/vite-node', import.meta.url));
const r = spawnSync(viteNode, [runner], { encoding: 'utf8', maxBuffer: 1 << 24 });
if (r.status !== 0) throw new Error(`the hub push benchmark failed: ${r.stderr}`);
const m = JSON.parse(r.stdout.slice(r.stdout.indexOf('{')));
const ratio = m.pushMs / m.copyMs;
const mb = m.totalBytes / 1024 / 1024;
printTable(`Push of ${m.captures} captures (${mb.toFixed(0)} MiB) to a hub on this machine`, ['contender', 'ms', 'MiB/s', 'vs copy'], [
  ['S3 PutObject of the same bytes (baseline)', m.copyMs.toFixed(0), (mb / (m.copyMs / 1000)).toFixed(1), '1.00'],
  ['exhibit push (streamed to its key, hashed, checked, catalogued)', m.pushMs.toFixed(0), (mb / (m.pushMs / 1000)).toFixed(1), ratio.toFixed(2)],
  ['second exhibit push (nothing to send)', m.againMs.toFixed(0), '', (m.againMs / m.copyMs).toFixed(2)],
]);
printTable('Targets', ['target', 'measured', 'result'], [['push ≤ 1.5× copy', `${ratio.toFixed(2)}×`, pass(ratio <= 1.5)], ['second push sends nothing', `${m.secondPush.objectsSent} objects`, pass(m.secondPush.objectsSent === 0)]]);
writeResult('hub-push', { ...m, ratio, targets: { ratioMax: 1.5 }, pass: ratio <= 1.5 && m.secondPush.objectsSent === 0 });
