import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import type { HubPool } from './db.js';
import { HubObjectMismatch, type HubObjectStore } from './object-store.js';
import { commitRequestSchema, statusRequestSchema } from './protocol.js';
import { PushRefused, pushStatus, receivePush } from './receive.js';
import { hubLang, renderTeamPage, type TeamSeller } from './team-page.js';
import { userByToken, type HubUser } from './users.js';

/** An object travels whole in one request; the capture engine caps a body at 64 MB and a page at 256 MB. */
const MAX_OBJECT_BYTES = 300 * 1024 * 1024;
const MAX_JSON_BYTES = 64 * 1024 * 1024;

export interface HubServer {
  url: string;
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
 * hashed on arrival and staged in the user's incoming area only under its
 * own hash), then the push itself (POST /v1/push/commit), checked before
 * anything of it becomes evidence.
 */
export async function startHubServer(pool: HubPool, store: HubObjectStore, o: { host?: string; port?: number; onObjectStored?: (sha256: string) => void } = {}): Promise<HubServer> {
  const server: Server = createServer((req, res) => {
    handle(pool, store, req, res, o.onObjectStored).catch((e: unknown) => {
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
    const bytes = await readBody(req, MAX_OBJECT_BYTES);
    try {
      const put = await store.putIncoming(user.id, bytes, object[1]);
      onObjectStored?.(put.sha256);
      send(res, 200, put);
    } catch (e) {
      if (e instanceof HubObjectMismatch) throw new HttpError(422, `object ${object[1]}: ${e.message}: refused, not stored`);
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
  const r = await pool.query<{ marketplace: string; seller_key: string; name: string | null; listings: string; captures: string; investigators: string[] | null; last: string | null }>(
    `SELECT s.marketplace, s.seller_key, s.name, COUNT(DISTINCT l.id) AS listings, COUNT(DISTINCT c.id) AS captures,
            array_agg(DISTINCT u.name) FILTER (WHERE u.name IS NOT NULL) AS investigators, MAX(c.captured_at) AS last
     FROM hub_sellers s LEFT JOIN hub_listings l ON l.seller_id = s.id LEFT JOIN hub_captures c ON c.listing_id = l.id LEFT JOIN hub_users u ON u.id = c.pushed_by
     GROUP BY s.id ORDER BY s.marketplace, s.seller_key`,
  );
  return r.rows.map((x) => ({ marketplace: x.marketplace, sellerKey: x.seller_key, name: x.name, listings: Number(x.listings), captures: Number(x.captures), investigators: x.investigators ?? [], lastCapturedAt: x.last }));
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
