import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { err, ok, type Result } from '../core/util/result.js';

/** What a request asks for: its URL parsed against the server's origin, every percent-escape in it checked. */
export function requestTarget(raw: string | undefined, origin: string): Result<URL, string> {
  const target = raw ?? '/';
  // Origin-form only ("/path?query"): "//host/x" or "http://…" would be read as another host.
  if (!target.startsWith('/') || target.startsWith('//')) return err('bad request: the request target must be a path starting with a single /');
  const q = target.indexOf('?');
  const path = q < 0 ? target : target.slice(0, q);
  const query = q < 0 ? '' : target.slice(q + 1);
  if (!decodes(path)) return err('bad request: the path has malformed percent-encoding (each % must start a %XX escape of valid UTF-8)');
  if (!query.split(/[&=]/).every((part) => decodes(part.replace(/\+/g, ' ')))) return err('bad request: the query has malformed percent-encoding (each % must start a %XX escape of valid UTF-8)');
  try {
    return ok(new URL(origin + target));
  } catch {
    return err('bad request: the request target is not a valid URL path');
  }
}

function decodes(s: string): boolean {
  try {
    decodeURIComponent(s);
    return true;
  } catch {
    return false;
  }
}

/** Constant-time comparison of a secret a request presents with the one expected. */
export function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A cookie's value as the request carries it, or ''. */
export function cookie(req: IncomingMessage, name: string): string {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return '';
}

/** The API token from a header (X-Exhibit-Token, or Authorization: Bearer), never from a cookie. */
export function headerToken(req: IncomingMessage): string {
  const own = req.headers['x-exhibit-token'];
  if (typeof own === 'string') return own;
  const auth = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return auth?.[1] ?? '';
}

/**
 * The body, up to limit bytes, whether the client sent a Content-Length or
 * not (chunked). Past the limit nothing more is read or kept: 'too-large',
 * and the caller answers 413 and closes the connection (see refuseTooLarge).
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Result<Buffer, 'too-large' | 'aborted'>> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > limit) return Promise.resolve(err('too-large'));
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (r: Result<Buffer, 'too-large' | 'aborted'>) => {
      req.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
      resolve(r);
    };
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        req.pause();
        stop(err('too-large'));
      } else chunks.push(c);
    };
    const onEnd = () => stop(ok(Buffer.concat(chunks)));
    const onError = () => stop(err('aborted'));
    const onClose = () => stop(req.complete ? ok(Buffer.concat(chunks)) : err('aborted'));
    req.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}

/** 413 at once, and the connection closed: the rest of the body is never read. */
export function refuseTooLarge(req: IncomingMessage, res: ServerResponse, limit: number): void {
  res.writeHead(413, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' });
  res.end(`request too large: the limit is ${limit} bytes`, () => req.socket.destroy());
}
