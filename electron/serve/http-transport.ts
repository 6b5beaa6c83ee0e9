import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dispatch } from '../core/api/dispatch.js';
import { apiHandlers, artifactFile } from '../core/api/handlers.js';
import { LongWork } from '../core/api/long-work.js';
import { RecaptureScheduler } from '../core/watch/scheduler.js';
import { BackgroundStamper } from '../core/timestamp/background-stamper.js';
import type { Workspace } from '../core/workspace/workspace.js';

/** The built UI (vite build renderer → dist/renderer). */
export const RENDERER_DIR = fileURLToPath(new URL('../../renderer/', import.meta.url));

/** The app's pages run only their own scripts and reach only this server. */
export const CSP = "default-src 'self'; img-src 'self' blob: data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const COOKIE = 'exhibit_session';
const MAX_BODY = 1024 * 1024;
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json', '.woff2': 'font/woff2', '.ico': 'image/x-icon' };
/** Artifacts shown inline in the UI; everything else is sent as a download, never rendered in the app's origin. */
const INLINE = new Set(['image/png', 'image/jpeg', 'image/webp']);

export interface Served {
  url: string;
  origin: string;
  token: string;
  close(): Promise<void>;
}

/**
 * The UI and the API over HTTP, for testing the real UI in a browser where no
 * Electron binary is at hand. Loopback only, on a free port. Every request
 * must carry the session's random token: the API in the X-Exhibit-Token
 * header (which a cross-origin page cannot send without a preflight this
 * server refuses), pages and artifacts by an HttpOnly, SameSite=Strict cookie
 * set when the printed URL is first opened. The Host must be this server's
 * own (no DNS rebinding) and an Origin, when sent, must be too.
 */
export interface ServeOptions {
  port?: number;
  rendererDir?: string;
  browserPath?: string;
  /** re-capture what watch rules make due, looking every everyMs, as the desktop app does while open; off when not given */
  watch?: { everyMs: number };
  /** pages re-captured at once (default 2) */
  recaptureConcurrency?: number;
}

export async function startServe(ws: Workspace, opts: ServeOptions = {}): Promise<Served> {
  const token = randomBytes(24).toString('base64url');
  const recapture = new RecaptureScheduler(ws, {
    everyMs: opts.watch?.everyMs ?? null,
    ...(opts.recaptureConcurrency ? { concurrency: opts.recaptureConcurrency } : {}),
    ...(opts.browserPath ? { browserPath: opts.browserPath } : {}),
  });
  const work = new LongWork();
  // Captures are stamped as they are stored; what waits (made offline) is retried every minute.
  const stamper = new BackgroundStamper(ws, { retryEveryMs: 60_000 });
  stamper.poke();
  const handlers = apiHandlers(ws, { recapture, work, stamper, ...(opts.browserPath ? { browserPath: opts.browserPath } : {}) });
  const root = resolve(opts.rendererDir ?? RENDERER_DIR);
  let origin = '';
  let hosts = new Set<string>();

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => send(res, 500, 'text/plain; charset=utf-8', `internal error: ${(e as Error).message}`));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', 'no-store');
    if (!hosts.has(req.headers.host ?? '')) return send(res, 403, 'text/plain; charset=utf-8', 'refused: this server answers only on its own loopback address');
    if (req.headers.origin !== undefined && req.headers.origin !== origin) return send(res, 403, 'text/plain; charset=utf-8', 'refused: requests from another origin are not accepted');
    const url = new URL(req.url ?? '/', origin);

    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return send(res, 405, 'text/plain; charset=utf-8', 'use POST');
      if (!same(String(req.headers['x-exhibit-token'] ?? ''), token)) return send(res, 401, 'text/plain; charset=utf-8', 'refused: missing or wrong token');
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, 'text/plain; charset=utf-8', 'send JSON');
      const body = await readBody(req);
      if (body === null) return send(res, 413, 'text/plain; charset=utf-8', 'request too large');
      let args: unknown;
      try {
        args = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
      } catch {
        return json(res, { ok: false, error: { kind: 'invalid-input', message: 'the request body is not JSON' } });
      }
      return json(res, await dispatch(handlers, decodeURIComponent(url.pathname.slice(5)), args));
    }

    // Opening the printed URL trades the token for the session cookie, then drops it from the address bar.
    if (url.searchParams.has('token')) {
      if (!same(url.searchParams.get('token') ?? '', token)) return send(res, 401, 'text/plain; charset=utf-8', 'refused: wrong token');
      res.setHeader('Set-Cookie', `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`);
      res.writeHead(303, { Location: '/' });
      res.end();
      return;
    }
    if (!same(cookie(req, COOKIE), token)) return send(res, 401, 'text/plain; charset=utf-8', 'refused: open the URL `exhibit serve` printed (it carries the token)');
    if (req.method !== 'GET') return send(res, 405, 'text/plain; charset=utf-8', 'use GET');

    const artifact = /^\/artifact\/([^/]+)\/([^/]+)$/.exec(url.pathname);
    if (artifact) {
      const found = await artifactFile(ws, decodeURIComponent(artifact[1]!), decodeURIComponent(artifact[2]!));
      if (!found) return send(res, 404, 'text/plain; charset=utf-8', 'no such artifact');
      const type = found.mediaType.split(';')[0]!.trim();
      res.writeHead(200, {
        'Content-Type': INLINE.has(type) ? type : 'application/octet-stream',
        // A captured page is evidence, not code: never run in this origin.
        'Content-Security-Policy': 'sandbox',
        ...(INLINE.has(type) ? {} : { 'Content-Disposition': `attachment; filename="${decodeURIComponent(artifact[2]!).replace(/[^A-Za-z0-9._-]/g, '_')}"` }),
      });
      createReadStream(found.path).pipe(res);
      return;
    }
    return serveStatic(url.pathname, res);
  }

  async function serveStatic(pathname: string, res: ServerResponse): Promise<void> {
    const rel = pathname === '/' ? 'index.html' : normalize(decodeURIComponent(pathname)).replace(/^[/\\]+/, '');
    const file = resolve(root, rel);
    if (file !== root && !file.startsWith(root.endsWith(sep) ? root : root + sep)) return send(res, 403, 'text/plain; charset=utf-8', 'refused');
    const data = await fs.readFile(file).catch(() => null);
    if (!data) {
      if (rel === 'index.html') return send(res, 503, 'text/plain; charset=utf-8', `the UI is not built: run npm run build (looked in ${root})`);
      return send(res, 404, 'text/plain; charset=utf-8', 'not found');
    }
    res.setHeader('Content-Security-Policy', CSP);
    if (rel === 'index.html') {
      const page = data.toString('utf8').replace('<head>', `<head>\n<meta name="exhibit-token" content="${token}">`);
      return send(res, 200, TYPES['.html']!, page);
    }
    return send(res, 200, TYPES[extname(file)] ?? 'application/octet-stream', data);
  }

  await new Promise<void>((r, reject) => server.once('error', reject).listen(opts.port ?? 0, '127.0.0.1', () => r()));
  recapture.start();
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    // A run going on finishes the pages under way and stores them before the workspace may close;
    // a dossier being made is cancelled (its partial file removed), a verification stopped.
    close: async () => {
      await new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      });
      await Promise.all([recapture.stop(), work.stop(), stamper.close()]);
    },
  };
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookie(req: IncomingMessage, name: string): string {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return '';
}

/** The body, or null when it is too large: the excess is read and dropped (so the client hears the 413), up to a bound. */
function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((res, rej) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
      else if (size > 64 * MAX_BODY) req.destroy();
    });
    req.on('end', () => res(size > MAX_BODY ? null : Buffer.concat(chunks)));
    req.on('error', rej);
  });
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'Content-Type': type });
  res.end(body);
}

function json(res: ServerResponse, value: unknown): void {
  send(res, 200, 'application/json; charset=utf-8', JSON.stringify(value));
}

