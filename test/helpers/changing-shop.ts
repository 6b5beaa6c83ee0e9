import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { readFileSync } from 'node:fs';

/**
 * A marketplace on 127.0.0.1 whose pages change between runs, as a
 * counterfeiter's listings do: prices move, listings come down (a 404 or the
 * marketplace's own notice), a captcha appears, the network fails, new
 * listings show up on the storefront. Pages are the project's Amazon-shaped
 * fixtures, recognised as Amazon's by the marks in the page.
 */
export type ListingState = 'v1' | 'v2' | '404' | 'notice' | 'captcha' | 'down' | 'flaky' | 'spinning';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/marketplace-pages/${name}.html`, import.meta.url), 'utf8');
const LISTING = fixture('amazon-de-listing');
const STOREFRONT = fixture('amazon-storefront');
const FRAME = `<script>var ue_id = 'EXHIBITTESTUEID00002';</script><div id="navbar"><a id="nav-logo" href="/">Amazon</a></div>`;

export const SELLER = 'A1EXHIBITNORD1';
export const NEW_ASIN = 'B0TESTNEW1';

function listingPage(asin: string, state: 'v1' | 'v2'): string {
  let html = LISTING.replaceAll('B0TEST1DE1', asin);
  if (asin !== 'B0TEST1DE1') html = html.replace(/<span id="productTitle"[^>]*>/, (m) => `${m}${asin} `);
  if (state === 'v2') {
    html = html
      .replaceAll('1.234,56', '999,00')
      .replace('a-price-whole">1.234', 'a-price-whole">999')
      .replace('a-price-fraction">56', 'a-price-fraction">00');
  }
  return html;
}

function storefrontPage(extra: boolean): string {
  if (!extra) return STOREFRONT.replace('<body>', `<body>${FRAME}`);
  const card = `<div data-asin="${NEW_ASIN}" class="s-result-item"><h2><a class="a-link-normal" href="/Nordkap-Flask/dp/${NEW_ASIN}/ref=sr_1_3?me=${SELLER}"><span>Nordkap Flask 500 ml</span></a></h2></div>`;
  return STOREFRONT.replace('<body>', `<body>${FRAME}`).replace('</body>', `${card}</body>`);
}

const REMOVED_NOTICE = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Amazon.de Seite nicht gefunden</title></head>
<body>${FRAME}<h1>Suchen Sie bestimmte Informationen?</h1><p>Es tut uns leid. Die eingegebene Webadresse ist keine funktionierende Seite auf unserer Website.</p></body></html>`;
const CAPTCHA = "<title>Robot Check</title><h4>Enter the characters you see below</h4><p>Sorry, we just need to make sure you're not a robot.</p><form action=\"/errors/validateCaptcha\"><input name=field-keywords></form>";

export interface ChangingShop {
  /** each listing's state by ASIN; ASINs not named are 'v1' */
  listings: Map<string, ListingState>;
  storefrontHasNewListing: boolean;
  /** how long each listing page takes to answer, ms */
  delayMs: number;
  /** requests served, by path */
  hits: Map<string, number>;
  url(path: string): string;
  listingUrl(asin: string): string;
  storefrontUrl(): string;
  close(): Promise<void>;
}

export async function startChangingShop(): Promise<ChangingShop> {
  const sockets = new Set<Socket>();
  let flakyFailed = new Set<string>();
  const shop: Partial<ChangingShop> = { listings: new Map(), storefrontHasNewListing: false, delayMs: 0, hits: new Map() };
  const send = (res: ServerResponse, body: string, status = 200) => {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
    res.end(body);
  };
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    shop.hits!.set(path, (shop.hits!.get(path) ?? 0) + 1);
    const dp = /\/dp\/([A-Z0-9]{10})/.exec(path);
    // The storefront, and the seller profile a listing's "Sold by" links to.
    if (path === '/s' || path.startsWith('/gp/help/seller/')) return send(res, storefrontPage(shop.storefrontHasNewListing === true));
    if (!dp) return send(res, '<h1>Not found</h1>', 404);
    const asin = dp[1]!;
    const state = shop.listings!.get(asin) ?? 'v1';
    const answer = () => {
      switch (state) {
        case 'v1':
        case 'v2':
          return send(res, listingPage(asin, state));
        case '404':
          return send(res, `<!DOCTYPE html><title>Page Not Found</title><body>${FRAME}<h1>Sorry! We couldn't find that page</h1></body>`, 404);
        case 'notice':
          return send(res, REMOVED_NOTICE);
        case 'captcha':
          return send(res, CAPTCHA);
        case 'spinning':
          // The listing, then a script that never yields: a hostile page.
          return send(res, `${listingPage(asin, 'v1')}<script>addEventListener("load", () => setTimeout(() => { for (;;) {} }, 50));</script>`);
        case 'down':
          return req.socket.destroy();
        case 'flaky':
          // The server has a bad minute: the first request gets a 503, the next ones the page, changed.
          if (!flakyFailed.has(asin)) {
            flakyFailed.add(asin);
            return send(res, '<h1>Service Unavailable</h1>', 503);
          }
          return send(res, listingPage(asin, 'v2'));
      }
    };
    if (shop.delayMs! > 0) setTimeout(answer, shop.delayMs);
    else answer();
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const url = (p: string) => `http://127.0.0.1:${port}${p}`;
  return Object.assign(shop as ChangingShop, {
    url,
    listingUrl: (asin: string) => url(`/dp/${asin}`),
    storefrontUrl: () => url(`/s?me=${SELLER}`),
    close: () => {
      flakyFailed = new Set();
      for (const s of sockets) s.destroy();
      return new Promise<void>((r) => server.close(() => r()));
    },
  });
}
