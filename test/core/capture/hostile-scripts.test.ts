import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureUrls, type StoredCapture } from '../../../electron/core/capture/capture-service.js';
import { verifyWorkspace } from '../../../electron/core/workspace/verify/verify-workspace.js';
import type { Workspace } from '../../../electron/core/workspace/workspace.js';
import { startFixtureServer, type FixtureServer } from '../../helpers/fixture-server.js';
import { expectHealthyListing, HOSTILE_ROUTES, provenance, SHORT_BOUNDS } from '../../helpers/hostile-pages.js';
import { newWorkspace } from '../../helpers/workspace.js';

// Scripts that never yield: each page is followed, on the same service, by a plain page.
const PATHS = ['/loop-before-load', '/loop-after-load', '/svg-loop', '/meta-refresh'];

let server: FixtureServer;
let ws: Workspace;
const after = new Map<string, { hostile: StoredCapture; next: StoredCapture }>();

beforeAll(async () => {
  server = await startFixtureServer(HOSTILE_ROUTES);
  ws = await newWorkspace(undefined, 'suite');
  const urls = PATHS.flatMap((p) => [server.url(p), server.url('/plain')]);
  const r = await captureUrls(ws, { urls, bounds: SHORT_BOUNDS });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  PATHS.forEach((p, i) => after.set(p, { hostile: r.value[2 * i]!, next: r.value[2 * i + 1]! }));
}, 180_000);

afterAll(async () => {
  await ws?.close();
  await server?.close();
});

describe('a page whose script never yields: the capture ends, is sealed with the reason, and the next one is whole', () => {
  it.each(['/loop-before-load', '/loop-after-load', '/svg-loop'])('%s', (path) => {
    const { hostile, next } = after.get(path)!;
    expect(hostile.page.outcome).toBe('partial');
    expect(hostile.page.partialReasons.length).toBeGreaterThan(0);
    expect(provenance(hostile).partialReasons).toEqual(hostile.page.partialReasons.map((reason) => expect.objectContaining({ reason }) as unknown));
    // What the network brought is kept, whatever the page did with it.
    expect(hostile.record.manifest.artifacts.map((a) => a.name)).toEqual(expect.arrayContaining(['network.har', 'page.warc.gz']));
    expectHealthyListing(next);
  });

  it('a script stopped so the page could be read says so', () => {
    for (const path of ['/loop-before-load', '/loop-after-load', '/svg-loop']) {
      const { hostile } = after.get(path)!;
      const p = provenance(hostile);
      // Either the runaway script was stopped and the page read, or the page was given up as not answering.
      expect(p.scriptsStopped === true || hostile.page.partialReasons.includes('unresponsive')).toBe(true);
    }
  });

  it('a meta-refresh loop ends, partial, and the next capture is whole', () => {
    const { hostile, next } = after.get('/meta-refresh')!;
    expect(hostile.page.outcome).toBe('partial');
    expect(provenance(hostile).redirectChain.length).toBeGreaterThan(1);
    expectHealthyListing(next);
  });

  it('every attempt is sealed and the workspace verifies clean', async () => {
    const report = await verifyWorkspace(ws);
    expect(report.problems).toEqual([]);
    expect(report.counts.captures).toBe(PATHS.length * 2);
  });
});
