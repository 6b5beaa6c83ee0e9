// Runs one contender in its own process and prints JSON timings.
//   node capture-runner.mjs exhibit|playwright BROWSER batch CONCURRENCY URL...
//     every URL, CONCURRENCY at a time, browser launch included
//   node capture-runner.mjs exhibit|playwright BROWSER each ROUNDS URL
//     the same URL ROUNDS times in a row on an already running browser,
//     after one warm-up; each capture timed on its own
// `exhibit` is the real capture path into a fresh workspace; `playwright`
// is goto(networkidle) + a full-page screenshot in a fresh context per page.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright';
import { CaptureSession, captureUrls } from '../../dist/electron/core/capture/capture-service.js';
import { chromiumArgs } from '../../dist/electron/core/capture/browser/playwright-browser.js';
import { Workspace } from '../../dist/electron/core/workspace/workspace.js';
import { BackgroundStamper } from '../../dist/electron/core/timestamp/background-stamper.js';
import { addAuthority, listAuthorities, removeAuthority } from '../../dist/electron/core/workspace/timestamps.js';

const [who, browserPath, mode, count, ...urls] = process.argv.slice(2);
const n = Number(count);
/** Adds this process's own CPU time (not the browser's), to show where the cores went. */
const out = (v) => {
  const cpu = process.cpuUsage();
  process.stdout.write(JSON.stringify({ ...v, nodeCpuMs: (cpu.user + cpu.system) / 1000 }));
};

async function bareCapture(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'networkidle' });
  const png = await page.screenshot({ fullPage: true });
  await context.close();
  return png.length;
}

if (who === 'exhibit') {
  const dir = mkdtempSync(join(tmpdir(), 'exhibit-bench-cap-'));
  const ws = (await Workspace.init(join(dir, 'ws'))).value;
  // EXHIBIT_BENCH_TSA=URL ROOT.pem: every capture is stamped by that authority in the background, as
  // `exhibit capture` does, and the time includes waiting for the last stamps. Without it, no authority is asked.
  const [tsaUrl, tsaRoot] = (process.env.EXHIBIT_BENCH_TSA ?? '').split(' ');
  for (const a of await listAuthorities(ws.db)) await removeAuthority(ws.db, a.url);
  const stamper = tsaUrl ? new BackgroundStamper(ws, { requestTimeoutMs: 10_000 }) : null;
  if (tsaUrl) await addAuthority(ws.db, { url: tsaUrl, rootPem: readFileSync(tsaRoot, 'utf8') });
  try {
    if (mode === 'batch') {
      const t0 = performance.now();
      const r = await captureUrls(ws, { urls, concurrency: n, browserPath });
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      const capturedMs = performance.now() - t0;
      const settled = stamper ? await stamper.settle(120_000) : null;
      const stamped = (await ws.db.get("SELECT COUNT(DISTINCT subject) AS n FROM timestamps WHERE subject_kind = 'capture'")).n;
      const tokens = (await ws.db.get('SELECT COUNT(DISTINCT token_sha256) AS n FROM timestamps')).n;
      out({ ms: performance.now() - t0, capturedMs, stamped, tokens, pending: settled?.pending ?? null, outcomes: r.value.map((c) => c.page.outcome) });
    } else {
      const s = await CaptureSession.open(ws, { browserPath });
      if (!s.ok) throw new Error(JSON.stringify(s.error));
      const url = new URL(urls[0]);
      await s.value.capture(url);
      const ms = [];
      const steps = [];
      for (let i = 0; i < n; i++) {
        const t = performance.now();
        const c = await s.value.capture(url);
        ms.push(performance.now() - t);
        steps.push([...c.page.provenance.steps, { name: 'seal (hash, sign, store)', ms: c.sealMs }]);
      }
      await s.value.close();
      out({ ms, steps });
    }
  } finally {
    await stamper?.close();
    await ws.close();
    rmSync(dir, { recursive: true, force: true });
  }
} else {
  const t0 = performance.now();
  const browser = await chromium.launch({ executablePath: browserPath, args: chromiumArgs() });
  if (mode === 'batch') {
    let next = 0;
    await Promise.all(
      Array.from({ length: n }, async () => {
        while (next < urls.length) await bareCapture(browser, urls[next++]);
      }),
    );
    await browser.close();
    out({ ms: performance.now() - t0 });
  } else {
    await bareCapture(browser, urls[0]);
    const ms = [];
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      await bareCapture(browser, urls[0]);
      ms.push(performance.now() - t);
    }
    await browser.close();
    out({ ms });
  }
}
