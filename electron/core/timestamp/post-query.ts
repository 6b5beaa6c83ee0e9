import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

export type PostResult = { ok: true; body: Buffer } | { ok: false; error: string };

const MAX_REDIRECTS = 3;

/**
 * POSTs a TimeStampReq and reads the answer, bounded in time and size. Built
 * on node:http rather than fetch: a fetch whose authority never answers is
 * not reliably aborted on Node 20 (its signal is held weakly), and a socket
 * left open would keep a command from exiting.
 */
export function postTimestampQuery(url: string, body: Uint8Array, o: { timeoutMs: number; maxBytes: number; signal?: AbortSignal }): Promise<PostResult> {
  const deadline = Date.now() + o.timeoutMs;
  return post(new URL(url), body, deadline, o, 0);
}

function post(url: URL, body: Uint8Array, deadline: number, o: { timeoutMs: number; maxBytes: number; signal?: AbortSignal }, hops: number): Promise<PostResult> {
  return new Promise((resolve) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    let settled = false;
    const finish = (r: PostResult | Promise<PostResult>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      o.signal?.removeEventListener('abort', onAbort);
      resolve(r);
    };
    const req = send(url, {
      method: 'POST',
      headers: { 'content-type': 'application/timestamp-query', accept: 'application/timestamp-reply', 'content-length': body.byteLength, connection: 'close' },
      agent: false,
    });
    const timer = setTimeout(() => {
      req.destroy();
      finish({ ok: false, error: `no answer within ${Math.round(o.timeoutMs / 1000)} s` });
    }, Math.max(0, deadline - Date.now()));
    const onAbort = () => {
      req.destroy();
      finish({ ok: false, error: 'cancelled' });
    };
    o.signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', (e: NodeJS.ErrnoException) => finish({ ok: false, error: describeNetError(e) }));
    req.on('response', (res: IncomingMessage) => {
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if ([301, 302, 303, 307, 308].includes(status) && location && hops < MAX_REDIRECTS) {
        res.resume();
        let next: URL;
        try {
          next = new URL(location, url);
        } catch {
          finish({ ok: false, error: `redirected to an address that is not a URL (${location})` });
          return;
        }
        if (next.protocol !== 'http:' && next.protocol !== 'https:') {
          finish({ ok: false, error: `redirected to ${next.protocol} (${next.href})` });
          return;
        }
        finish(post(next, body, deadline, o, hops + 1));
        return;
      }
      if (status !== 200) {
        res.resume();
        finish({ ok: false, error: `answered HTTP ${status}${res.statusMessage ? ` ${res.statusMessage}` : ''}` });
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > o.maxBytes) {
          req.destroy();
          finish({ ok: false, error: `answered more than ${o.maxBytes} bytes, more than a time-stamp response can be` });
        } else chunks.push(c);
      });
      res.on('end', () => finish({ ok: true, body: Buffer.concat(chunks) }));
      res.on('error', (e: NodeJS.ErrnoException) => finish({ ok: false, error: describeNetError(e) }));
    });
    req.end(body);
  });
}

function describeNetError(e: NodeJS.ErrnoException): string {
  const code = e.code;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `cannot be reached: its name does not resolve (${code}; offline?)`;
  if (code === 'ECONNREFUSED') return 'cannot be reached: connection refused';
  if (code === 'ECONNRESET') return 'cannot be reached: the connection was reset';
  return `cannot be reached: ${e.message}`;
}
