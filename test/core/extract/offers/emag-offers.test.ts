import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listListings } from '../../../../electron/core/catalogue/queries.js';
import { readEmagOffers } from '../../../../electron/core/extract/offers/emag.js';
import { importPage } from '../../../../electron/core/import/import-page.js';
import { readCustodyLog } from '../../../../electron/core/workspace/custody.js';
import { verifyWorkspace } from '../../../../electron/core/workspace/verify/verify-workspace.js';
import type { Workspace } from '../../../../electron/core/workspace/workspace.js';
import { tempDir } from '../../../helpers/tmp.js';
import { newWorkspace } from '../../../helpers/workspace.js';

/*
 * eMAG shows other vendors' offers for one product under "Alte oferte":
 * each vendor is filed as a seller of the listing, as Amazon's are. Read
 * from a page in eMAG's layout written here, and from a real saved eMAG
 * product page (../shared/fixtures/marketplace-pages), both imported as
 * captures through the same filing an in-browser capture takes.
 */

const FIXTURES = process.env.EXHIBIT_PAGE_FIXTURES ?? fileURLToPath(new URL('../../../../../shared/fixtures/marketplace-pages/', import.meta.url));
const REAL = join(FIXTURES, 'pages/2fa16d14a9e343cca43ccf01e9ef9103ebac2f38640bd0c2844befeed91f54ca.html.gz');
const REAL_URL = 'https://www.emag.ro/whiskey-jack-daniel-s-single-barrel-45-0-7l-5099873388655/pd/DWFWKMMBM/';
if (!existsSync(REAL)) console.warn(`the real saved eMAG page is skipped: ${REAL} is not there (set EXHIBIT_PAGE_FIXTURES to the marketplace-pages fixtures)`);

const SHOP_URL = 'https://www.emag.ro/gourde-nordkap-500-ml/pd/DNK500FLSK/';
const offer = (o: { vendor: string; slug: string; name: string; price: string; printed: [string, string]; resealed?: boolean }) => `
  <div class="panel-body js-po-offer" data-offer-id="9${o.vendor}" data-vendor-id="${o.vendor}">
    <form action="https://www.emag.ro/newaddtocart?source=front&amp;source_area=other_offers" method="post">
      ${o.resealed ? '<span class="label label-resealed">Resigilat</span>' : '<span class="label label-in_stock">În stoc</span>'}
      <div class="po-text-small inline-block">Vândut de <a href="/${o.slug}/${o.vendor}/v?ref=see_vendor_page_so"><strong>${o.name}</strong></a></div>
      <p class="product-new-price">${o.printed[0]}<sup>${o.printed[1]}</sup> <span>Lei</span></p>
      <button type="button" class="btn" data-offer-id="9${o.vendor}" data-new-price="${o.price}" data-product-type="other-offer">Cumpara in Rate</button>
    </form>
  </div>`;
const SHOP_PAGE = `<!doctype html><html lang="ro"><head><meta charset="utf-8"><title>Gourde Nordkap 500 ml - eMAG.ro</title>
<link rel="canonical" href="${SHOP_URL}">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"Product","name":"Gourde Nordkap 500 ml","sku":"DNK500FLSK","offers":{"@type":"Offer","price":"249.00","priceCurrency":"RON","availability":"https://schema.org/InStock"}}</script>
</head><body><h1 class="page-title">Gourde Nordkap 500 ml</h1>
<p class="product-new-price">249<sup>00</sup> <span>Lei</span></p>
<section class="js-alternative-offers-section"><div class="container panel-offers-container" id="other-offers-list">
  <h3 class="title">Alte oferte <small>(3 oferte)</small></h3>
  ${offer({ vendor: '40777', slug: 'bottleshop', name: 'Bottle Shop SRL', price: '239.00', printed: ['239', '00'] })}
  ${offer({ vendor: '77120', slug: 'flaskfactory', name: 'Flask Factory', price: '59.99', printed: ['59', '99'] })}
  ${offer({ vendor: '77120', slug: 'flaskfactory', name: 'Flask Factory', price: '54.99', printed: ['54', '99'], resealed: true })}
</div></section></body></html>`;

let ws: Workspace;
beforeAll(async () => {
  ws = await newWorkspace(undefined, 'suite');
}, 30_000);
afterAll(async () => {
  await ws?.close();
});

describe("eMAG's other offers", () => {
  it('reads each vendor offer of the page: vendor id and name, price as a number and as printed, new or resealed', () => {
    expect(readEmagOffers(SHOP_PAGE, SHOP_URL).map((o) => [o.sellerId, o.sellerName, o.price, o.currency, o.priceText, o.condition])).toEqual([
      ['40777', 'Bottle Shop SRL', '239.00', 'RON', '239,00 Lei', 'new'],
      ['77120', 'Flask Factory', '59.99', 'RON', '59,99 Lei', 'new'],
      ['77120', 'Flask Factory', '54.99', 'RON', '54,99 Lei', 'resealed'],
    ]);
    // Only on eMAG: the same markup elsewhere is no eMAG offers list.
    expect(readEmagOffers(SHOP_PAGE, 'https://shop.example/gourde')).toEqual([]);
    expect(readEmagOffers('<html><body>Alte oferte</body></html>', SHOP_URL)).toEqual([]);
  });

  it('files each vendor as a seller of the listing, once, each a custody entry, and verification holds', async () => {
    const file = join(tempDir(), 'emag-shop.html');
    writeFileSync(file, SHOP_PAGE);
    const imported = await importPage(ws, { file, url: SHOP_URL });
    if (!imported.ok) throw new Error(JSON.stringify(imported.error));
    const listing = (await listListings(ws.db)).find((l) => l.marketplace === 'emag.ro' && l.listingKey === 'DNK500FLSK');
    expect(listing?.sellers.map((s) => [s.sellerKey, s.name, s.via.join('+'), s.offer?.price ?? null, s.offer?.condition ?? null])).toEqual([
      ['40777', 'Bottle Shop SRL', 'offer', '239.00', 'new'],
      ['77120', 'Flask Factory', 'offer', '59.99', 'new'],
    ]);
    const filed = (await readCustodyLog(ws.db)).filter((e) => e.action === 'listing.offer-filed' && e.subject === listing!.id);
    expect(filed.map((e) => (JSON.parse(e.details) as { sellerKey: string }).sellerKey)).toEqual(['40777', '77120']);
    expect((await verifyWorkspace(ws)).problems).toEqual([]);
  });

  it.skipIf(!existsSync(REAL))('reads and files the other vendor of a real saved eMAG product page', async () => {
    const html = gunzipSync(readFileSync(REAL)).toString('utf8');
    expect(readEmagOffers(html, REAL_URL)).toEqual([
      { position: 0, priceText: '271,99 Lei', price: '271.99', currency: 'RON', shippingPriceText: null, condition: 'new', sellerName: 'Frentzy Fresh Carn', sellerId: '40503', soldByAmazon: false, shipsFrom: null, feedbackCount: null },
    ]);
    const file = join(tempDir(), 'emag-real.html');
    writeFileSync(file, html);
    const imported = await importPage(ws, { file, url: REAL_URL });
    if (!imported.ok) throw new Error(JSON.stringify(imported.error));
    const listing = (await listListings(ws.db)).find((l) => l.marketplace === 'emag.ro' && l.listingKey === 'DWFWKMMBM');
    expect(listing?.sellers.map((s) => [s.sellerKey, s.name, s.offer?.price, s.offer?.currency])).toEqual([['40503', 'Frentzy Fresh Carn', '271.99', 'RON']]);
    expect((await verifyWorkspace(ws)).problems).toEqual([]);
  });
});
