import type { ServerResponse } from 'node:http';
import { expect } from 'vitest';
import type { CaptureBounds } from '../../electron/core/capture/capture-page.js';
import { captureUrls, type CaptureRequest, type StoredCapture } from '../../electron/core/capture/capture-service.js';
import type { Workspace } from '../../electron/core/workspace/workspace.js';
import { BOMB_BYTES, gzipBomb, ROUTES, startFixtureServer, streamBytes, type FixtureServer, type Handler } from './fixture-server.js';
import { newWorkspace } from './workspace.js';

const html = (res: ServerResponse, body: string) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(body);
};

export { BOMB_BYTES };

/** A resource over the 64 MB a body may take, sent without a length. */
export const BIG_BLOB_BYTES = 80 * 1024 * 1024;

/** Pages that try to keep a capture from ever ending, and the listing each is followed by. */
export const HOSTILE_ROUTES: Record<string, Handler> = {
  ...ROUTES,
  '/loop-before-load': (_q, res) => html(res, '<!DOCTYPE html><title>Loop before load</title><h1>Spinning before load</h1><script>for (;;) {}</script><p>never parsed</p>'),
  '/loop-after-load': (_q, res) =>
    html(res, '<!DOCTYPE html><title>Loop after load</title><h1>Spinning after load</h1><script>addEventListener("load", () => setTimeout(() => { for (;;) {} }, 50));</script>'),
  '/svg-loop': (_q, res) => {
    res.writeHead(200, { 'content-type': 'image/svg+xml' });
    res.end('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><text x="10" y="50">svg</text><script>for (;;) {}</script></svg>');
  },
  '/memory-hog': (_q, res) =>
    html(res, '<!DOCTYPE html><title>Memory hog</title><h1>Eating memory</h1><script>const kept = []; setTimeout(() => { for (;;) kept.push(new Array(1e6).fill(kept.length)); }, 50);</script>'),
  '/gzip-bomb': gzipBomb('text/html'),
  '/deep-dom': (_q, res) =>
    html(res, '<!DOCTYPE html><title>Deep DOM</title><h1>Deep</h1><script>let n = document.body; for (let i = 0; i < 100000; i++) { const d = document.createElement("div"); n.appendChild(d); n = d; } n.textContent = "bottom";</script>'),
  '/meta-refresh': (_q, res) => html(res, '<!DOCTYPE html><meta http-equiv="refresh" content="0"><title>Refresh</title><h1>Again and again</h1>'),
  // Fetched whole by script (an <img> would be cancelled by the browser once it fails to decode).
  '/big-resource': (_q, res) =>
    html(res, '<!DOCTYPE html><title>Big resource</title><h1>80 MB of data</h1><script>fetch("/big-blob").then((r) => r.arrayBuffer()).then((b) => (document.title = "Read " + b.byteLength));</script>'),
  '/big-blob': (_q, res) => {
    // Sent in chunks with no Content-Length and no compression: its size is known only as it arrives.
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    streamBytes(res, BIG_BLOB_BYTES, 0x41);
  },
  '/plain': (_q, res) => html(res, '<!DOCTYPE html><title>Plain listing</title><h1>Plain listing</h1><p>Price: US $12.00</p>'),
  '/empty': (_q, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end();
  },
};

/** Short bounds: a hostile page is given seconds, not the minutes of real use. */
export const SHORT_BOUNDS: Partial<CaptureBounds> = { navigationMs: 8000, loadMs: 2000, settleMs: 2000, stepMs: 4000, captureMs: 10_000, closeMs: 4000 };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const provenance = (c: StoredCapture) => c.record.manifest.provenance as Record<string, any>;

/** The capture that followed a hostile page, on the same service: a whole one. */
export function expectHealthyListing(c: StoredCapture): void {
  expect(c.page.outcome).toBe('complete');
  expect(c.page.requestedUrl).toMatch(/\/plain$/);
  expect(c.record.manifest.artifacts.map((a) => a.name)).toEqual(expect.arrayContaining(['screenshot-full.png', 'dom.html', 'page.mhtml']));
}

/**
 * The hostile capture ended within its deadline (the page's capture, its tab
 * closed, and a browser made healthy again), not minutes later: the next page
 * started within the bounds plus a margin for a loaded machine.
 */
export function expectEndedInTime(run: HostileRun, path: string): void {
  const { hostile, next } = run.after.get(path)!;
  const tookMs = Date.parse(next.page.startedAt) - Date.parse(hostile.page.startedAt);
  expect(tookMs).toBeLessThan(SHORT_BOUNDS.captureMs! + 2 * SHORT_BOUNDS.closeMs! + 20_000);
}

export interface HostileRun {
  server: FixtureServer;
  ws: Workspace;
  /** each hostile page's capture, and the plain page captured after it on the same service */
  after: Map<string, { hostile: StoredCapture; next: StoredCapture }>;
  close(): Promise<void>;
}

/** Captures each hostile page followed by a plain one, in one batch on one service, with short bounds. */
export async function captureEachThenPlain(paths: readonly string[], extra: Partial<CaptureRequest> = {}): Promise<HostileRun> {
  const server = await startFixtureServer(HOSTILE_ROUTES);
  const ws = await newWorkspace(undefined, 'suite');
  const r = await captureUrls(ws, { urls: paths.flatMap((p) => [server.url(p), server.url('/plain')]), bounds: SHORT_BOUNDS, ...extra });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  const after = new Map(paths.map((p, i) => [p, { hostile: r.value[2 * i]!, next: r.value[2 * i + 1]! }] as const));
  return { server, ws, after, close: async () => (await ws.close(), await server.close()) };
}
