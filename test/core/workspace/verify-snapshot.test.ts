import { describe, expect, it } from 'vitest';
import { readCustodyLog } from '../../../electron/core/workspace/custody.js';
import { verifyWorkspace } from '../../../electron/core/workspace/verify/verify-workspace.js';
import { Workspace } from '../../../electron/core/workspace/workspace.js';
import { exhibit } from '../../helpers/cli.js';
import { storeWork } from '../../helpers/worker.js';
import { newWorkspace } from '../../helpers/workspace.js';

const BATCH = 40;
const RUNS = 16;

describe('verification beside a capture batch being stored', () => {
  it('reads one snapshot: never a false alarm, and never an ok:false run in the custody log', async () => {
    const made = await newWorkspace();
    await made.close();
    // Another process stores a batch of captures through the real recordCapture path.
    const writer = storeWork(made.dir, 0, BATCH - 1, 'batch');
    let writing = true;
    const finished = writer.done.finally(() => (writing = false));
    const opened = await Workspace.open(made.dir);
    if (!opened.ok) throw new Error(opened.error.kind);
    const ws = opened.value;
    const seen: number[] = [];
    const alarms: string[] = [];
    try {
      for (let run = 0; run < RUNS || writing; run++) {
        if (run % 4 === 3) {
          // The command itself, which logs its run.
          const r = await exhibit(['verify', '--workspace', ws.dir, '--json']);
          const report = JSON.parse(r.stdout) as { ok: boolean; problems: { where: string; message: string }[]; counts: { captures: number } };
          if (r.code !== 0) alarms.push(`exit ${r.code}: ${JSON.stringify(report.problems)}`);
          seen.push(report.counts.captures);
          continue;
        }
        const report = await verifyWorkspace(ws);
        for (const p of report.problems) alarms.push(`${p.where}: ${p.message}`);
        seen.push(report.counts.captures);
        await ws.logEvent({ action: 'verification.run', subject: null, details: { ok: report.ok, problems: report.problems.length } });
      }
      expect((await finished).code).toBe(0);
      expect(alarms).toEqual([]);
      // Some runs really saw the batch half stored.
      expect(seen.some((n) => n > 0 && n < BATCH)).toBe(true);
      const runs = (await readCustodyLog(ws.db)).filter((e) => e.action === 'verification.run').map((e) => JSON.parse(e.details) as { ok: boolean });
      expect(runs.length).toBeGreaterThanOrEqual(RUNS);
      expect(runs.filter((r) => !r.ok)).toEqual([]);
      // A run made after the writer finished sees the whole batch (the loop's
      // last run may have begun just before the writer's last commit).
      const last = await verifyWorkspace(ws);
      expect(last.problems).toEqual([]);
      expect(last.counts.captures).toBe(BATCH);
    } finally {
      writer.child.kill();
      await ws.close();
    }
  }, 120_000);
});
