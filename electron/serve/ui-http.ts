import { randomBytes } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream';
import { extname, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { artifactRoute, type ArtifactAnswer, type ArtifactRoute } from '../core/api/artifact-responses.js';
import { cookie, headerToken, readBody, refuseTooLarge, requestTarget, same } from './http-request.js';

/** The built UI (vite build renderer → dist/renderer). */
export const RENDERER_DIR = fileURLToPath(new URL('../../renderer/', import.meta.url));

/** The app's pages run only their own scripts and reach only this server. */
export const CSP = "default-src 'self'; img-src 'self' blob: data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** The page secret's cookie: it lets a browser load the app's page and scripts, nothing else. */
const PAGE_COOKIE = 'exhibit_page';
const MAX_BODY = 1024 * 1024;
export const TEXT = 'text/plain; charset=utf-8';
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json', '.woff2': 'font/woff2', '.ico': 'image/x-icon' };

/**
 * What serves the app: who a token belongs to (null: refused), and the API,
 * evidence and dossiers for them. `exhibit serve` has one token (its
 * workspace's session); the team hub one per person.
 */
export interface UiSite<Who> {
  rendererDir?: string;
  authenticate(token: string): Promise<Who | null>;
  api(who: Who, op: string, args: unknown): Promise<unknown>;
  artifact(who: Who, route: ArtifactRoute): Promise<ArtifactAnswer>;
  dossier?(who: Who, id: string, download: boolean): Promise<ArtifactAnswer>;
  /** <meta> tags the app's page carries on every load (e.g. that it is the team hub) */
  pageMeta?: Record<string, string>;
  /** said to a browser that has neither token nor page secret */
  openHint: string;
  /** whether a Host header names this server (loopback: only its own address, against DNS rebinding) */
  hostAllowed(host: string): boolean;
}

/**
 * The app over HTTP, shared by `exhibit serve` and `exhibit hub serve`. Two secrets:
 * - the API token, in the URL to open. The API takes it only in a header
 *   (X-Exhibit-Token or Authorization: Bearer; a cross-origin page cannot
 *   send one without a preflight this server refuses), evidence in the header
 *   or its URL's ?token=. The page opened with ?token= gets it in a <meta>;
 *   the app keeps it in sessionStorage, which, unlike a cookie, is this
 *   origin's alone (port included).
 * - a page secret, in an HttpOnly, SameSite=Strict cookie set when the URL
 *   with the token is opened: it loads the app's page and scripts again (a
 *   reload) and nothing else. Cookies are not kept apart by port, so any
 *   other server on the host the browser visits receives it: it must not be
 *   the token.
 * The Host must be the server's own (hostAllowed) and an Origin, when sent,
 * must be the page's own.
 */
export function uiHandler<Who>(site: UiSite<Who>): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const pageSecret = randomBytes(24).toString('base64url');
  const root = resolve(site.rendererDir ?? RENDERER_DIR);
  const meta = Object.entries(site.pageMeta ?? {})
    .map(([name, content]) => `\n<meta name="${escapeAttr(name)}" content="${escapeAttr(content)}">`)
    .join('');

  const withToken = async (req: IncomingMessage, url: URL): Promise<Who | null> => {
    const given = headerToken(req) || (url.searchParams.get('token') ?? '');
    return given ? site.authenticate(given) : null;
  };

  return async (req, res) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', 'no-store');
    const host = req.headers.host ?? '';
    if (!site.hostAllowed(host)) return send(res, 403, TEXT, 'refused: this server answers only on its own loopback address');
    // The page's own origin is the one it was opened on, as its Host says.
    if (req.headers.origin !== undefined && req.headers.origin !== `http://${host}` && req.headers.origin !== `https://${host}`) return send(res, 403, TEXT, 'refused: requests from another origin are not accepted');
    const target = requestTarget(req.url, `http://${host}`);
    if (!target.ok) return send(res, 400, TEXT, target.error);
    const url = target.value;

    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return send(res, 405, TEXT, 'use POST');
      const given = headerToken(req);
      const who = given ? await site.authenticate(given) : null;
      if (who === null) return send(res, 401, TEXT, 'refused: the API takes the session token in the X-Exhibit-Token header');
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, TEXT, 'send JSON');
      const body = await readBody(req, MAX_BODY);
      if (!body.ok) return body.error === 'too-large' ? refuseTooLarge(req, res, MAX_BODY) : undefined;
      let args: unknown;
      try {
        args = body.value.length === 0 ? {} : JSON.parse(body.value.toString('utf8'));
      } catch {
        return json(res, { ok: false, error: { kind: 'invalid-input', message: 'the request body is not JSON' } });
      }
      return json(res, await site.api(who, decodeURIComponent(url.pathname.slice(5)), args));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, TEXT, 'use GET');

    const dossier = /^\/dossier\/([^/]+)$/.exec(url.pathname);
    if (dossier && site.dossier) {
      // A dossier is read with the token, as evidence is.
      const who = await withToken(req, url);
      if (who === null) return send(res, 401, TEXT, 'refused: missing or wrong token');
      return sendAnswer(await site.dossier(who, decodeURIComponent(dossier[1]!), url.searchParams.has('download')), res);
    }
    if (/^\/(artifact|view|tile)\//.test(url.pathname)) {
      // Evidence is read with the token, as the API is; the page secret alone does not open it.
      const who = await withToken(req, url);
      if (who === null) return send(res, 401, TEXT, 'refused: missing or wrong token');
      const route = artifactRoute(url.pathname.slice(1).split('/').map(decodeURIComponent), url.searchParams.has('download'));
      if (!route) return send(res, 404, TEXT, 'not found');
      return sendAnswer(await site.artifact(who, route), res);
    }

    // Opening the URL with the token: the page secret is set, and this one answer carries the token to the app.
    if (url.searchParams.has('token')) {
      const token = url.searchParams.get('token') ?? '';
      if ((await site.authenticate(token)) === null) return send(res, 401, TEXT, 'refused: wrong token');
      res.setHeader('Set-Cookie', `${PAGE_COOKIE}=${pageSecret}; HttpOnly; SameSite=Strict; Path=/`);
      return serveStatic('/', res, token);
    }
    if (!same(cookie(req, PAGE_COOKIE), pageSecret)) return send(res, 401, TEXT, site.openHint);
    return serveStatic(url.pathname, res, null);
  };

  /** A file of the built UI; index.html with the token only when the request brought it. */
  async function serveStatic(pathname: string, res: ServerResponse, token: string | null): Promise<void> {
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
      const tokenMeta = token === null ? '' : `\n<meta name="exhibit-token" content="${escapeAttr(token)}">`;
      return send(res, 200, TYPES['.html']!, data.toString('utf8').replace('<head>', `<head>${tokenMeta}${meta}`));
    }
    return send(res, 200, TYPES[extname(file)] ?? 'application/octet-stream', data);
  }
}

/** Whether the built UI is there to serve. */
export async function rendererBuilt(rendererDir = RENDERER_DIR): Promise<boolean> {
  return fs.access(resolve(rendererDir, 'index.html')).then(
    () => true,
    () => false,
  );
}

export function sendAnswer(answer: ArtifactAnswer, res: ServerResponse): void {
  // The no-store set for every answer stands, but for a tile (immutable, cut from a stored strip).
  if (answer.headers['Cache-Control']) res.removeHeader('Cache-Control');
  res.writeHead(answer.status, answer.headers);
  if (Buffer.isBuffer(answer.body)) return void res.end(answer.body);
  // A read that fails part-way ends the response; it never reaches the process as an unhandled error.
  pipeline(createReadStream(answer.body.file), res, () => undefined);
}

export function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'Content-Type': type });
  res.end(body);
}

function json(res: ServerResponse, value: unknown): void {
  send(res, 200, 'application/json; charset=utf-8', JSON.stringify(value));
}

const escapeAttr = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
