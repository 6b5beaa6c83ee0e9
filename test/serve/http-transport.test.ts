import { request } from 'node:http';
import { connect } from 'node:net';
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

/**
 * A POST with Transfer-Encoding: chunked (no Content-Length) that keeps
 * sending up to total bytes, stopping when the server answers or closes: what
 * came back, and how much was sent by then.
 */
function chunkedPost(served: Served, path: string, head: string, total: number): Promise<{ response: string; sent: number }> {
  const { port } = new URL(served.origin);
  return new Promise((resolve) => {
    const socket = connect(Number(port), '127.0.0.1');
    let response = '';
    let sent = 0;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      socket.destroy();
      resolve({ response, sent });
    };
    socket.on('data', (c: Buffer) => (response += c.toString('latin1')));
    socket.on('close', finish);
    socket.on('error', () => undefined);
    const chunk = Buffer.alloc(256 * 1024, 'x');
    const pump = () => {
      while (!done && sent < total && response === '') {
        const body = sent === 0 ? Buffer.concat([Buffer.from(head), chunk.subarray(head.length)]) : chunk;
        sent += body.length;
        if (!socket.write(`${body.length.toString(16)}\r\n`) || !socket.write(body) || !socket.write('\r\n')) return void socket.once('drain', pump);
      }
      if (!done && sent >= total && response === '') socket.write('0\r\n\r\n');
    };
    socket.on('connect', () => {
      socket.write(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nX-Exhibit-Token: ${served.token}\r\nTransfer-Encoding: chunked\r\n\r\n`);
      pump();
    });
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
  expect(opened.status).toBe(200);
  cookie = String(opened.headers['set-cookie']).split(';')[0]!;
});
afterAll(async () => {
  await served?.close();
  await ws?.close();
});

describe('exhibit serve: the UI and the API over loopback HTTP', () => {
  it('listens on 127.0.0.1 only; the cookie holds a page secret, never the token, and only the page opened with the token carries it', async () => {
    expect(served.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const opened = await http(served, 'GET', `/?token=${served.token}`);
    expect(opened.status).toBe(200);
    expect(opened.headers['cache-control']).toBe('no-store');
    expect(opened.body).toContain(`<meta name="exhibit-token" content="${served.token}">`);
    const setCookies = [opened.headers['set-cookie'] ?? []].flat();
    expect(setCookies).toHaveLength(1);
    expect(setCookies[0]).toMatch(/^exhibit_page=[A-Za-z0-9_-]{32}; HttpOnly; SameSite=Strict; Path=\/$/);
    expect(setCookies.join('\n')).not.toContain(served.token);
    // The page secret loads the app again (a reload) without the token in it.
    const page = await http(served, 'GET', '/', { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.body).not.toContain(served.token);
    expect(page.body).not.toContain('exhibit-token');
    expect((await http(served, 'GET', '/app.js', { headers: { cookie } })).status).toBe(200);
  });

  it('answers no API call and no artifact to the cookie alone: the token comes in a header', async () => {
    const bare = await http(served, 'POST', '/api/cases.list', { headers: { 'content-type': 'application/json', cookie }, body: '{}' });
    expect(bare.status).toBe(401);
    expect(bare.body).not.toContain('"ok"');
    // The token in a cookie is no better than the page secret.
    const tokenCookie = await http(served, 'POST', '/api/cases.list', { headers: { 'content-type': 'application/json', cookie: `exhibit_page=${served.token}; exhibit_session=${served.token}` }, body: '{}' });
    expect(tokenCookie.status).toBe(401);
    const seller = JSON.parse((await api('sellers.get', { ref: 'ebay:fakes4u' })).body) as { value: { captures: { id: string }[] } };
    const tile = `/artifact/${seller.value.captures[0]!.id}/screenshot-full.png`;
    expect((await http(served, 'GET', tile, { headers: { cookie } })).status).toBe(401);
    expect((await http(served, 'GET', tile, { headers: { 'x-exhibit-token': served.token } })).status).toBe(200);
    expect((await http(served, 'GET', `${tile}?token=${served.token}`)).status).toBe(200);
    // Authorization: Bearer is the same header-borne token.
    expect(JSON.parse((await http(served, 'POST', '/api/cases.list', { headers: { 'content-type': 'application/json', authorization: `Bearer ${served.token}` }, body: '{}' })).body)).toMatchObject({ ok: true });
  });

  it('refuses requests without the token, with a wrong one, from another origin (another port of 127.0.0.1 included) or another host name', async () => {
    expect((await http(served, 'GET', '/')).status).toBe(401);
    expect((await http(served, 'GET', '/?token=wrong')).status).toBe(401);
    expect((await http(served, 'GET', '/', { headers: { cookie: 'exhibit_page=wrong' } })).status).toBe(401);
    expect((await api('cases.list', {}, { 'x-exhibit-token': 'wrong' })).status).toBe(401);
    expect((await api('cases.list', {}, { origin: 'http://evil.example' })).status).toBe(403);
    const otherPort = `http://127.0.0.1:${Number(new URL(served.origin).port) + 1}`;
    expect((await api('cases.list', {}, { origin: otherPort })).status).toBe(403);
    expect((await http(served, 'GET', '/', { headers: { cookie, origin: otherPort } })).status).toBe(403);
    expect((await api('cases.list', {}, { host: 'evil.example' })).status).toBe(403);
    expect((await http(served, 'GET', '/../../../etc/passwd', { headers: { cookie } })).status).not.toBe(200);
    expect((await http(served, 'GET', '/%2e%2e/%2e%2e/etc/passwd', { headers: { cookie } })).status).not.toBe(200);
  });

  it('works opened as http://localhost:PORT: the page\u2019s own origin is accepted by whichever loopback name it was opened on, and no other', async () => {
    const { port } = new URL(served.origin);
    const local = { host: `localhost:${port}`, origin: `http://localhost:${port}` };
    expect((await http(served, 'GET', `/?token=${served.token}`, { headers: { host: local.host } })).status).toBe(200);
    expect(JSON.parse((await api('cases.list', {}, local)).body)).toMatchObject({ ok: true });
    // The origin must be the one the Host names: a page on localhost does not speak for 127.0.0.1, nor another port.
    expect((await api('cases.list', {}, { origin: `http://localhost:${port}` })).status).toBe(403);
    expect((await api('cases.list', {}, { host: local.host, origin: `http://localhost:${Number(port) + 1}` })).status).toBe(403);
    expect((await api('cases.list', {}, { host: `localhost.evil.example:${port}`, origin: `http://localhost.evil.example:${port}` })).status).toBe(403);
  });

  it('answers malformed percent-encoding in the path or the query with 400 and says so', async () => {
    for (const [path, where] of [
      ['/%zz', 'path'],
      ['/artifact/%E0%A4%A/x.png', 'path'],
      ['/api/cases.%C3%28list', 'path'],
      ['/?token=%zz', 'query'],
      ['/?x=%', 'query'],
    ] as const) {
      const post = path.startsWith('/api/');
      const r = await http(served, post ? 'POST' : 'GET', path, { headers: { cookie, 'content-type': 'application/json', 'x-exhibit-token': served.token }, ...(post ? { body: '{}' } : {}) });
      expect(r.status, path).toBe(400);
      expect(r.body, path).toBe(`bad request: the ${where} has malformed percent-encoding (each % must start a %XX escape of valid UTF-8)`);
    }
  });

  it('refuses the browser program over HTTP with a typed error and leaves it unchanged; other settings still change', async () => {
    const before = await ws.settings();
    const r = JSON.parse((await api('settings.update', { browserPath: process.execPath })).body) as unknown;
    expect(r).toEqual({ ok: false, error: { kind: 'refused', message: expect.stringContaining('The browser program cannot be changed through `exhibit serve`') as unknown } });
    expect(JSON.parse((await api('settings.update', { investigator: 'Jane Roe', browserPath: '' })).body)).toMatchObject({ ok: false, error: { kind: 'refused' } });
    expect(await ws.settings()).toEqual(before);
    expect(JSON.parse((await api('settings.update', { organisation: 'Acme Legal' })).body)).toMatchObject({ ok: true, value: { organisation: 'Acme Legal', browserPath: before.browserPath } });
  });

  it('refuses a chunked body over the limit with 413 as soon as the limit is passed, closes the connection, and keeps nothing', async () => {
    const before = await dbRows(ws);
    const seller = JSON.parse((await api('sellers.get', { ref: 'ebay:fakes4u' })).body) as { value: { captures: { id: string }[] } };
    const r = await chunkedPost(served, '/api/captures.note.set', `{"id":"${seller.value.captures[0]!.id}","text":"`, 64 * 1024 * 1024);
    expect(r.response).toMatch(/^HTTP\/1\.1 413 /);
    expect(r.response).toMatch(/\r\nconnection: close\r\n/i);
    expect(r.response).toContain('request too large: the limit is 1048576 bytes');
    // The server stopped reading well before the client was done: what was sent is the limit and the sockets' buffers.
    expect(r.sent).toBeLessThan(32 * 1024 * 1024);
    expect(await dbRows(ws)).toEqual(before);
    const declared = await http(served, 'POST', '/api/cases.list', { headers: { 'content-type': 'application/json', 'x-exhibit-token': served.token, 'content-length': String(2 * 1024 * 1024) } });
    expect(declared.status).toBe(413);
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
    const tile = await http(served, 'GET', `/artifact/${captureId}/screenshot-full.png?token=${served.token}`);
    expect(tile.status).toBe(200);
    expect(tile.headers['content-type']).toBe('image/png');
    expect(tile.headers['content-security-policy']).toBe('sandbox');
    const dom = await http(served, 'GET', `/artifact/${captureId}/dom.html`, { headers: { 'x-exhibit-token': served.token } });
    expect(dom.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(dom.headers['content-security-policy']).toBe('sandbox');
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
