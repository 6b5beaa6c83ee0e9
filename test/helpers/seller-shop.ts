import type { IncomingMessage, ServerResponse } from 'node:http';
import { flaskPng, mirroredFlaskPng } from './brand-images.js';
import { startFixtureServer, type FixtureServer } from './fixture-server.js';

/*
 * Seller pages and listings on two marketplaces, served from 127.0.0.1 and
 * recognised by the marks in the page (Amazon's page frame, eBay's
 * og:site_name), for seller linking (#20):
 *   - amazon:AVATONE and ebay:luxe_outlet share a VAT number (written two ways)
 *   - amazon:APHONEONE and ebay:phone_two share a phone number (+49 30 1234567 / 030-123 45 67)
 *   - ebay:img_one and ebay:img_two share only a picture, the second a mirrored copy
 *   - ebay:mugs_uk and ebay:trowel_shop share only a stock phrase in their descriptions
 */
export const STOCK_PHRASE = 'Fast shipping from our warehouse, 100% satisfaction guaranteed, contact us with any questions before buying.';

const AMAZON_FRAME = `<script>var ue_id = 'EXHIBITTESTUEID00020';</script><div id="navbar"><a id="nav-logo" href="/">Amazon</a></div>`;

function amazonProfile(name: string, rows: readonly (readonly [string, string])[], address: readonly string[]): string {
  const row = ([label, value]: readonly [string, string]) => `<div class="a-row"><span class="a-text-bold">${label}:</span><span>${value}</span></div>`;
  return `<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Amazon.de Verkäuferprofil: ${name}</title></head><body>${AMAZON_FRAME}
<div id="seller-profile-container"><h1 id="seller-name">${name}</h1>
<div id="page-section-detail-seller-info"><h3>Detailed Seller Information</h3>
${row(['Business Name', name])}${rows.map(row).join('')}
<div class="a-row"><span class="a-text-bold">Business Address:</span></div>
${address.map((l) => `<div class="a-row a-spacing-none indent-left"><span>${l}</span></div>`).join('')}
</div></div></body></html>`;
}

function ebayMember(user: string, name: string, lines: readonly string[]): string {
  return `<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><meta property="og:site_name" content="eBay"><title>${name} | eBay</title></head><body>
<h1>${name}</h1><p>Member since 2019 · ${user}</p>
<section class="str-business-details"><h2>Business seller information</h2>
${lines.map((l) => `<div>${l}</div>`).join('')}
</section></body></html>`;
}

function ebayListing(user: string, title: string, price: string, description: string, image: string | null): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta property="og:site_name" content="eBay"><title>${title} | eBay</title></head><body>
<h1 class="x-item-title__mainTitle"><span>${title}</span></h1>
<div class="x-price-primary"><span>EUR ${price}</span></div>
${image ? `<img id="icImg" src="${image}" width="320" height="480" alt="${title}">` : ''}
<div class="x-sellercard-atf"><a href="/usr/${user}"><span>${user}</span></a></div>
<div id="desc"><p>${description}</p></div>
</body></html>`;
}

const AMAZON_SELLERS: Record<string, string> = {
  AVATONE: amazonProfile('Luxe Trading GmbH', [['Trade Register Number', 'HRB 12345 B'], ['VAT Number', 'DE 123 456 789']], ['Hauptstraße 5', 'Berlin', '10115', 'DE']),
  APHONEONE: amazonProfile('Nordlicht Waren GmbH', [['Phone number', '+49 30 1234567']], ['Torstraße 20', 'Berlin', '10119', 'DE']),
};

const PAGES: Record<string, string> = {
  '/usr/luxe_outlet': ebayMember('luxe_outlet', 'LX Outlet', ['LX Outlet e.K.', 'VAT number: DE123456789', 'Address:', 'Schillerstraße 12', '80336 München', 'Deutschland']),
  '/usr/phone_two': ebayMember('phone_two', 'Polar Deals', ['Polar Deals UG', 'Telefon: 030-123 45 67', 'Address:', 'Karl-Marx-Allee 90', '10243 Berlin', 'Deutschland']),
  '/itm/100000000001': ebayListing('img_one', 'Insulated steel flask 750 ml', '24.90', 'Double walled vacuum bottle keeps drinks cold for a full day, powder coated in forest green with a bamboo lid and a carry loop.', '/img/flask.png'),
  '/itm/100000000002': ebayListing('img_two', 'Thermo bottle 0.75 l outdoor', '19.50', 'Leakproof travel thermos for hiking and camping, brushed finish, wide mouth for ice cubes, ships in a recycled carton.', '/img/flask-mirrored.png'),
  '/itm/100000000003': ebayListing('mugs_uk', 'Ceramic coffee mug 350 ml', '12.00', `Dishwasher safe stoneware mug glazed in matte blue with a speckled rim, handmade in Stoke. ${STOCK_PHRASE}`, null),
  '/itm/100000000004': ebayListing('trowel_shop', 'Steel garden trowel', '9.99', `Forged trowel with an ash handle and a hanging loop, rust resistant coating for heavy clay soil. ${STOCK_PHRASE}`, null),
};

/** The four seller pages by address (path and query), as the shop serves them. */
export const SELLER_PAGES: Record<string, string> = {
  '/sp?seller=AVATONE': AMAZON_SELLERS.AVATONE!,
  '/usr/luxe_outlet': PAGES['/usr/luxe_outlet']!,
  '/sp?seller=APHONEONE': AMAZON_SELLERS.APHONEONE!,
  '/usr/phone_two': PAGES['/usr/phone_two']!,
};

const send = (res: ServerResponse, type: string, body: string | Buffer, status = 200) => {
  res.writeHead(status, { 'content-type': type });
  res.end(body);
};

export async function startSellerShop(): Promise<FixtureServer> {
  const flask = flaskPng(320, 480);
  const mirrored = mirroredFlaskPng(300, 450);
  const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {
    '/sp': (req, res) => {
      const page = AMAZON_SELLERS[new URL(req.url ?? '/', 'http://x').searchParams.get('seller') ?? ''];
      if (page) send(res, 'text/html; charset=utf-8', page);
      else send(res, 'text/html; charset=utf-8', '<h1>Not found</h1>', 404);
    },
    '/img/flask.png': (_q, res) => send(res, 'image/png', flask),
    '/img/flask-mirrored.png': (_q, res) => send(res, 'image/png', mirrored),
  };
  for (const [path, body] of Object.entries(PAGES)) routes[path] = (_q, res) => send(res, 'text/html; charset=utf-8', body);
  return startFixtureServer(routes);
}

/** Every page of the shop: the four seller profiles, then the four listings. */
export function sellerShopUrls(shop: FixtureServer): string[] {
  return [
    shop.url('/sp?seller=AVATONE'),
    shop.url('/usr/luxe_outlet'),
    shop.url('/sp?seller=APHONEONE'),
    shop.url('/usr/phone_two'),
    ...['/itm/100000000001', '/itm/100000000002', '/itm/100000000003', '/itm/100000000004'].map((p) => shop.url(p)),
  ];
}
