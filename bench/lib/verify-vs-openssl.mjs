// `exhibit verify` against `openssl dgst -sha256` over the same objects, both
// with the objects in the page cache, median of three runs each.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { median, timeShell } from './report.mjs';

const exhibitBin = fileURLToPath(new URL('../../bin/exhibit.js', import.meta.url));

export function verifyVsOpenssl(dir, rounds = 3) {
  timeShell(`find ${dir}/objects -type f -print0 | xargs -0 cat > /dev/null`);
  const opensslMs = median(Array.from({ length: rounds }, () => timeShell(`find ${dir}/objects -type f -print0 | xargs -0 openssl dgst -sha256 > /dev/null`)));
  const runs = Array.from({ length: rounds }, () => {
    const t = performance.now();
    const r = spawnSync(process.execPath, [exhibitBin, 'verify', '--json', '--workspace', dir], { encoding: 'utf8', maxBuffer: 1 << 28 });
    const ms = performance.now() - t;
    if (r.status !== 0) throw new Error(`verify failed (${r.status}): ${r.stderr}${r.stdout.slice(0, 2000)}`);
    return { ms, report: JSON.parse(r.stdout) };
  });
  const verifyMs = median(runs.map((r) => r.ms));
  const report = runs[0].report;
  const mb = report.counts.objectBytes / 1e6;
  const opensslMBps = mb / (opensslMs / 1000);
  const verifyMBps = mb / (verifyMs / 1000);
  return { opensslMs, verifyRunsMs: runs.map((r) => r.ms), verifyMs, report, mb, opensslMBps, verifyMBps, ratio: verifyMBps / opensslMBps };
}
