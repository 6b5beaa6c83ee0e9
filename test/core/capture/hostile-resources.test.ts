import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifact } from '../../helpers/capture.js';
import { verifyWorkspace } from '../../../electron/core/workspace/verify/verify-workspace.js';
import { BIG_BLOB_BYTES, BOMB_BYTES, captureEachThenPlain, expectEndedInTime, expectHealthyListing, provenance, type HostileRun } from '../../helpers/hostile-pages.js';

// Pages that eat memory or nest without end: each is followed, on the same service, by a plain page.
const PATHS = ['/memory-hog', '/gzip-bomb', '/deep-dom', '/big-resource'];

let run: HostileRun;
let peakRss = 0;

beforeAll(async () => {
  const sample = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  // A small heap per tab, as a test: the hog reaches it in a second instead of the default 2 GB.
  run = await captureEachThenPlain(PATHS, { rendererHeapMb: 256 }).finally(() => clearInterval(sample));
}, 180_000);

afterAll(async () => {
  await run?.close();
});

describe('a page that eats memory: the capture ends, is sealed with the reason, and the next one is whole', () => {
  it('a memory hog crashes its own tab, not the capture', () => {
    const { hostile, next } = run.after.get('/memory-hog')!;
    expect(hostile.page.outcome).toBe('partial');
    expect(hostile.page.partialReasons).toContain('renderer-crashed');
    expect(hostile.record.manifest.artifacts.map((a) => a.name)).toEqual(expect.arrayContaining(['network.har', 'page.warc.gz']));
    expectHealthyListing(next);
  });

  it('a gzip bomb: its body is over the limit, noted and not kept, and this process never held it', () => {
    const { hostile, next } = run.after.get('/gzip-bomb')!;
    expect(['partial', 'complete']).toContain(hostile.page.outcome);
    const kept = hostile.record.manifest.artifacts.reduce((n, a) => n + a.bytes, 0);
    expect(kept).toBeLessThan(BOMB_BYTES / 4);
    expect(hostile.record.manifest.artifacts.map((a) => a.kind)).not.toContain('document-body');
    expect(provenance(hostile).mainDocument.bodyNote).toMatch(/not kept|not available/);
    // The test process (which runs the capture) stayed far below the decoded size of the bomb.
    expect(peakRss).toBeLessThan(BOMB_BYTES * 8);
    expectHealthyListing(next);
  });

  it('a 100,000-deep DOM built by script ends, sealed', () => {
    const { hostile, next } = run.after.get('/deep-dom')!;
    expect(['partial', 'complete']).toContain(hostile.page.outcome);
    if (hostile.page.outcome === 'partial') expect(hostile.page.partialReasons.length).toBeGreaterThan(0);
    expect(hostile.record.manifest.artifacts.map((a) => a.name)).toContain('network.har');
    expectHealthyListing(next);
  });

  it('a resource over the limit sent without Content-Length: noted, not kept, and this process never held it', async () => {
    const { hostile, next } = run.after.get('/big-resource')!;
    expect(hostile.page.outcome).toBe('partial');
    expect(hostile.page.partialReasons).toContain('too-large');
    const kept = hostile.record.manifest.artifacts.reduce((n, a) => n + a.bytes, 0);
    expect(kept).toBeLessThan(BIG_BLOB_BYTES / 4);
    const har = JSON.parse((await artifact(run.ws, hostile, 'network.har')).toString('utf8')) as {
      log: { entries: { request: { url: string }; response: { bodySize: number }; _bodyNote?: string }[] };
    };
    const blob = har.log.entries.find((e) => e.request.url.endsWith('/big-blob'))!;
    expect(blob.response.bodySize).toBeGreaterThanOrEqual(BIG_BLOB_BYTES);
    expect(blob._bodyNote).toMatch(/^not kept: \d+ bytes is over the 67108864-byte limit/);
    expect(peakRss).toBeLessThan(BIG_BLOB_BYTES * 8);
    expectHealthyListing(next);
  });

  it.each(PATHS)('%s ends within its deadline, not minutes later', (path) => expectEndedInTime(run, path));

  it('every attempt is sealed and the workspace verifies clean', async () => {
    const report = await verifyWorkspace(run.ws);
    expect(report.problems).toEqual([]);
    expect(report.counts.captures).toBe(PATHS.length * 2);
  });
});
