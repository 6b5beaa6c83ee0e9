import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBatch, type BatchLine, type BatchProgress } from '../../../electron/core/capture/batch-run.js';
import { verifyWorkspace } from '../../../electron/core/workspace/verify/verify-workspace.js';
import type { Workspace } from '../../../electron/core/workspace/workspace.js';
import { startFixtureServer, type FixtureServer } from '../../helpers/fixture-server.js';
import { newWorkspace } from '../../helpers/workspace.js';

let server: FixtureServer;
let ws: Workspace;

beforeAll(async () => {
  server = await startFixtureServer();
  ws = await newWorkspace(undefined, 'suite');
});
afterAll(async () => {
  await ws?.close();
  await server?.close();
});

const stored = (l: BatchLine | undefined) => (l?.state === 'stored' ? l : null);

describe('batch capture', () => {
  it('captures pages two at a time and says on each line what became of it: a refused address and a server that is not there are not "captured"', async () => {
    const seen: BatchProgress[] = [];
    const closed = await startFixtureServer({});
    const nobody = closed.url('/item/1');
    await closed.close();
    const urls = [server.url('/listing'), nobody, 'ftp://files.example/x', server.url('/r1')];
    const r = await runBatch(ws, urls, { concurrency: 2 }, new AbortController().signal, (p) => seen.push(p));
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const [listing, refusedServer, refusedUrl, redirected] = r.value.lines;
    expect(r.value.concurrency).toBe(2);
    expect(stored(listing)).toMatchObject({ outcome: 'complete', httpStatus: 200 });
    expect(stored(refusedServer)).toMatchObject({ outcome: 'connection-refused', httpStatus: null });
    expect(refusedUrl).toMatchObject({ state: 'refused', message: expect.stringContaining('ftp://files.example/x') as unknown });
    expect(stored(redirected)?.outcome).toBe('complete');
    // Two pages were under way at once at some point.
    expect(Math.max(...seen.map((p) => p.lines.filter((l) => l.state === 'capturing').length))).toBe(2);
    expect((await verifyWorkspace(ws)).ok).toBe(true);
  }, 120_000);

  it('stops within seconds when cancelled during a slow page: the page under way is sealed as cancelled, the rest not started', async () => {
    const controller = new AbortController();
    let cancelledAt = 0;
    const run = runBatch(ws, [server.url('/hang'), server.url('/listing')], { concurrency: 1 }, controller.signal, (p) => {
      if (p.lines[0]?.state === 'capturing' && !cancelledAt) {
        // Well into the load, which on its own would wait 30 s for a load event that never comes.
        setTimeout(() => {
          cancelledAt = Date.now();
          controller.abort();
        }, 2000);
      }
    });
    const r = await run;
    const took = Date.now() - cancelledAt;
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(cancelledAt).toBeGreaterThan(0);
    expect(took).toBeLessThan(8000);
    const [slow, next] = r.value.lines;
    expect(stored(slow)).toMatchObject({ outcome: 'partial', partialReasons: ['cancelled'] });
    expect(next).toEqual({ url: server.url('/listing'), state: 'skipped' });
    const row = await ws.db.get<{ outcome: string }>('SELECT outcome FROM captures WHERE id = ?', [stored(slow)!.captureId]);
    expect(row?.outcome).toBe('partial');
    expect((await verifyWorkspace(ws)).ok).toBe(true);
  }, 120_000);
});
