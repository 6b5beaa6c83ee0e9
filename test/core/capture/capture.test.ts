import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WARCParser } from 'warcio';
import { captureUrls, type StoredCapture } from '../../../electron/core/capture/capture-service.js';
import { verifyWorkspace } from '../../../electron/core/workspace/verify/verify-workspace.js';
import type { Workspace } from '../../../electron/core/workspace/workspace.js';
import { artifact, names } from '../../helpers/capture.js';
import { LISTING_HTML, pngSize, startFixtureServer, type FixtureServer } from '../../helpers/fixture-server.js';
import { newWorkspace } from '../../helpers/workspace.js';

let server: FixtureServer;
let ws: Workspace;
let listing: StoredCapture;
let redirected: StoredCapture;

beforeAll(async () => {
  server = await startFixtureServer();
  ws = await newWorkspace(undefined, 'suite');
  const r = await captureUrls(ws, { urls: [server.url('/listing'), server.url('/r1')], concurrency: 2, proxy: undefined, note: 'test capture' });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  [listing, redirected] = r.value as [StoredCapture, StoredCapture];
}, 120_000);

afterAll(async () => {
  await ws?.close();
  await server?.close();
});

describe('a listing page becomes hashed, signed evidence', () => {
  it('is complete, with every artifact the issue lists', () => {
    expect(listing.page.outcome).toBe('complete');
    expect(listing.page.httpStatus).toBe(200);
    expect(names(listing).sort()).toEqual(
      ['dom.html', 'extracted.json', 'network.har', 'page.mhtml', 'page.warc.gz', 'response-body.html', 'screenshot-full.png', 'screenshot-viewport.png', 'text.txt'].sort(),
    );
  });

  it('screenshots the whole page after lazy content loaded, and the viewport as seen', async () => {
    const full = pngSize(await artifact(ws, listing, 'screenshot-full.png'));
    const viewport = pngSize(await artifact(ws, listing, 'screenshot-viewport.png'));
    expect(viewport).toEqual({ width: 1366, height: 900 });
    expect(full.width).toBe(1366);
    expect(full.height).toBeGreaterThan(2600); // the 2,400 px spacer, the header and the lazy part
    const dom = (await artifact(ws, listing, 'dom.html')).toString();
    expect(dom).toContain('Loaded lazily: 4.8 stars from 1,204 reviews');
    expect(dom.startsWith('<!DOCTYPE html>')).toBe(true);
    expect((await artifact(ws, listing, 'text.txt')).toString()).toContain('Genuine Leather Handbag – Luxe Brand');
  });

  it('keeps the main document exactly as the server sent it', async () => {
    expect((await artifact(ws, listing, 'response-body.html')).toString()).toBe(LISTING_HTML);
  });

  it('archives the page as MHTML that holds its text and images', async () => {
    const mhtml = (await artifact(ws, listing, 'page.mhtml')).toString();
    expect(mhtml).toMatch(/^From: <Saved by Blink>/m);
    expect(mhtml).toContain('Content-Type: image/png');
    expect(mhtml).toContain(server.url('/img/hero.png'));
  });

  it('records every request in HAR 1.2 with server address, port and timings', async () => {
    const har = JSON.parse((await artifact(ws, listing, 'network.har')).toString()) as { log: { version: string; browser: { name: string; version: string }; entries: { request: { url: string; method: string }; response: { status: number; headers: { name: string; value: string }[] }; serverIPAddress?: string; _remotePort?: number; timings: Record<string, number> }[] } };
    expect(har.log.version).toBe('1.2');
    expect(har.log.browser).toEqual({ name: expect.stringMatching(/Chrome/) as unknown, version: expect.stringMatching(/^\d+\.\d+/) as unknown });
    const urls = har.log.entries.map((e) => e.request.url);
    for (const path of ['/listing', '/img/hero.png', '/api/reviews', '/img/lazy.png']) expect(urls).toContain(server.url(path));
    const main = har.log.entries.find((e) => e.request.url === server.url('/listing'))!;
    expect(main.response.status).toBe(200);
    expect(main.serverIPAddress).toBe('127.0.0.1');
    expect(main._remotePort).toBe(server.port);
    expect(main.response.headers).toContainEqual({ name: 'x-fixture', value: 'listing' });
    expect(main.timings.wait).toBeGreaterThanOrEqual(0);
  });

  it('writes a WARC 1.1 of every request and response, with the server IP of each', async () => {
    const warc = await artifact(ws, listing, 'page.warc.gz');
    const records: { type: string | null; url: string | null; ip: string | null; version: string; body: string }[] = [];
    for await (const record of new WARCParser([warc])) {
      const body = Buffer.from(await record.readFully(true)).toString('utf8');
      records.push({ type: record.warcType ?? null, url: record.warcTargetURI ?? null, ip: record.warcHeaders.headers.get("WARC-IP-Address") ?? null, version: record.warcHeaders.protocol ?? "", body });
    }
    expect(records[0]!.type).toBe('warcinfo');
    expect(records.every((r) => r.version === 'WARC/1.1')).toBe(true);
    const main = records.find((r) => r.type === 'response' && r.url === server.url('/listing'))!;
    expect(main.ip).toBe('127.0.0.1');
    expect(main.body).toBe(LISTING_HTML);
    expect(records.filter((r) => r.type === 'request').map((r) => r.url)).toContain(server.url('/api/reviews'));
  });

  it('records the environment, the steps and the note in the signed manifest', () => {
    const p = listing.record.manifest.provenance as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(p.environment.browser.product).toMatch(/Chrome\/\d+/);
    expect(p.environment.browser.userAgent).toMatch(/Mozilla\/5\.0/);
    expect(p.environment.viewport).toEqual({ width: 1366, height: 900, deviceScaleFactor: 1 });
    expect(p.environment.profile.kind).toBe('clean');
    expect(p.environment.network.proxy).toBeNull();
    expect(p.environment.investigator.name).toBe('Jane Roe');
    expect(p.environment.started.utc).toBe(listing.page.startedAt);
    expect(p.environment.started.local).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/);
    expect(p.environment.os.platform).toBe(process.platform);
    expect(typeof p.environment.hostname).toBe('string');
    expect(p.steps.map((s: { name: string }) => s.name)).toEqual(['prepare', 'load', 'settle', 'screenshot-viewport', 'screenshot-full', 'page-content', 'mhtml', 'response-bodies', 'warc']);
    expect(p.note).toBe('test capture');
    expect(p.mainDocument.serverIp).toBe('127.0.0.1');
  });

  it('follows redirects and records the chain from requested to final URL', () => {
    expect(redirected.page.outcome).toBe('complete');
    expect(redirected.page.requestedUrl).toBe(server.url('/r1'));
    expect(redirected.page.finalUrl).toBe(server.url('/listing'));
    const chain = (redirected.record.manifest.provenance as { redirectChain: { url: string; status: number }[] }).redirectChain;
    expect(chain.map((h) => [h.url, h.status])).toEqual([
      [server.url('/r1'), 301],
      [server.url('/r2'), 302],
      [server.url('/listing'), 200],
    ]);
  });

  it('stores what it signed: the workspace verifies clean', async () => {
    const report = await verifyWorkspace(ws);
    expect(report.problems).toEqual([]);
    expect(report.counts.captures).toBe(2);
  });
});
