import { createServer as createHttp, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttps } from 'node:https';
import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createGzip } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import type { Writable } from 'node:stream';
import { png, pngSize } from './png.mjs';
import { tempDir } from './tmp.js';

/** A PNG of one colour. */
const solidPng = (width: number, height: number, rgb: [number, number, number] = [200, 30, 30]) => png(width, height, () => rgb);

export { pngSize };

export const LISTING_HTML = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Genuine Leather Handbag – Luxe Brand | Example Market</title>
<style>body{font:16px sans-serif;margin:0} .spacer{height:2400px;background:linear-gradient(#fff,#eef)}</style></head>
<body>
<h1 id="title">Genuine Leather Handbag – Luxe Brand</h1>
<p>Price: <span id="price">US $89.99</span></p>
<p>Sold by <a href="/seller/luxury_deals_88">luxury_deals_88</a></p>
<img src="/img/hero.png" width="300" height="200" alt="hero">
<div class="spacer"></div>
<div id="lazy">waiting</div>
<script>
  // Lazy content: appears only once the bottom of the page is scrolled into view.
  new IntersectionObserver((entries, obs) => {
    if (entries.some((e) => e.isIntersecting)) {
      obs.disconnect();
      fetch('/api/reviews').then((r) => r.json()).then((d) => {
        document.getElementById('lazy').textContent = d.text;
        const img = document.createElement('img');
        img.src = '/img/lazy.png';
        document.body.appendChild(img);
      });
    }
  }).observe(document.getElementById('lazy'));
</script>
</body></html>`;

/** A one-page PDF saying "Price list", small enough to write out by hand. */
export const MINIMAL_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 144]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>endobj\n4 0 obj<</Length 44>>stream\nBT /F1 24 Tf 40 70 Td (Price list) Tj ET\nendstream endobj\n5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A route that serves one of the project's own marketplace-shaped pages (test/fixtures/marketplace-pages/NAME.html). */
export function marketplacePage(name: string, transform: (html: string) => string = (h) => h): Handler {
  const body = transform(readFileSync(new URL(`../fixtures/marketplace-pages/${name}.html`, import.meta.url), 'utf8'));
  return (_q, res) => html(res, body);
}

const html = (res: ServerResponse, body: string, status = 200, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers });
  res.end(body);
};

/** Decoded size of a gzip bomb: over the 64 MB a body may take, small on the wire. */
export const BOMB_BYTES = 96 * 1024 * 1024;

/** A gzip bomb, streamed: zeros gzip to a thousandth of their size, and nothing this big is ever held here. */
export function gzipBomb(contentType: string): Handler {
  return (_q, res) => {
    res.writeHead(200, { 'content-type': contentType, 'content-encoding': 'gzip' });
    const gzip = createGzip({ level: 1 });
    gzip.pipe(res);
    res.on('close', () => gzip.destroy());
    streamBytes(gzip, BOMB_BYTES);
  };
}

/** Writes `total` bytes of `fill` a megabyte at a time, as fast as the reader takes them, then ends: never held whole. */
export function streamBytes(out: Writable, total: number, fill = 0): void {
  const chunk = Buffer.alloc(1024 * 1024, fill);
  let sent = 0;
  const pump = () => {
    while (sent < total) {
      sent += chunk.length;
      if (!out.write(chunk)) return void out.once('drain', pump);
    }
    out.end();
  };
  pump();
}

/** The pages the capture tests visit: a listing, and every kind of trouble. */
export const ROUTES: Record<string, Handler> = {
  '/listing': (_q, res) => html(res, LISTING_HTML, 200, { 'x-fixture': 'listing' }),
  '/img/hero.png': (_q, res) => {
    res.writeHead(200, { 'content-type': 'image/png' });
    res.end(solidPng(300, 200, [30, 90, 200]));
  },
  '/img/lazy.png': (_q, res) => {
    res.writeHead(200, { 'content-type': 'image/png' });
    res.end(solidPng(40, 40, [20, 160, 20]));
  },
  '/api/reviews': (_q, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ text: 'Loaded lazily: 4.8 stars from 1,204 reviews' }));
  },
  '/r1': (_q, res) => {
    res.writeHead(301, { location: '/r2' });
    res.end();
  },
  '/r2': (_q, res) => {
    res.writeHead(302, { location: '/listing' });
    res.end();
  },
  '/loop-a': (_q, res) => {
    res.writeHead(302, { location: '/loop-b' });
    res.end();
  },
  '/loop-b': (_q, res) => {
    res.writeHead(302, { location: '/loop-a' });
    res.end();
  },
  '/gone': (_q, res) => html(res, '<h1>This listing has been removed</h1>', 410),
  '/broken': (_q, res) => html(res, '<h1>Internal error</h1>', 503),
  '/hang': (_q, res) => {
    // Headers and the start of the page, then nothing: the load event never comes.
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.write('<!DOCTYPE html><html><head><title>Slow listing</title></head><body><h1>Half a page</h1><p>The rest never arrives.</p>');
  },
  '/dialogs': (_q, res) => html(res, '<title>Dialogs</title><h1>Dialogs page</h1><script>alert("You won a prize!"); const ok = confirm("Leave this page?"); document.body.insertAdjacentHTML("beforeend", "<p id=c>confirm said " + ok + "</p>");</script>'),
  '/popup': (_q, res) => html(res, '<title>Pop-up</title><h1>Pop-up page</h1><script>window.open("/listing", "_blank");</script>'),
  '/download': (_q, res) => {
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-disposition': 'attachment; filename="price-list.xlsx"' });
    res.end(Buffer.alloc(2048, 7));
  },
  '/image.png': (_q, res) => {
    res.writeHead(200, { 'content-type': 'image/png' });
    res.end(solidPng(120, 80));
  },
  '/file.pdf': (_q, res) => {
    res.writeHead(200, { 'content-type': 'application/pdf' });
    res.end(MINIMAL_PDF);
  },
  '/tall': (_q, res) => html(res, '<!DOCTYPE html><title>Tall</title><style>body{margin:0}div{height:100000px;background:repeating-linear-gradient(#fff 0 1000px,#ddd 1000px 2000px)}</style><div></div><p id=end>end</p>'),
  '/account': (req, res) => {
    // A logged-in page in miniature: the cookie set on the first visit is what the second one shows.
    const known = /(?:^|; )session=abc/.test(req.headers.cookie ?? '');
    html(res, `<title>Account</title><h1>${known ? 'Welcome back, jane' : 'First visit'}</h1>`, 200, known ? {} : { 'set-cookie': 'session=abc; Path=/; Max-Age=3600' });
  },
  '/pdf-bomb': gzipBomb('application/pdf'),
  '/captcha': (_q, res) => html(res, '<title>Robot Check</title><h4>Enter the characters you see below</h4><p>Sorry, we just need to make sure you\'re not a robot.</p><form action="/errors/validateCaptcha"><input name=field-keywords></form>'),
};

export interface FixtureServer {
  url: (path: string) => string;
  port: number;
  close(): Promise<void>;
}

export async function startFixtureServer(routes: Record<string, Handler> = ROUTES): Promise<FixtureServer> {
  const sockets = new Set<import('node:net').Socket>();
  const server: Server = createHttp((req, res) => {
    const route = routes[(req.url ?? '/').split('?')[0]!];
    if (route) route(req, res);
    else html(res, '<h1>Not found</h1>', 404);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: (path) => `http://127.0.0.1:${port}${path}`,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((r) => server.close(() => r()));
    },
  };
}

/** A self-signed certificate for 127.0.0.1, made with the openssl command-line tool. */
export function selfSignedCertificate(): { key: Buffer; cert: Buffer; spkiSha256Base64: string } {
  const dir = tempDir();
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '2', '-subj', '/CN=Exhibit Test Shop/O=Exhibit Tests', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { stdio: 'ignore' });
  const cert = readFileSync(join(dir, 'cert.pem'));
  const spki = new X509Certificate(cert).publicKey.export({ type: 'spki', format: 'der' });
  return { key: readFileSync(join(dir, 'key.pem')), cert, spkiSha256Base64: createHash('sha256').update(spki).digest('base64') };
}

export async function startHttpsServer(tls: { key: Buffer; cert: Buffer }): Promise<FixtureServer> {
  const server = createHttps(tls, (_req, res) => html(res, '<!DOCTYPE html><title>Secure shop</title><h1>Secure listing</h1>'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return { port, url: (path) => `https://127.0.0.1:${port}${path}`, close: () => new Promise((r) => server.close(() => r())) };
}

/** A forward HTTP proxy on 127.0.0.1 that records the URLs it carried. */
export async function startHttpProxy(): Promise<{ seen: string[]; port: number; url: () => string; close(): Promise<void> }> {
  const { request } = await import('node:http');
  const seen: string[] = [];
  const server = createHttp((req, res) => {
    seen.push(req.url ?? '');
    const upstream = request(req.url ?? '', { method: req.method, headers: { ...req.headers, via: '1.1 exhibit-test-proxy' } }, (up) => {
      res.writeHead(up.statusCode ?? 502, { ...up.headers, 'x-via-test-proxy': 'yes' });
      up.pipe(res);
    });
    upstream.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return { seen, port, url: () => `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}
