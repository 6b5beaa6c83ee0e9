import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { verifyWorkspace } from '../../../electron/core/workspace/verify/verify-workspace.js';
import { Workspace } from '../../../electron/core/workspace/workspace.js';
import { newWorkspace } from '../../helpers/workspace.js';
import { storeWork } from '../../helpers/worker.js';

const CAPTURES = 40; // × 5 artifacts = 200 artifacts
// Twelve kills land at enough different moments (the test asserts half land mid-batch);
// EXHIBIT_CRASH_RUNS=100 runs it harder.
const RUNS = Number(process.env.EXHIBIT_CRASH_RUNS ?? 12);

async function openClean(dir: string): Promise<Workspace> {
  const opened = await Workspace.open(dir);
  if (!opened.ok) throw new Error(`workspace did not open after the crash: ${opened.error.kind}`);
  return opened.value;
}

describe('crash safety', () => {
  it(`SIGKILL at random moments while storing 200 artifacts (${RUNS} runs) leaves a workspace that verifies clean, and the rerun completes without duplicates`, { timeout: 240_000 }, async () => {
    const killedMidway: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const ws = await newWorkspace();
      await ws.close();
      const work = storeWork(ws.dir, 0, CAPTURES - 1, 'crash');
      // Kill after a random number of captures have committed, a random few
      // milliseconds into the next one: inside an object write, a rename, a
      // signature or the transaction.
      const killAfter = Math.floor(Math.random() * (CAPTURES - 1));
      const extra = Math.random() * 25;
      const exited = work.done.then(() => true);
      while (work.stored.length < killAfter && !(await Promise.race([exited, new Promise((r) => setTimeout(() => r(false), 2))]))) {
        // waiting for the worker to report its progress
      }
      await new Promise((r) => setTimeout(r, extra));
      work.child.kill('SIGKILL');
      await work.done;
      const context = `run ${run}, killed ${extra.toFixed(0)} ms after capture ${killAfter} with ${work.stored.length} captures reported stored`;
      if (work.stored.length > 0 && work.stored.length < CAPTURES) killedMidway.push(run);

      const after = await openClean(ws.dir);
      const report = await verifyWorkspace(after);
      expect(report.problems, context).toEqual([]);
      // Everything the worker was told is stored is there.
      expect(report.counts.captures, context).toBeGreaterThanOrEqual(work.stored.length);
      await after.close();

      const rerun = storeWork(ws.dir, 0, CAPTURES - 1, 'crash');
      expect((await rerun.done).code, context).toBe(0);
      const done = await openClean(ws.dir);
      const final = await verifyWorkspace(done);
      expect(final.problems, context).toEqual([]);
      const counts = await done.db.get<{ captures: number; urls: number; artifacts: number }>(
        'SELECT (SELECT count(*) FROM captures) AS captures, (SELECT count(DISTINCT requested_url) FROM captures) AS urls, (SELECT count(*) FROM artifacts) AS artifacts',
      );
      expect(counts, context).toEqual({ captures: CAPTURES, urls: CAPTURES, artifacts: CAPTURES * 5 });
      // No temporary file of the killed writer survives reopening.
      expect(readdirSync(done.layout.tmp), context).toEqual([]);
      await done.close();
    }
    // The kills must have landed in the middle of the work, not only before or after it.
    expect(killedMidway.length).toBeGreaterThanOrEqual(RUNS / 2);
  });
});
