import { buildWarc } from '../../electron/core/capture/outputs/warc.js';
import { decideLink } from '../../electron/core/links/store.js';
import { recordReport } from '../../electron/core/takedown/reports.js';
import type { Workspace } from '../../electron/core/workspace/workspace.js';
import { flaskPng, mirroredFlaskPng } from './brand-images.js';
import { recheckListing } from './history.js';
import { SELLER_PAGES } from './seller-shop.js';
import { storePage } from './stored-page.js';

/*
 * One operator's history (#20), stored as captures store it (no browser):
 *   - ebay:luxe_outlet, first seen 1 November with its trader page and a
 *     listing showing a flask picture; reported on 5 November, and a
 *     re-capture on 8 November found the listing gone (410);
 *   - amazon:AVATONE, first seen 15 November: its trader page gives the
 *     same VAT number (strong link), so it is the old account come back;
 *   - ebay:luxe_again, first seen 16 November, whose listing shows the same
 *     picture mirrored (a weak link), confirmed by the investigator;
 *   - ebay:garden_tools, unrelated.
 */
const SHOP = 'https://shop.example';
export const FLASK_URL = 'https://i.shop.example/img/flask.png';
export const MIRRORED_URL = 'https://i.shop.example/img/flask-mirrored.png';

const at = (day: number, minute = 0) => new Date(Date.UTC(2026, 10, day, 9, minute)).toISOString();

function ebayListing(user: string, title: string, description: string, image: string | null): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta property="og:site_name" content="eBay"><title>${title} | eBay</title></head><body>
<h1 class="x-item-title__mainTitle"><span>${title}</span></h1>
<div class="x-price-primary"><span>EUR 24.90</span></div>
${image ? `<img id="icImg" src="${image}" width="320" height="480" alt="${title}">` : ''}
<div class="x-sellercard-atf"><a href="/usr/${user}"><span>${user}</span></a></div>
<div id="desc"><p>${description}</p></div>
</body></html>`;
}

/** A WARC holding the picture as the page was served it, made by the capture's own WARC writer. */
async function warcWith(url: string, body: Buffer): Promise<Buffer> {
  return buildWarc(
    [{ requestId: '1', hop: 0, url, method: 'GET', requestHeaders: { accept: 'image/*' }, resourceType: 'Image', startedAt: Date.UTC(2026, 10, 1), startedMono: 0, response: { status: 200, statusText: 'OK', headers: { 'content-type': 'image/png' }, mimeType: 'image/png' }, body }],
    {},
  );
}

export interface OperatorWorld {
  ids: Record<'luxe_outlet' | 'AVATONE' | 'luxe_again' | 'garden_tools', string>;
  removalCaptureId: string;
}

export async function buildOperatorWorld(ws: Workspace): Promise<OperatorWorld> {
  await storePage(ws, `${SHOP}/usr/luxe_outlet`, SELLER_PAGES['/usr/luxe_outlet']!, at(1));
  const flask = ebayListing('luxe_outlet', 'Insulated steel flask 750 ml', 'Double walled vacuum bottle keeps drinks cold for a full day, powder coated in forest green.', FLASK_URL);
  await storePage(ws, `${SHOP}/itm/200000000001`, flask, at(1, 5), { artifacts: [{ name: 'page.warc.gz', kind: 'warc', mediaType: 'application/warc', source: await warcWith(FLASK_URL, flaskPng(320, 480)) }] });
  const listing = (await ws.db.get<{ id: string; key: string; sellerId: string }>("SELECT id, listing_key AS key, seller_id AS sellerId FROM listings WHERE listing_key = '200000000001'"))!;
  const report = await recordReport(ws.db, { listingId: listing.id, platform: 'ebay', programme: 'ebay-vero', reportRef: 'VERO-2001', reportedOn: '2026-11-05' });
  if (!report.ok) throw new Error(report.error);
  const removal = await recheckListing(ws, listing, null, { startedAt: at(8), outcome: 'gone', httpStatus: 410 });

  await storePage(ws, `${SHOP}/sp?seller=AVATONE`, SELLER_PAGES['/sp?seller=AVATONE']!, at(15));
  const again = ebayListing('luxe_again', 'Thermo bottle 0.75 l outdoor', 'Leakproof travel thermos for hiking and camping, brushed finish, wide mouth for ice cubes.', MIRRORED_URL);
  await storePage(ws, `${SHOP}/itm/200000000002`, again, at(16), { artifacts: [{ name: 'page.warc.gz', kind: 'warc', mediaType: 'application/warc', source: await warcWith(MIRRORED_URL, mirroredFlaskPng(300, 450)) }] });
  await storePage(ws, `${SHOP}/itm/200000000003`, ebayListing('garden_tools', 'Steel garden trowel', 'Forged trowel with an ash handle and a hanging loop.', null), at(17));

  const id = async (marketplace: string, key: string) => (await ws.db.get<{ id: string }>('SELECT id FROM sellers WHERE marketplace = ? AND seller_key = ?', [marketplace, key]))!.id;
  const ids = { luxe_outlet: await id('ebay', 'luxe_outlet'), AVATONE: await id('amazon', 'AVATONE'), luxe_again: await id('ebay', 'luxe_again'), garden_tools: await id('ebay', 'garden_tools') };
  const confirmed = await decideLink(ws.db, 'ebay:luxe_outlet', 'ebay:luxe_again', 'confirmed', 'same flask photograph, mirrored');
  if (!confirmed.ok) throw new Error(confirmed.error);
  return { ids, removalCaptureId: removal.id };
}
