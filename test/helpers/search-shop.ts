import type { ServerResponse } from 'node:http';
import { startFixtureServer, type FixtureServer, type Handler } from './fixture-server.js';
import { flaskPng, mirroredFlaskPng, stripesPng } from './brand-images.js';

/**
 * Marketplace search pages on 127.0.0.1, in the layouts of Amazon, eBay
 * and Etsy and in one no reader knows, for the brand "Nordkap" whose flask
 * retails at 49.90 EUR: genuine offers and fakes side by side. The fakes
 * give themselves away as fakes do: a price far under retail, replica words
 * in some language, the official photo reused (mirrored on one), the brand
 * sold by a seller the brand never authorised. Results can be taken down
 * between runs.
 */
export interface Result {
  id: string;
  title: string;
  price: string;
  seller?: { id: string; name: string; feedback?: number };
  image: 'official' | 'mirrored' | 'other';
  fake: boolean;
}

export const AMAZON_PAGE_1: Result[] = [
  { id: 'B0NORDKAP1', title: 'Nordkap Flask 500 ml, stainless steel', price: '49,90', image: 'other', fake: false },
  { id: 'B0FAKE0001', title: 'Nordkap Flask 500ml 1:1 replica mirror quality', price: '11,99', image: 'official', fake: true },
  { id: 'B0OTHER001', title: 'Steel bottle 750 ml, leak-proof', price: '19,99', image: 'other', fake: false },
];
export const AMAZON_PAGE_2: Result[] = [
  { id: 'B0FAKE0002', title: 'Trinkflasche Nordkap Nachbildung 500 ml', price: '14,50', image: 'mirrored', fake: true },
  { id: 'B0NORDKAP2', title: 'Nordkap Flask 1 l, stainless steel', price: '59,90', image: 'other', fake: false },
];
export const EBAY: Result[] = [
  { id: '111111111111', title: 'Nordkap Flask 500 ml OVP', price: 'EUR 47,00', seller: { id: 'nordkap_official', name: 'nordkap_official' }, image: 'other', fake: false },
  { id: '222222222222', title: 'Nordkap Flask 500 ml NEU', price: 'EUR 9,99', seller: { id: 'bestbottles_cn', name: 'bestbottles_cn', feedback: 3 }, image: 'official', fake: true },
];
export const ETSY: Result[] = [
  { id: '900001', title: 'Hand-painted flask, one of a kind', price: '35.00', seller: { id: '5501', name: 'PaintedThings' }, image: 'other', fake: false },
  { id: '900002', title: 'Gourde Nordkap réplique 500 ml', price: '12.00', seller: { id: '5502', name: 'CopieShop' }, image: 'official', fake: true },
];
export const OTHER: Result[] = [
  { id: '7001', title: 'Nordkap Flask 500 ml 高仿 一比一', price: '€ 8,50', image: 'official', fake: true },
  { id: '7002', title: 'Garden hose 20 m', price: '€ 24,00', image: 'other', fake: false },
];

/**
 * A genuine product's Amazon page whose offers panel also shows other
 * sellers' offers (where counterfeits hide), and its all-offers page in the
 * older offer-listing layout with one more seller.
 */
export const OFFERS_ASIN = 'B0NORDKAP5';
export interface ShopOffer {
  id: string;
  name: string;
  price: string;
  shipsFrom: string;
  condition: string;
  /** "(N total ratings)" shown with the offer */
  ratings?: number;
}
export const PANEL_OFFERS: ShopOffer[] = [
  { id: 'A1NORDKAPOFFICIAL', name: 'Nordkap Official', price: '49,90', shipsFrom: 'Amazon', condition: 'New' },
  { id: 'A9CHEAPBOTTLES', name: 'Cheap Bottles', price: '11,99', shipsFrom: 'China', condition: 'New', ratings: 3 },
];
/** A fake's own product page: replica words, the official photo, a price far under retail, an unknown seller. */
export const FAKE_PRODUCT = { asin: 'B0FAKE0009', title: 'Nordkap Flask 500ml replica 1:1 mirror quality', price: '12,99', seller: { id: 'A5FLASKFACTORY', name: 'Flask Factory' } };
export const ALL_OFFERS: ShopOffer[] = [...PANEL_OFFERS, { id: 'A7FLASKDEALS', name: 'Flask Deals 24', price: '9,50', shipsFrom: 'China', condition: 'New' }];

export interface SearchShop extends FixtureServer {
  /** listing ids taken down: no longer in the results */
  takenDown: Set<string>;
  amazonUrl: string;
  ebayUrl: string;
  etsyUrl: string;
  otherUrl: string;
  /** requests for listing pages (captured in full), by path */
  listingHits: string[];
  /** requests for result thumbnails, by path, with who asked (the capture's browser, or a fetch outside it) */
  imageHits: { path: string; userAgent: string }[];
  /** thumbnails are answered this late (0: at once): a result page that is slow to settle */
  imageDelayMs: number;
  /** an Amazon listing page's picture is answered this late (0: the page has none): a listing slow to settle while captured in full */
  listingDelayMs: number;
  /** the product page of OFFERS_ASIN: bought from Nordkap Official, other sellers' offers in its panel */
  offersDetailUrl: string;
  /** the all-offers page of OFFERS_ASIN (offer-listing layout) */
  allOffersUrl: string;
  /** FAKE_PRODUCT's page */
  fakeProductUrl: string;
}

function aodOffer(o: ShopOffer, pinned: boolean): string {
  return `<div id="${pinned ? 'aod-pinned-offer' : 'aod-offer'}">
  <div id="aod-offer-heading"><h5>${o.condition}</h5></div>
  <span class="a-price"><span class="a-offscreen">${o.price} €</span></span>
  <div id="aod-offer-shipsFrom"><span class="a-color-tertiary">Ships from</span><span class="a-size-small a-color-base">${esc(o.shipsFrom)}</span></div>
  <div id="aod-offer-soldBy"><span class="a-color-tertiary">Sold by</span><a class="a-size-small a-link-normal" href="/gp/aag/main?ie=UTF8&seller=${o.id}&asin=${OFFERS_ASIN}">${esc(o.name)}</a></div>
  ${o.ratings !== undefined ? `<div id="aod-offer-seller-rating"><span>(${o.ratings} total ratings)</span></div>` : ''}
</div>`;
}

function detailWithOffers(): string {
  const [buyBox, ...others] = PANEL_OFFERS;
  return page(
    'Amazon.de: Nordkap Flask 500 ml',
    `<div id="dp"><input type="hidden" id="ASIN" value="${OFFERS_ASIN}">
<h1 id="title"><span id="productTitle">Nordkap Flask 500 ml, stainless steel</span></h1>
<div id="corePrice_feature_div"><span class="a-price"><span class="a-offscreen">${buyBox!.price} €</span></span></div>
<div id="merchant-info">Ships from and sold by <a id="sellerProfileTriggerId" href="/gp/help/seller/at-a-glance.html?seller=${buyBox!.id}">${esc(buyBox!.name)}</a>.</div>
<div id="aod-container"><h2>Other sellers on Amazon</h2>${aodOffer(buyBox!, true)}<div id="aod-offer-list">${others.map((o) => aodOffer(o, false)).join('\n')}</div></div></div>`,
  );
}

function fakeProduct(): string {
  const f = FAKE_PRODUCT;
  return page(
    `Amazon.de: ${f.title}`,
    `<div id="dp"><input type="hidden" id="ASIN" value="${f.asin}">
<h1 id="title"><span id="productTitle">${esc(f.title)}</span></h1>
<div id="imgTagWrapperId"><img id="landingImage" src="/img/official.png" alt=""></div>
<div id="corePrice_feature_div"><span class="a-price"><span class="a-offscreen">${f.price} €</span></span></div>
<div id="merchant-info">Ships from and sold by <a id="sellerProfileTriggerId" href="/gp/help/seller/at-a-glance.html?seller=${f.seller.id}">${esc(f.seller.name)}</a>.</div></div>`,
  );
}

function offerListing(): string {
  const rows = ALL_OFFERS.map(
    (o) => `<div class="a-row a-spacing-mini olpOffer" role="row">
  <div class="a-column a-span2 olpPriceColumn"><span class="a-size-large a-color-price olpOfferPrice a-text-bold">EUR ${o.price}</span><p class="olpShippingInfo"><span class="olpShippingPrice">EUR 3,99</span></p></div>
  <div class="a-column a-span3 olpConditionColumn"><span class="a-size-medium olpCondition a-text-bold">${o.condition}</span></div>
  <div class="a-column a-span2 olpSellerColumn"><h3 class="a-spacing-none olpSellerName"><span class="a-size-medium a-text-bold"><a href="/gp/aag/main/ref=olp_merch_name_1?ie=UTF8&asin=${OFFERS_ASIN}&isAmazonFulfilled=0&seller=${o.id}">${esc(o.name)}</a></span></h3></div>
</div>`,
  ).join('\n');
  return page('Amazon.de: Buying Choices: Nordkap Flask 500 ml', `<script>var ue_id = 'OLP0SHOP';</script><div id="nav-logo"></div><div id="olpProductDetails"><h1>Nordkap Flask 500 ml, stainless steel</h1></div><input type="hidden" id="ASIN" value="${OFFERS_ASIN}"><div id="olpOfferList">${rows}</div>`);
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
const page = (title: string, body: string) => `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${esc(title)}</title></head><body>${body}</body></html>`;
const img = (r: Result) => `/img/${r.image}.png`;

function amazon(results: Result[]): string {
  const cards = results
    .map(
      (r, i) => `<div data-component-type="s-search-result" data-asin="${r.id}" data-index="${i + 1}" class="s-result-item">
  <img class="s-image" src="${img(r)}" alt="">
  <h2><a class="a-link-normal" href="/amazon/dp/${r.id}"><span>${esc(r.title)}</span></a></h2>
  <span class="a-price"><span class="a-offscreen">${r.price} €</span><span aria-hidden="true">${r.price} €</span></span>
</div>`,
    )
    .join('\n');
  return page('Amazon.de: nordkap', `<input id="twotabsearchtextbox" value="nordkap"><div class="s-main-slot">${cards}</div>`);
}

function ebay(results: Result[]): string {
  const items = results
    .map(
      (r) => `<li class="s-item"><div class="s-item__image"><img class="s-item__image-img" src="${img(r)}"></div>
  <a class="s-item__link" href="/ebay/itm/${r.id}"><div class="s-item__title"><span role="heading">${esc(r.title)}</span></div></a>
  <span class="s-item__price">${r.price}</span><span class="s-item__seller-info-text">${r.seller!.name} (${(r.seller!.feedback ?? 1234).toLocaleString('de-DE')}) 99,5%</span></li>`,
    )
    .join('\n');
  return page('nordkap | eBay', `<ul class="srp-results srp-list">${items}</ul>`);
}

function etsy(results: Result[]): string {
  const cards = results
    .map(
      (r) => `<div class="v2-listing-card" data-listing-id="${r.id}" data-shop-id="${r.seller!.id}"><a href="/etsy/listing/${r.id}" title="${esc(r.title)}"><img src="${img(r)}"></a>
  <h3>${esc(r.title)}</h3><p class="shop-name">${esc(r.seller!.name)}</p><span class="currency-symbol">€</span><span class="currency-value">${r.price}</span></div>`,
    )
    .join('\n');
  return page('Nordkap - Etsy', `<div class="search-listings-group">${cards}</div>`);
}

function other(results: Result[]): string {
  const cards = results.map((r) => `<article><a href="/other/product/${r.id}"><img src="${img(r)}" alt="">${esc(r.title)}</a><p>${r.price}</p></article>`).join('\n');
  return page('Search: nordkap', `<main>${cards}</main>`);
}

function send(res: ServerResponse, body: string | Buffer, type = 'text/html; charset=utf-8'): void {
  res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

export async function startSearchShop(): Promise<SearchShop> {
  const takenDown = new Set<string>();
  const listingHits: string[] = [];
  const imageHits: SearchShop['imageHits'] = [];
  const live = (rs: Result[]) => rs.filter((r) => !takenDown.has(r.id));
  const images = { official: flaskPng(160, 160, 8), mirrored: mirroredFlaskPng(160, 160), other: stripesPng(160, 160) };
  const slow = { imageDelayMs: 0, listingDelayMs: 0 };
  const image =
    (kind: keyof typeof images): Handler =>
    (q, res) => {
      imageHits.push({ path: q.url ?? '', userAgent: q.headers['user-agent'] ?? '' });
      if (slow.imageDelayMs <= 0) return send(res, images[kind], 'image/png');
      setTimeout(() => {
        if (!res.destroyed) send(res, images[kind], 'image/png');
      }, slow.imageDelayMs);
    };
  const listing: Handler = (req, res) => {
    listingHits.push(req.url ?? '');
    send(res, page('Listing', `<h1 id="productTitle">Listing ${esc(req.url ?? '')}</h1>`));
  };
  const routes: Record<string, Handler> = {
    '/amazon/s': (req, res) => send(res, amazon(live(new URL(req.url!, 'http://x').searchParams.get('page') === '2' ? AMAZON_PAGE_2 : AMAZON_PAGE_1))),
    '/ebay/sch': (_q, res) => send(res, ebay(live(EBAY))),
    '/etsy/search': (_q, res) => send(res, etsy(live(ETSY))),
    '/other/search': (_q, res) => send(res, other(live(OTHER))),
    '/img/official.png': image('official'),
    '/img/mirrored.png': image('mirrored'),
    '/img/other.png': image('other'),
  };
  // An Amazon product page says its ASIN, as Amazon's own pages do: it is filed under the listing its search result named.
  const amazonListing =
    (asin: string): Handler =>
    (req, res) => {
      listingHits.push(req.url ?? '');
      const picture = slow.listingDelayMs > 0 ? `<img id="landingImage" src="/img/listing.png?${asin}">` : '';
      send(res, page('Amazon.de', `<div id="dp"><input type="hidden" id="ASIN" value="${asin}"><h1 id="title"><span id="productTitle">Listing ${esc(req.url ?? '')}</span></h1>${picture}</div>`));
    };
  routes['/img/listing.png'] = (_q, res) => {
    setTimeout(() => {
      if (!res.destroyed) send(res, images.other, 'image/png');
    }, slow.listingDelayMs);
  };
  for (const r of [...AMAZON_PAGE_1, ...AMAZON_PAGE_2]) routes[`/amazon/dp/${r.id}`] = amazonListing(r.id);
  routes[`/amazon/dp/${OFFERS_ASIN}`] = (_q, res) => send(res, detailWithOffers());
  routes[`/amazon/dp/${FAKE_PRODUCT.asin}`] = (_q, res) => send(res, fakeProduct());
  routes[`/amazon/gp/offer-listing/${OFFERS_ASIN}`] = (_q, res) => send(res, offerListing());
  for (const r of EBAY) routes[`/ebay/itm/${r.id}`] = listing;
  for (const r of ETSY) routes[`/etsy/listing/${r.id}`] = listing;
  for (const r of OTHER) routes[`/other/product/${r.id}`] = listing;
  const server = await startFixtureServer(routes);
  return {
    ...server,
    takenDown,
    listingHits,
    imageHits,
    get imageDelayMs() {
      return slow.imageDelayMs;
    },
    set imageDelayMs(ms: number) {
      slow.imageDelayMs = ms;
    },
    get listingDelayMs() {
      return slow.listingDelayMs;
    },
    set listingDelayMs(ms: number) {
      slow.listingDelayMs = ms;
    },
    amazonUrl: server.url('/amazon/s?k=nordkap'),
    ebayUrl: server.url('/ebay/sch?_nkw=nordkap'),
    etsyUrl: server.url('/etsy/search?q=nordkap'),
    otherUrl: server.url('/other/search?q=nordkap'),
    offersDetailUrl: server.url(`/amazon/dp/${OFFERS_ASIN}`),
    allOffersUrl: server.url(`/amazon/gp/offer-listing/${OFFERS_ASIN}`),
    fakeProductUrl: server.url(`/amazon/dp/${FAKE_PRODUCT.asin}`),
  };
}
