import type { ServerResponse } from 'node:http';
import { expect } from 'vitest';
import type { CaptureBounds } from '../../electron/core/capture/capture-page.js';
import type { StoredCapture } from '../../electron/core/capture/capture-service.js';
import { BOMB_BYTES, gzipBomb, ROUTES, type Handler } from './fixture-server.js';

const html = (res: ServerResponse, body: string) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(body);
};

export { BOMB_BYTES };

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
