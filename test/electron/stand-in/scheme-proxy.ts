import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';

/**
 * Chromium without Electron does not know the app's own schemes (app://):
 * a scheme given to protocol.handle is served here on a loopback origin, and
 * URLs are translated both ways, so the page loads through the shell's real
 * handler while every URL the shell sees (getURL, the navigation events, the
 * IPC sender's frame) is the app:// one. app://HOST/PATH is
 * http://127.0.0.1:PORT/HOST/PATH on the page.
 */
type Handler = (request: Request) => Response | Promise<Response>;

const proxies = new Map<string, { server: Server; origin: Promise<string> }>();
const origins = new Map<string, string>();

export function proxyScheme(scheme: string, handler: Handler): void {
  const server = createServer((req, res) => {
    const [, host, ...rest] = (req.url ?? '/').split('/');
    const url = `${scheme}://${host}/${rest.join('/')}`;
    Promise.resolve(handler(new Request(url)))
      .then(async (r) => {
        res.writeHead(r.status, Object.fromEntries(r.headers));
        if (r.body) Readable.fromWeb(r.body as never).pipe(res);
        else res.end();
      })
      .catch((e: unknown) => {
        res.writeHead(500);
        res.end(String(e));
      });
  });
  const origin = new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
  void origin.then((o) => origins.set(scheme, o));
  proxies.set(scheme, { server, origin });
}

/** The URL to give Chromium. */
export async function toPage(url: string): Promise<string> {
  const scheme = url.split(':')[0]!;
  const p = proxies.get(scheme);
  return p ? `${await p.origin}/${url.slice(scheme.length + 3)}` : url;
}

/** The URL the shell would see in Electron. */
export function fromPage(url: string): string {
  for (const [scheme, origin] of origins) if (url.startsWith(`${origin}/`)) return `${scheme}://${url.slice(origin.length + 1)}`;
  return url;
}

export async function closeProxies(): Promise<void> {
  for (const p of proxies.values()) await new Promise((r) => p.server.close(r));
  proxies.clear();
  origins.clear();
}
