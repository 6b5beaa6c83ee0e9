import { request } from 'node:http';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureUrls } from '../../electron/core/capture/capture-service.js';
import { VIEW_CSP } from '../../electron/core/api/artifact-responses.js';
import { viewTileCache } from '../../electron/core/api/viewer-handlers.js';
import { startServe, type Served } from '../../electron/serve/http-transport.js';
import type { Workspace } from '../../electron/core/workspace/workspace.js';
import { seedCapture } from '../helpers/dossier.js';
import { sha256 } from '../helpers/capture.js';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { newWorkspace } from '../helpers/workspace.js';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function get(path: string, headers: Record<string, string> = {}): Promise<Reply> {
  const { port } = new URL(served.origin);
  return new Promise((res, rej) => {
    const req = request({ host: '127.0.0.1', port, method: 'GET', path, headers: { host: `127.0.0.1:${port}`, 'x-exhibit-token': served.token, ...headers } }, (r) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => res({ status: r.statusCode ?? 0, headers: r.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', rej);
    req.end();
  });
}

async function api<T>(op: string, args: unknown): Promise<T> {
  const r = await fetch(`${served.origin}/api/${op}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-exhibit-token': served.token }, body: JSON.stringify(args) });
  return ((await r.json()) as { value: T }).value;
}

/** The seeded screenshot's colour at a page row: bands of 100 px, each its own colour (test/helpers/dossier.ts). */
const bandColour = (y: number) => {
  const band = Math.floor(y / 100);
  return [(band * 37) % 256, (band * 91) % 256, 230];
};

async function pixel(png: Buffer, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * info.channels;
  return [data[at]!, data[at + 1]!, data[at + 2]!];
}

let ws: Workspace;
let served: Served;
let site: FixtureServer;
let tall: string;

beforeAll(async () => {
  ws = await newWorkspace(undefined, 'suite');
  tall = (await seedCapture(ws, { sellerId: 'tallshop', listingId: '7', title: 'Tall page', height: 20_000 })).id;
  served = await startServe(ws, { rendererDir: join(ws.dir, 'no-ui') });
  site = await startFixtureServer();
}, 60_000);
afterAll(async () => {
  await served?.close();
  await ws?.close();
  await site?.close();
});

describe('the evidence viewer’s files over exhibit serve', () => {
  it('lays a tall screenshot out as its stored strips, and serves tiles cut from them at each zoom level, cached', async () => {
    const layout = await api<{ width: number; height: number; strips: { name: string; y: number; height: number }[] }>('captures.screenshot', { id: tall });
    expect(layout).toEqual({
      width: 1366,
      height: 20_000,
      strips: [
        { name: 'screenshot-full-001.png', y: 0, width: 1366, height: 8000 },
        { name: 'screenshot-full-002.png', y: 8000, width: 1366, height: 8000 },
        { name: 'screenshot-full-003.png', y: 16_000, width: 1366, height: 4000 },
      ],
    });
    // Level 0: 512 px of the page, pixel for pixel. Column 1, row 1 of the second strip starts at page y 8,512.
    const t = await get(`/tile/${tall}/screenshot-full-002.png/0/1/1`);
    expect(t.status).toBe(200);
    expect(t.headers['content-type']).toBe('image/png');
    expect(t.headers['content-security-policy']).toBe('sandbox');
    expect(await sharp(t.body).metadata()).toMatchObject({ width: 512, height: 512 });
    expect(await pixel(t.body, 10, 0)).toEqual(bandColour(8512));
    expect(await pixel(t.body, 10, 150)).toEqual(bandColour(8662));
    // The last column is what is left of the width; the last row of the last strip what is left of its height.
    expect(await sharp((await get(`/tile/${tall}/screenshot-full-003.png/0/2/7`)).body).metadata()).toMatchObject({ width: 1366 - 1024, height: 4000 - 7 * 512 });
    // Level 4: 1/16, a 8,192 px square of the page in one tile: the whole strip, 86 × 500 px.
    const small = await get(`/tile/${tall}/screenshot-full-001.png/4/0/0`);
    expect(await sharp(small.body).metadata()).toMatchObject({ width: 86, height: 500 });
    expect(await pixel(small.body, 40, 253)).toEqual(bandColour(4050));
    const strip = await ws.db.get<{ sha256: string }>("SELECT sha256 FROM artifacts WHERE capture_id = ? AND name = 'screenshot-full-001.png'", [tall]);
    expect(existsSync(join(viewTileCache(ws), strip!.sha256, '4', '0-0.png'))).toBe(true);
    // Asked again, the same bytes, from the cache.
    expect((await get(`/tile/${tall}/screenshot-full-001.png/4/0/0`)).body.equals(small.body)).toBe(true);
  }, 60_000);

  it('serves tiles only of a screenshot of that capture, at a real address, with the token', async () => {
    for (const path of [
      `/tile/${tall}/dom.html/0/0/0`,
      `/tile/${tall}/..%2F..%2Fkeys%2Fsigning-key.pem/0/0/0`,
      `/tile/..%2F..%2Fexhibit.sqlite/screenshot-full-001.png/0/0/0`,
      `/tile/${tall}/screenshot-full-001.png/9/0/0`,
      `/tile/${tall}/screenshot-full-001.png/0/3/0`,
      `/tile/${tall}/screenshot-full-001.png/0/0/16`,
      `/tile/${tall}/screenshot-full-001.png/0/-1/0`,
      `/tile/${tall}/screenshot-full-001.png/0/0x1/0`,
      `/tile/${tall}/screenshot-full-001.png/0/0`,
    ]) {
      expect((await get(path)).status, path).toBe(404);
    }
    expect((await get(`/tile/${tall}/screenshot-full-001.png/0/0/0`, { 'x-exhibit-token': 'wrong' })).status).toBe(401);
  });

  it('downloads every artifact under the capture’s name, with its own media type, as an attachment', async () => {
    const view = await api<{ manifest: { artifacts: { name: string; sha256: string; mediaType: string }[] } }>('captures.get', { id: tall });
    for (const a of view.manifest.artifacts) {
      const r = await get(`/artifact/${tall}/${a.name}?download`);
      expect(r.status, a.name).toBe(200);
      expect(r.headers['content-type'], a.name).toBe(a.mediaType);
      expect(r.headers['content-disposition'], a.name).toBe(`attachment; filename="${tall}-${a.name}"`);
      expect(r.headers['content-security-policy'], a.name).toBe('sandbox');
      expect(sha256(r.body), a.name).toBe(a.sha256);
    }
    // Without ?download an image is shown inline, anything else still downloads.
    expect((await get(`/artifact/${tall}/screenshot-full-001.png`)).headers['content-disposition']).toBeUndefined();
    expect((await get(`/artifact/${tall}/network.har`)).headers['content-disposition']).toMatch(/^attachment/);
  });

  it('shows a captured page’s MHTML as one page for a sandboxed frame: no script, nothing from the web, its images from the archive', async () => {
    const r = await captureUrls(ws, { urls: [site.url('/listing')] });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const id = r.value[0]!.record.id;
    const v = await get(`/view/${id}/page.mhtml`);
    expect(v.status).toBe(200);
    expect(v.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(v.headers['content-security-policy']).toBe(VIEW_CSP);
    expect(VIEW_CSP).toMatch(/^sandbox; default-src 'none';/);
    const html = v.body.toString('utf8');
    expect(html).toContain('Genuine Leather Handbag – Luxe Brand');
    // The hero image is in place as data, not fetched from the seller's server.
    expect(html).toContain('data:image/png;base64,');
    expect(html).not.toContain(`src="${site.url('/img/hero.png')}"`);
    // Only an archive is shown as a page: the DOM and the response body are downloads.
    expect((await get(`/view/${id}/dom.html`)).status).toBe(404);
    expect((await get(`/view/${id}/response-body.html`)).status).toBe(404);
    const warc = await get(`/artifact/${id}/page.warc.gz?download`);
    expect(warc.headers['content-type']).toBe('application/warc');
    expect(warc.headers['content-disposition']).toBe(`attachment; filename="${id}-page.warc.gz"`);
  }, 90_000);

  it('compares two captures’ screenshots and says where they differ', async () => {
    const a = (await seedCapture(ws, { sellerId: 'cmp', listingId: '9', height: 1800 })).id;
    const b = (await seedCapture(ws, { sellerId: 'cmp', listingId: '9', height: 2000 })).id;
    const d = await api<{ share: number; regions: { x: number; y: number; width: number; height: number }[] }>('captures.compare', { before: a, after: b });
    expect(d.share).toBeGreaterThan(0);
    expect(d.regions.length).toBeGreaterThan(0);
    // Only the 200 px added at the bottom differ (cells of 16 px: from the band at 1,792).
    expect(Math.min(...d.regions.map((r) => r.y))).toBe(1792);
    expect(Math.max(...d.regions.map((r) => r.y + r.height))).toBe(2000);
    const same = await api<{ share: number; regions: unknown[] }>('captures.compare', { before: a, after: a });
    expect(same).toMatchObject({ share: 0, regions: [] });
  });
});
