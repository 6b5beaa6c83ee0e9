import { request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServe, type Served } from '../../electron/serve/http-transport.js';
import type { Workspace } from '../../electron/core/workspace/workspace.js';
import { seedCapture } from '../helpers/dossier.js';
import { dbRows } from '../helpers/catalogue.js';
import { suiteTempDir } from '../helpers/tmp.js';
import { newWorkspace } from '../helpers/workspace.js';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request, so Host, Origin and cookies are exactly what a test says. */
function http(served: Served, method: string, path: string, o: { headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  const { port } = new URL(served.origin);
  return new Promise((res, rej) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: { host: `127.0.0.1:${port}`, ...o.headers } }, (r) => {
      let body = '';
      r.on('data', (c: Buffer) => (body += c.toString()));
      r.on('end', () => res({ status: r.statusCode ?? 0, headers: r.headers, body }));
    });
    req.on('error', rej);
    if (o.body !== undefined) req.write(o.body);
    req.end();
  });
}

let ws: Workspace;
let served: Served;
let cookie: string;
const api = (op: string, args: unknown, headers: Record<string, string> = {}) =>
  http(served, 'POST', `/api/${op}`, { headers: { 'content-type': 'application/json', 'x-exhibit-token': served.token, ...headers }, body: JSON.stringify(args) });

beforeAll(async () => {
  ws = await newWorkspace(undefined, 'suite');
  await seedCapture(ws, { sellerId: 'fakes4u', sellerName: 'Fakes 4 U', listingId: '42', title: 'Marmont bag', height: 1200, caseRef: 'Acme' });
  const ui = join(suiteTempDir(), 'ui');
  mkdirSync(ui);
  writeFileSync(join(ui, 'index.html'), '<!doctype html><html><head><title>Exhibit</title></head><body><div id="root"></div></body></html>');
  writeFileSync(join(ui, 'app.js'), 'console.log(1)');
  served = await startServe(ws, { rendererDir: ui });
  const opened = await http(served, 'GET', new URL(served.url).pathname + new URL(served.url).search);
  expect(opened.status).toBe(303);
  cookie = String(opened.headers['set-cookie']).split(';')[0]!;
});
afterAll(async () => {
  await served?.close();
  await ws?.close();
});

describe('exhibit serve: the UI and the API over loopback HTTP', () => {
  it('listens on 127.0.0.1 only and hands the session over by an HttpOnly, SameSite=Strict cookie', async () => {
    expect(served.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const set = await http(served, 'GET', `/?token=${served.token}`);
    expect(String(set.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict; Path=\//);
    const page = await http(served, 'GET', '/', { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.body).toContain(`<meta name="exhibit-token" content="${served.token}">`);
    expect((await http(served, 'GET', '/app.js', { headers: { cookie } })).status).toBe(200);
  });

  it('refuses requests without the token, with a wrong one, from another origin or another host name', async () => {
    expect((await http(served, 'GET', '/')).status).toBe(401);
    expect((await http(served, 'GET', '/?token=wrong')).status).toBe(401);
    expect((await http(served, 'GET', '/', { headers: { cookie: 'exhibit_session=wrong' } })).status).toBe(401);
    expect((await api('cases.list', {}, { 'x-exhibit-token': 'wrong' })).status).toBe(401);
    expect((await http(served, 'POST', '/api/cases.list', { headers: { 'content-type': 'application/json', cookie }, body: '{}' })).status).toBe(401);
    expect((await api('cases.list', {}, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await api('cases.list', {}, { host: 'evil.example' })).status).toBe(403);
    expect((await http(served, 'GET', '/../../../etc/passwd', { headers: { cookie } })).status).not.toBe(200);
    expect((await http(served, 'GET', '/%2e%2e/%2e%2e/etc/passwd', { headers: { cookie } })).status).not.toBe(200);
  });

  it('answers malformed arguments with a typed error that says what is wrong, and changes nothing', async () => {
    const before = await dbRows(ws);
    const bad = [
      ['cases.create', { name: '' }],
      ['cases.create', { name: 'x', extra: 1 }],
      ['sellers.list', { limit: 'ten' }],
      ['captures.correct', { captureId: 'x', field: 'price' }],
      ['dossier.make', { selection: { kind: 'nonsense' }, lang: 'de', attach: 'all' }],
      ['no.such.op', {}],
    ] as const;
    for (const [op, args] of bad) {
      const r = await api(op, args);
      expect(r.status).toBe(200);
      expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { kind: 'invalid-input', message: expect.any(String) as unknown } });
    }
    const notJson = await http(served, 'POST', '/api/cases.list', { headers: { 'content-type': 'application/json', 'x-exhibit-token': served.token }, body: '{not json' });
    expect(JSON.parse(notJson.body)).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    const huge = await api('search', { text: 'x'.repeat(2 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    expect(await dbRows(ws)).toEqual(before);
  });

  it('runs the operations the UI needs: sellers, a capture with its screenshot, a correction, a dossier and its verification', async () => {
    const sellers = JSON.parse((await api('sellers.list', {})).body) as { ok: true; value: { id: string; sellerKey: string }[] };
    expect(sellers.value.map((s) => s.sellerKey)).toEqual(['fakes4u']);
    const seller = JSON.parse((await api('sellers.get', { ref: 'ebay:fakes4u' })).body) as { value: { captures: { id: string }[] } };
    const captureId = seller.value.captures[0]!.id;
    const view = JSON.parse((await api('captures.get', { id: captureId })).body) as { ok: true; value: { screenshotTiles: string[]; fields: { field: string }[] } };
    expect(view.value.screenshotTiles).toEqual(['screenshot-full.png']);
    const tile = await http(served, 'GET', `/artifact/${captureId}/screenshot-full.png`, { headers: { cookie } });
    expect(tile.status).toBe(200);
    expect(tile.headers['content-type']).toBe('image/png');
    expect(tile.headers['content-security-policy']).toBe('sandbox');
    const dom = await http(served, 'GET', `/artifact/${captureId}/dom.html`, { headers: { cookie } });
    expect(dom.headers['content-type']).toBe('application/octet-stream');
    expect(dom.headers['content-disposition']).toMatch(/^attachment/);

    const corrected = JSON.parse((await api('captures.correct', { captureId, field: 'price', value: '99.00', reason: 'strike-through price' })).body) as { ok: boolean };
    expect(corrected.ok).toBe(true);
    const made = JSON.parse((await api('dossier.make', { selection: { kind: 'seller', ref: 'ebay:fakes4u' }, lang: 'fr', attach: 'manifests' })).body) as { ok: true; value: { dossierId: string; pages: number } };
    expect(made.ok).toBe(true);
    const verified = JSON.parse((await api('verify.dossier', { dossierId: made.value.dossierId })).body) as { ok: true; value: { ok: boolean; exhibits: { ok: boolean }[] } };
    expect(verified.value).toMatchObject({ ok: true, exhibits: [{ ok: true }] });
    const page = new URL('../fixtures/marketplace-pages/ebay-listing.html', import.meta.url).pathname;
    const imported = JSON.parse((await api('captures.import', { path: page, url: 'https://www.ebay.com/itm/356789012345' })).body) as { ok: true; value: { outcome: string; kind: string; filing: { sellerId: string | null } } };
    expect(imported.value).toMatchObject({ outcome: 'imported', kind: 'html', filing: { sellerId: expect.any(String) as unknown } });
    const refused = JSON.parse((await api('captures.import', { path: '/no/such/file.html', url: 'https://www.ebay.com/itm/1' })).body) as { ok: false; error: { message: string } };
    expect(refused.error.message).toContain('no such file');
    const whole = JSON.parse((await api('verify.workspace', {})).body) as { value: { ok: boolean } };
    expect(whole.value.ok).toBe(true);
  }, 60_000);
});
