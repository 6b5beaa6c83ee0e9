import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWorkspace } from '../../../electron/core/workspace/verify/verify-workspace.js';
import { captureEachThenPlain, expectEndedInTime, expectHealthyListing, provenance, type HostileRun } from '../../helpers/hostile-pages.js';

// Scripts that never yield: each page is followed, on the same service, by a plain page.
const PATHS = ['/loop-before-load', '/loop-after-load', '/svg-loop', '/meta-refresh'];

let run: HostileRun;

beforeAll(async () => {
  run = await captureEachThenPlain(PATHS);
}, 180_000);

afterAll(async () => {
  await run?.close();
});

describe('a page whose script never yields: the capture ends, is sealed with the reason, and the next one is whole', () => {
  it.each(['/loop-before-load', '/loop-after-load', '/svg-loop'])('%s', (path) => {
    const { hostile, next } = run.after.get(path)!;
    expect(hostile.page.outcome).toBe('partial');
    expect(hostile.page.partialReasons.length).toBeGreaterThan(0);
    expect(provenance(hostile).partialReasons).toEqual(hostile.page.partialReasons.map((reason) => expect.objectContaining({ reason }) as unknown));
    // What the network brought is kept, whatever the page did with it.
    expect(hostile.record.manifest.artifacts.map((a) => a.name)).toEqual(expect.arrayContaining(['network.har', 'page.warc.gz']));
    expectHealthyListing(next);
  });

  it('a script stopped so the page could be read says so', () => {
    for (const path of ['/loop-before-load', '/loop-after-load', '/svg-loop']) {
      const { hostile } = run.after.get(path)!;
      const p = provenance(hostile);
      // Either the runaway script was stopped and the page read, or the page was given up as not answering.
      expect(p.scriptsStopped === true || hostile.page.partialReasons.includes('unresponsive')).toBe(true);
    }
  });

  it('a meta-refresh loop ends, partial, and the next capture is whole', () => {
    const { hostile, next } = run.after.get('/meta-refresh')!;
    expect(hostile.page.outcome).toBe('partial');
    expect(provenance(hostile).redirectChain.length).toBeGreaterThan(1);
    expectHealthyListing(next);
  });

  it.each(PATHS)('%s ends within its deadline, not minutes later', (path) => expectEndedInTime(run, path));

  it('every attempt is sealed and the workspace verifies clean', async () => {
    const report = await verifyWorkspace(run.ws);
    expect(report.problems).toEqual([]);
    expect(report.counts.captures).toBe(PATHS.length * 2);
  });
});
