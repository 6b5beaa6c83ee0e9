// Runs one step of the re-capture benchmark in its own process (so its
// memory, Chromium included, can be sampled) and prints JSON.
//   node recapture-runner.mjs seed WORKSPACE BROWSER CONCURRENCY CASE URL...
//     first captures of the pages, filed under case CASE
//   node recapture-runner.mjs due WORKSPACE BROWSER CONCURRENCY CASE...
//     watch each case, make every rule due, and run `recapture --due`
import { captureUrls } from '../../dist/electron/core/capture/capture-service.js';
import { findCase } from '../../dist/electron/core/catalogue/cases.js';
import { runRecapture } from '../../dist/electron/core/watch/recapture-run.js';
import { addWatch } from '../../dist/electron/core/watch/rules.js';
import { Workspace } from '../../dist/electron/core/workspace/workspace.js';

const [mode, dir, browserPath, concurrency, ...rest] = process.argv.slice(2);
const opened = await Workspace.open(dir);
if (!opened.ok) throw new Error(JSON.stringify(opened.error));
const ws = opened.value;
try {
  const t0 = performance.now();
  if (mode === 'seed') {
    const [caseRef, ...urls] = rest;
    const r = await captureUrls(ws, { urls, caseRef, concurrency: Number(concurrency), browserPath });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    process.stdout.write(JSON.stringify({ ms: performance.now() - t0, filed: r.value.filter((c) => c.record.filing.listingId !== null).length }));
  } else {
    for (const name of rest) {
      const c = await findCase(ws.db, name);
      await addWatch(ws.db, { kind: 'case', targetId: c.id, intervalSeconds: 86_400 });
    }
    // A benchmark's shortcut: every rule due now, as if its day had passed.
    await ws.db.transaction((tx) => tx.run('UPDATE watch_rules SET next_due_at = ?', [new Date(0).toISOString()]));
    const t1 = performance.now();
    const r = await runRecapture(ws, { mode: 'due', trigger: 'bench', concurrency: Number(concurrency), browserPath });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    process.stdout.write(JSON.stringify({ ms: performance.now() - t1, jobs: r.value.jobs, counts: r.value.counts, failed: r.value.failed, diffs: r.value.results.map((x) => x.screenshotDiff) }));
  }
} finally {
  await ws.close();
}
