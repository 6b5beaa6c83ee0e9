// Storing a 1 GiB file (hash + durable write) against `cp` + `sync` of the
// same file and `openssl dgst -sha256`, measured in the same run.
// Targets: at most 1.3× cp+sync; peak RSS under 100 MB.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, pass, printTable, timeShell, writeResult } from './lib/report.mjs';

const ROUNDS = 3;
const SIZE_MB = 1024;
const work = mkdtempSync(join(tmpdir(), 'exhibit-bench-store-'));
const source = join(work, 'source.bin');
const storeOne = fileURLToPath(new URL('./lib/store-one.mjs', import.meta.url));

try {
  timeShell(`head -c ${SIZE_MB}M /dev/urandom > ${source} && sync`);
  timeShell(`cat ${source} > /dev/null`); // every contender reads from the page cache
  const expected = execFileSync('openssl', ['dgst', '-sha256', '-r', source], { encoding: 'utf8' }).split(' ')[0];

  const cp = [];
  const openssl = [];
  const exhibit = [];
  const rss = [];
  for (let round = 0; round < ROUNDS; round++) {
    cp.push(timeShell(`cp ${source} ${join(work, 'copy.bin')} && sync`));
    rmSync(join(work, 'copy.bin'));
    timeShell('sync');
    openssl.push(timeShell(`openssl dgst -sha256 ${source}`));
    const ws = join(work, `ws-${round}`);
    const r = spawnSync(process.execPath, [storeOne, ws, source], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    const out = JSON.parse(r.stdout);
    if (out.sha256 !== expected) throw new Error(`hash mismatch: ${out.sha256} vs openssl ${expected}`);
    exhibit.push(out.ms);
    rss.push(out.maxRssMB);
    rmSync(ws, { recursive: true, force: true });
    timeShell('sync');
  }
  const cpMs = median(cp);
  const exMs = median(exhibit);
  const ratio = exMs / cpMs;
  const peak = Math.max(...rss);
  printTable(`Storing a ${SIZE_MB} MiB file, median of ${ROUNDS} (ms; MB/s)`, ['contender', 'ms', 'MB/s', 'vs cp+sync'], [
    ['cp + sync (baseline: the write)', cpMs.toFixed(0), (SIZE_MB / (cpMs / 1000)).toFixed(0), '1.00'],
    ['openssl dgst -sha256 (the hash)', median(openssl).toFixed(0), (SIZE_MB / (median(openssl) / 1000)).toFixed(0), (median(openssl) / cpMs).toFixed(2)],
    ['exhibit store (hash + fsync + link)', exMs.toFixed(0), (SIZE_MB / (exMs / 1000)).toFixed(0), ratio.toFixed(2)],
  ]);
  printTable('Targets', ['target', 'measured', 'result'], [
    ['time ≤ 1.3× cp+sync', `${ratio.toFixed(2)}×`, pass(ratio <= 1.3)],
    ['peak RSS < 100 MB', `${peak.toFixed(0)} MB`, pass(peak < 100)],
  ]);
  writeResult('store-1gib', { sizeMiB: SIZE_MB, rounds: ROUNDS, ms: { cpSync: cp, openssl, exhibit }, peakRssMB: rss, ratio, targets: { ratioMax: 1.3, peakRssMaxMB: 100 }, pass: ratio <= 1.3 && peak < 100 });
} finally {
  rmSync(work, { recursive: true, force: true });
}
