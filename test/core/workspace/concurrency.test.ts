import { describe, expect, it } from 'vitest';
import { readCustodyLog } from '../../../electron/core/workspace/custody.js';
import { verifyWorkspace } from '../../../electron/core/workspace/verify/verify-workspace.js';
import { newWorkspace, reopen } from '../../helpers/workspace.js';
import { storeWork } from '../../helpers/worker.js';

describe('two processes writing to one workspace', () => {
  it('lose nothing: every capture of both is stored, and the custody chain is whole', async () => {
    const ws = await newWorkspace();
    await ws.close();
    const a = storeWork(ws.dir, 0, 29, 'alpha');
    const b = storeWork(ws.dir, 0, 29, 'beta');
    const [ra, rb] = await Promise.all([a.done, b.done]);
    expect(ra.code).toBe(0);
    expect(rb.code).toBe(0);

    const after = await reopen(ws);
    const report = await verifyWorkspace(after);
    expect(report.problems).toEqual([]);
    expect(report.counts.captures).toBe(60);
    expect(report.counts.artifacts).toBe(300);
    const stored = (await readCustodyLog(after.db)).filter((e) => e.action === 'capture.stored');
    expect(stored).toHaveLength(60);
    // The two writers really interleaved: neither held the workspace for the whole run.
    const order = stored.map((e) => (JSON.parse(e.details) as { requestedUrl: string }).requestedUrl.includes('/alpha/') ? 'a' : 'b').join('');
    expect(order).toMatch(/ab.*ba|ba.*ab/);
    await after.close();
  });
});
