// Shared by the benchmarks: timing, medians, a table on screen, JSON on disk.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const RESULTS_DIR = fileURLToPath(new URL('../results/', import.meta.url));

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Runs a shell command, returns wall milliseconds; throws on failure. */
export function timeShell(command) {
  const t0 = performance.now();
  const r = spawnSync('bash', ['-c', command], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${command} failed: ${r.stderr}`);
  return ms;
}

export function printTable(title, headers, rows) {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  process.stdout.write(`\n${title}\n${line(headers)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rows.map((r) => line(r.map(String))).join('\n')}\n`);
}

export function writeResult(name, data) {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, `${name}.json`);
  writeFileSync(path, `${JSON.stringify({ benchmark: name, at: new Date().toISOString(), node: process.version, ...data }, null, 2)}\n`);
  process.stdout.write(`results: ${path}\n`);
}

export const pass = (ok) => (ok ? 'PASS' : 'MISS');
