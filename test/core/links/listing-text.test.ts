import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPage } from '../../../electron/core/extract/extract-page.js';
import { listingText } from '../../../electron/core/extract/listing-text.js';
import { computeLinks, type TextItem } from '../../../electron/core/links/compute.js';
import { itemsFromListingText } from '../../../electron/core/links/items.js';
import { computeWorkspaceLinks } from '../../../electron/core/links/store.js';
import type { Workspace } from '../../../electron/core/workspace/workspace.js';
import { storePage } from '../../helpers/stored-page.js';
import { newWorkspace } from '../../helpers/workspace.js';

/*
 * Listing text for fingerprints is the seller's own words (#20): on one
 * marketplace every listing carries the same navigation, guarantee panel
 * and footer, and that shared text must not link two unrelated sellers.
 */

const NAV = ['Electronics', 'Fashion', 'Home and garden', 'Sporting goods', 'Toys', 'Motors', 'Collectibles and art', 'Health and beauty', 'Business and industrial', 'Jewellery and watches', 'Refurbished', 'Deals'];
const GUARANTEE =
  'eBay Money Back Guarantee: get the item you ordered or your money back. Covers your purchase price and original delivery. Returns are accepted within thirty days after the buyer receives the item, the buyer pays for return postage, and refunds are made to the original payment method once the seller has received the item back in its original condition.';
const POSTAGE =
  'Postage: may not be posted to some countries, read the item description or contact the seller for postage options. Delivery is estimated using our proprietary method, which is based on the buyer proximity to the item location, the postage service selected, the seller postage history and other factors. Delivery times may vary, especially during peak periods.';
const FOOTER =
  'Copyright 1995-2026 eBay Inc. All rights reserved. Accessibility, user agreement, privacy, consumer health data, payments terms of use, cookies, your privacy choices and AdChoice. About eBay, announcements, community, security centre, seller centre, policies, affiliates, help and contact, site map.';

function ebayPage(user: string, id: string, title: string, description: string): { url: string; html: string } {
  return {
    url: `https://www.ebay.de/itm/${id}`,
    html: `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta property="og:site_name" content="eBay"><title>${title} | eBay</title></head><body>
<header id="gh"><a href="/">eBay</a><nav aria-label="Shop by category"><ul>${NAV.map((n) => `<li><a href="/b/${encodeURIComponent(n)}">${n}</a></li>`).join('')}</ul></nav>
<form role="search"><input aria-label="Search for anything"><button>Search</button></form></header>
<main id="mainContent">
<h1 class="x-item-title__mainTitle"><span>${title}</span></h1>
<div class="x-price-primary"><span>EUR 14.90</span></div>
<div class="x-sellercard-atf"><a href="/usr/${user}"><span>${user}</span></a></div>
<div class="x-returns"><h2>Shipping, returns and payments</h2><p>${POSTAGE}</p><p>${GUARANTEE}</p></div>
<div id="desc"><p>${description}</p></div>
</main>
<footer id="glbfooter"><p>${FOOTER}</p></footer>
</body></html>`,
  };
}

const LAMP = 'Brass desk lamp with a green glass shade and a pull chain, rewired with a braided cable and a two pin plug.';
const SCARF = 'Merino wool scarf knitted in a rib stitch, grey with cream stripes, hand wash only, made in a small Scottish mill.';
const lamp = ebayPage('lamp_house', '300000000001', 'Brass desk lamp green shade', LAMP);
const scarf = ebayPage('scarf_corner', '300000000002', 'Merino rib scarf grey', SCARF);
// A copy of the lamp listing's own description by another account: that is a link, and must stay one.
const copy = ebayPage('lamp_copy', '300000000003', 'Desk lamp brass green glass', LAMP);

describe("listing text is the seller's own words, read from the main content", () => {
  it("keeps the title and the description, and drops the marketplace's navigation, guarantee panel and footer", () => {
    const t = listingText(lamp.html);
    expect(t.from).toBe('#desc');
    expect(t.text).toContain('Brass desk lamp green shade');
    expect(t.text).toContain(LAMP);
    expect(t.text).not.toContain('Money Back Guarantee');
    expect(t.text).not.toContain('Copyright');
    expect(t.text).not.toContain('Sporting goods');
    // The whole visible page, as the text artifact holds it, has all of it.
    expect(readPage(lamp.html, lamp.url).text).toContain('Money Back Guarantee');
  });

  it('reads the main landmark where the site has no known description block, without its nav, header and footer', () => {
    const html = `<html><body><nav>Home Shop About Contact</nav><main><header><p>Shop banner</p></header><h1>Oak stool</h1><p>Hand turned oak stool, oiled.</p><aside>Customers also bought</aside></main><footer>© Example shop</footer></body></html>`;
    const t = listingText(html);
    expect(t.from).toBe('main');
    expect(t.text.split('\n')).toEqual(['Oak stool', 'Hand turned oak stool, oiled.']);
    expect(listingText('<html><body><p>Only a body</p><footer>small print</footer></body></html>')).toEqual({ text: 'Only a body', from: 'body' });
  });

  it("the shared page text would link two unrelated sellers if the whole page were read: the test's pages can show the fault", () => {
    const texts = [lamp, scarf].map((p, i) => itemsFromListingText({ sellerId: `s${i}`, captureId: `c${i}`, artifact: 'text.txt' }, 'text', readPage(p.html, p.url).text, 'DE').text).filter((t): t is TextItem => t !== null);
    const links = computeLinks({ identifiers: [], images: [], texts, rejected: new Set() });
    expect(links).toHaveLength(1);
    expect(links[0]!.shared.map((s) => s.kind)).toEqual(['text']);
  });

  describe('in a workspace', () => {
    let ws: Workspace;
    beforeAll(async () => {
      ws = await newWorkspace(undefined, 'suite');
      let n = 0;
      for (const p of [lamp, scarf, copy]) await storePage(ws, p.url, p.html, new Date(Date.UTC(2026, 10, 20, 9, 0, ++n)).toISOString());
    });
    afterAll(async () => {
      await ws?.close();
    });

    it('links no two sellers of one marketplace by its shared text, and still links a copied description, seen in the main content', async () => {
      const r = await computeWorkspaceLinks(ws.db, ws.store);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      const pairs = r.value.links.map((l) => [l.aLabel, l.bLabel].map((s) => s.split(' ')[0]).sort().join(' ~ '));
      expect(pairs).toEqual(['ebay:lamp_copy ~ ebay:lamp_house']);
      const text = r.value.links[0]!.shared.find((s) => s.kind === 'text')!;
      expect(text.a).toMatchObject({ artifact: 'dom.html', field: 'main content' });
      expect(text.a.raw).toContain('desk lamp');
      expect(text.a.raw).not.toContain('Shop by category');
    });
  });
});
