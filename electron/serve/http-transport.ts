import { randomBytes } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream';
import { extname, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dispatch } from '../core/api/dispatch.js';
import { answerArtifact, artifactRoute, type ArtifactAnswer, type ArtifactRoute } from '../core/api/artifact-responses.js';
import { answerDossier } from '../core/api/dossier-file.js';
import { apiHandlers } from '../core/api/handlers.js';
import { LongWork } from '../core/api/long-work.js';
import { RecaptureScheduler } from '../core/watch/scheduler.js';
import { BackgroundStamper } from '../core/timestamp/background-stamper.js';
import type { Workspace } from '../core/workspace/workspace.js';
import { announceServe } from '../core/workspace/serve-runtime.js';
import { cookie, headerToken, readBody, refuseTooLarge, requestTarget, same } from './http-request.js';

/** The built UI (vite build renderer → dist/renderer). */
export const RENDERER_DIR = fileURLToPath(new URL('../../renderer/', import.meta.url));

/** The app's pages run only their own scripts and reach only this server. */
export const CSP = "default-src 'self'; img-src 'self' blob: data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** The page secret's cookie: it lets a browser load the app's page and scripts, nothing else. */
const PAGE_COOKIE = 'exhibit_page';
const MAX_BODY = 1024 * 1024;
const TEXT = 'text/plain; charset=utf-8';
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json', '.woff2': 'font/woff2', '.ico': 'image/x-icon' };

export interface Served {
  url: string;
  origin: string;
  token: string;
  close(): Promise<void>;
}

/**
 * The UI and the API over HTTP, for testing the real UI in a browser where no
 * Electron binary is at hand. Loopback only, on a free port. Two secrets:
 * - the API token, printed in the URL to open. The API takes it only in a
 *   header (X-Exhibit-Token or Authorization: Bearer; a cross-origin page
 *   cannot send one without a preflight this server refuses), artifacts in
 *   the header or their URL's ?token=. The page opened with ?token= gets it in
 *   a <meta>; the app keeps it in sessionStorage, which, unlike a cookie, is
 *   this origin's alone (port included).
 * - a page secret, in an HttpOnly, SameSite=Strict cookie set when the printed
 *   URL is opened: it loads the app's page and scripts again (a reload) and
 *   nothing else. Cookies are not kept apart by port, so any other server on
 *   127.0.0.1 the browser visits receives it: it must not be the token.
 * The Host must be this server's own (no DNS rebinding) and an Origin, when
 * sent, must be too.
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
  const pageSecret = randomBytes(24).toString('base64url');
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
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) send(res, 500, TEXT, `internal error: ${(e as Error).message}`);
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', 'no-store');
    const host = req.headers.host ?? '';
    if (!hosts.has(host)) return send(res, 403, TEXT, 'refused: this server answers only on its own loopback address');
    // The page's own origin is the one it was opened on: http://127.0.0.1:PORT or http://localhost:PORT, as its Host says.
    if (req.headers.origin !== undefined && req.headers.origin !== `http://${host}`) return send(res, 403, TEXT, 'refused: requests from another origin are not accepted');
    const target = requestTarget(req.url, origin);
    if (!target.ok) return send(res, 400, TEXT, target.error);
    const url = target.value;

    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return send(res, 405, TEXT, 'use POST');
      if (!same(headerToken(req), token)) return send(res, 401, TEXT, 'refused: the API takes the session token in the X-Exhibit-Token header');
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, TEXT, 'send JSON');
      const body = await readBody(req, MAX_BODY);
      if (!body.ok) return body.error === 'too-large' ? refuseTooLarge(req, res, MAX_BODY) : undefined;
      let args: unknown;
      try {
        args = body.value.length === 0 ? {} : JSON.parse(body.value.toString('utf8'));
      } catch {
        return json(res, { ok: false, error: { kind: 'invalid-input', message: 'the request body is not JSON' } });
      }
      return json(res, await dispatch(handlers, decodeURIComponent(url.pathname.slice(5)), args, 'serve'));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, TEXT, 'use GET');

    const dossier = /^\/dossier\/([^/]+)$/.exec(url.pathname);
    if (dossier) {
      // A dossier is read with the token, as evidence is.
      if (!same(headerToken(req) || (url.searchParams.get('token') ?? ''), token)) return send(res, 401, TEXT, 'refused: missing or wrong token');
      return sendAnswer(await answerDossier(ws, decodeURIComponent(dossier[1]!), url.searchParams.has('download')), res);
    }
    if (/^\/(artifact|view|tile)\//.test(url.pathname)) {
      // Evidence is read with the token, as the API is; the page secret alone does not open it.
      if (!same(headerToken(req) || (url.searchParams.get('token') ?? ''), token)) return send(res, 401, TEXT, 'refused: missing or wrong token');
      const route = artifactRoute(url.pathname.slice(1).split('/').map(decodeURIComponent), url.searchParams.has('download'));
      if (!route) return send(res, 404, TEXT, 'not found');
      return serveArtifact(route, res);
    }

    // Opening the printed URL: the page secret is set, and this one answer carries the token to the app.
    if (url.searchParams.has('token')) {
      if (!same(url.searchParams.get('token') ?? '', token)) return send(res, 401, TEXT, 'refused: wrong token');
      res.setHeader('Set-Cookie', `${PAGE_COOKIE}=${pageSecret}; HttpOnly; SameSite=Strict; Path=/`);
      return serveStatic('/', res, token);
    }
    if (!same(cookie(req, PAGE_COOKIE), pageSecret)) return send(res, 401, TEXT, 'refused: open the URL `exhibit serve` printed (it carries the token)');
    return serveStatic(url.pathname, res, null);
  }

  async function serveArtifact(route: ArtifactRoute, res: ServerResponse): Promise<void> {
    sendAnswer(await answerArtifact(ws, route), res);
  }

  function sendAnswer(answer: ArtifactAnswer, res: ServerResponse): void {
    // The no-store set for every answer stands, but for a tile (immutable, cut from a stored strip).
    if (answer.headers['Cache-Control']) res.removeHeader('Cache-Control');
    res.writeHead(answer.status, answer.headers);
    if (Buffer.isBuffer(answer.body)) return void res.end(answer.body);
    // A read that fails part-way ends the response; it never reaches the process as an unhandled error.
    pipeline(createReadStream(answer.body.file), res, () => undefined);
  }

  /** A file of the built UI; index.html with the token only when the request brought it. */
  async function serveStatic(pathname: string, res: ServerResponse, withToken: string | null): Promise<void> {
    const rel = pathname === '/' ? 'index.html' : normalize(decodeURIComponent(pathname)).replace(/^[/\\]+/, '');
    const file = resolve(root, rel);
    if (file !== root && !file.startsWith(root.endsWith(sep) ? root : root + sep)) return send(res, 403, TEXT, 'refused');
    const data = await fs.readFile(file).catch(() => null);
    if (!data) {
      if (rel === 'index.html') return send(res, 503, TEXT, `the UI is not built: run npm run build (looked in ${root})`);
      return send(res, 404, TEXT, 'not found');
    }
    res.setHeader('Content-Security-Policy', CSP);
    if (rel === 'index.html') {
      const page = data.toString('utf8');
      return send(res, 200, TYPES['.html']!, withToken === null ? page : page.replace('<head>', `<head>\n<meta name="exhibit-token" content="${withToken}">`));
    }
    return send(res, 200, TYPES[extname(file)] ?? 'application/octet-stream', data);
  }

  await new Promise<void>((r, reject) => server.once('error', reject).listen(opts.port ?? 0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  // The desktop app's browser panel reads this and never opens the port (electron/main/navigation-policy.ts);
  // a serve that cannot say where it listens does not listen.
  const unannounce = await announceServe(ws.dir, port).catch(async (e: unknown) => {
    await new Promise((r) => server.close(r));
    throw e;
  });
  recapture.start();
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
      await Promise.all([recapture.stop(), work.stop(), stamper.close(), unannounce()]);
    },
  };
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'Content-Type': type });
  res.end(body);
}

function json(res: ServerResponse, value: unknown): void {
  send(res, 200, 'application/json; charset=utf-8', JSON.stringify(value));
}

