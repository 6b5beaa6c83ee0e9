import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import type { HubPool } from './db.js';
import { hubCatalogue } from '../store/pg/index.js';
import { HubObjectMismatch, HubObjectShort, type HubObjectStore } from './object-store.js';
import { commitRequestSchema, statusRequestSchema } from './protocol.js';
import { PushRefused, pushStatus, receivePush } from './receive.js';
import { hubLang, renderTeamPage, type TeamSeller } from './team-page.js';
import { HubObjectBusy, receiveObject } from './uploads.js';
import { userByToken, type HubUser } from './users.js';

/** An object travels whole in one request; the capture engine caps a body at 64 MB and a page at 256 MB. */
const MAX_OBJECT_BYTES = 300 * 1024 * 1024;
const MAX_JSON_BYTES = 64 * 1024 * 1024;

export interface HubServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The hub's HTTP API: every request carries a person's token (Bearer). Push
 * takes three calls: which objects and captures the hub lacks
 * (POST /v1/push/status), each missing object (PUT /v1/objects/SHA256,
 * streamed to its content-addressed key and hashed on arrival; bytes that do
 * not match the hash are deleted and refused), then the push itself
 * (POST /v1/push/commit), checked before the catalogue names anything of it:
 * only then is it evidence in the hub.
 */
export async function startHubServer(
  pool: HubPool,
  store: HubObjectStore,
  o: { host?: string; port?: number; onObjectStored?: (sha256: string) => void; app?: (req: IncomingMessage, res: ServerResponse) => Promise<void> } = {},
): Promise<HubServer> {
  const server: Server = createServer((req, res) => {
    // Everything but the push protocol is the app's, when the hub serves it (exhibit hub serve); else the page of the team's sellers.
    const app = o.app && !(req.url ?? '/').startsWith('/v1/') ? o.app : null;
    (app ? app(req, res) : handle(pool, store, req, res, o.onObjectStored)).catch((e: unknown) => {
      const status = e instanceof HttpError ? e.status : e instanceof PushRefused ? 422 : 500;
      const message = e instanceof HttpError || e instanceof PushRefused ? e.message : 'internal error in the hub';
      if (status === 500) process.stderr.write(`hub: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      send(res, status, { error: message });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, o.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(pool: HubPool, store: HubObjectStore, req: IncomingMessage, res: ServerResponse, onObjectStored?: (sha256: string) => void): Promise<void> {
  const user = await authenticate(pool, req);
  const path = new URL(req.url ?? '/', 'http://hub').pathname;
  const object = /^\/v1\/objects\/([0-9a-f]{64})$/.exec(path);
  if (req.method === 'PUT' && object?.[1]) {
    needInvestigator(user);
    const size = Number(req.headers['content-length']);
    if (!Number.isSafeInteger(size) || size < 0) throw new HttpError(411, 'an object is sent with its Content-Length');
    if (size > MAX_OBJECT_BYTES) throw new HttpError(413, `the body is over ${MAX_OBJECT_BYTES} bytes`);
    try {
      const put = await receiveObject(pool, store, user, object[1], req, size);
      if (put.stored === 'present') req.resume();
      else onObjectStored?.(put.sha256);
      send(res, 200, put);
    } catch (e) {
      if (e instanceof HubObjectMismatch) throw new HttpError(422, `object ${object[1]}: ${e.message}: refused, not stored`);
      if (e instanceof HubObjectShort) throw new HttpError(400, `${e.message}: refused, not stored`);
      if (e instanceof HubObjectBusy) throw new HttpError(409, e.message);
      throw e;
    }
    return;
  }
  if (req.method === 'POST' && path === '/v1/push/status') {
    needInvestigator(user);
    send(res, 200, await pushStatus(pool, store, user, parseJson(statusRequestSchema, await readBody(req, MAX_JSON_BYTES))));
    return;
  }
  if (req.method === 'POST' && path === '/v1/push/commit') {
    send(res, 200, await receivePush(pool, store, user, parseJson(commitRequestSchema, await readBody(req, MAX_JSON_BYTES))));
    return;
  }
  if (req.method === 'GET' && path === '/v1/sellers') {
    send(res, 200, await teamSellers(pool));
    return;
  }
  if (req.method === 'GET' && path === '/') {
    const url = new URL(req.url ?? '/', 'http://hub');
    const html = renderTeamPage(await teamSellers(pool), hubLang(url.searchParams.get('lang'), req.headers['accept-language']));
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    });
    res.end(html);
    return;
  }
  throw new HttpError(404, `no such route: ${req.method ?? ''} ${path}`);
}

/** Who is on the team's sellers, from every capture pushed. */
async function teamSellers(pool: HubPool): Promise<TeamSeller[]> {
  const rows = await hubCatalogue.teamSellers(pool);
  return rows.map((x) => ({ marketplace: x.marketplace, sellerKey: x.seller_key, name: x.name, listings: x.listings, captures: x.captures, investigators: x.investigators ?? [], lastCapturedAt: x.last }));
}

async function authenticate(pool: HubPool, req: IncomingMessage): Promise<HubUser> {
  // A browser opening the team's page carries the token in the address (?token=), as \`exhibit serve\` prints it.
  const fromQuery = req.method === 'GET' ? new URL(req.url ?? '/', 'http://hub').searchParams.get('token') : null;
  const m = fromQuery ? [fromQuery, fromQuery] : /^Bearer (\S+)$/.exec(req.headers.authorization ?? '');
  if (!m?.[1]) throw new HttpError(401, 'a token is required (Authorization: Bearer TOKEN; `exhibit hub user add` gives one)');
  const user = await userByToken(pool, m[1]);
  if (!user) throw new HttpError(401, 'this token is not one the hub gave out');
  return user;
}

function needInvestigator(user: HubUser): void {
  if (user.role !== 'investigator') throw new HttpError(403, `${user.name} is a ${user.role}: only an investigator pushes evidence`);
}

function parseJson<T>(schema: z.ZodType<T>, body: Buffer): T {
  let raw: unknown;
  try {
    raw = JSON.parse(body.toString('utf8'));
  } catch {
    throw new HttpError(400, 'the body is not JSON');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new HttpError(400, `the body is not a valid request: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) {
        reject(new HttpError(413, `the body is over ${max} bytes`));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
