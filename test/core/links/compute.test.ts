import { describe, expect, it } from 'vitest';
import { readSellerProfile } from '../../../electron/core/extract/seller-profile.js';
import { perceptualHash } from '../../../electron/core/fakes/perceptual-hash.js';
import { computeLinks, operators, pairKey, type IdentifierItem, type ImageItem, type TextItem } from '../../../electron/core/links/compute.js';
import { identifiersFromProfile, itemsFromListingText } from '../../../electron/core/links/items.js';
import { flaskPng, mirroredFlaskPng, stripesPng } from '../../helpers/brand-images.js';

const profile = (html: string, url: string) => readSellerProfile(`<html><body><div class="trader-details">${html}</div></body></html>`, url)!;
const STOCK = 'Fast shipping from our warehouse, 100% satisfaction guaranteed, contact us with any questions before buying.';

async function image(sellerId: string, captureId: string, bytes: Buffer): Promise<ImageItem> {
  const h = await perceptualHash(bytes);
  if (!h.ok) throw new Error(h.error);
  return { sellerId, captureId, artifact: 'image', field: 'images[0]', raw: `${captureId}.png`, dhash: h.value.dhash, mirrored: h.value.mirrored };
}

async function world(): Promise<{ identifiers: IdentifierItem[]; images: ImageItem[]; texts: TextItem[] }> {
  const identifiers: IdentifierItem[] = [];
  const texts: TextItem[] = [];
  const fromProfile = (sellerId: string, captureId: string, html: string, url: string) =>
    identifiers.push(...identifiersFromProfile({ sellerId, captureId, artifact: 'extracted.json' }, profile(html, url)));
  // Two accounts on two marketplaces with one VAT number, written two ways.
  fromProfile('amazon.de:A1', 'c1', '<p>Business Name: Luxe Trading GmbH</p><p>VAT Number: DE 123 456 789</p><p>Address: Hauptstraße 5, 10115 Berlin, Germany</p>', 'https://www.amazon.de/sp?seller=A1');
  fromProfile('ebay:luxe_outlet', 'c2', '<p>Business Name: LX Outlet</p><p>VAT number: 123.456.789</p><p>Address: 12 Oak Road, 80331 München, Deutschland</p>', 'https://www.ebay.de/str/luxe_outlet');
  // A phone number written two ways.
  fromProfile('taobao:88001', 'c5', '<p>Phone: +49 30 1234567</p><p>Address: 1 Long Road, 200000 Shanghai, China</p>', 'https://shop88001.taobao.com/');
  fromProfile('tmall:77002', 'c6', '<p>Telefon: 030-123 45 67</p><p>Address: Ringstr. 9, 10115 Berlin, Deutschland</p>', 'https://77002.tmall.com/');
  // Two unrelated shops whose descriptions share only a stock phrase.
  const desc = (sellerId: string, captureId: string, text: string) => {
    const r = itemsFromListingText({ sellerId, captureId, artifact: 'text.txt' }, 'description', text, null);
    identifiers.push(...r.identifiers);
    if (r.text) texts.push(r.text);
  };
  desc('walmart.com:501', 'c7', `Ceramic coffee mug, 350 ml, dishwasher safe, glazed in matte blue with a speckled rim. ${STOCK}`);
  desc('ebay:garden_tools_uk', 'c8', `Steel garden trowel with an ash handle and a hanging loop, rust resistant coating. ${STOCK}`);
  const images = [
    await image('etsy:GlowShop', 'c3', flaskPng(320, 480)),
    await image('aliexpress:1100', 'c4', mirroredFlaskPng(300, 450)),
    await image('walmart.com:501', 'c7', stripesPng(200, 200)),
  ];
  return { identifiers, images, texts };
}

describe('links between sellers', () => {
  it('links the shared VAT number and phone strongly, the reused (mirrored) image weakly, and not the stock phrase', async () => {
    const links = computeLinks(await world());
    const by = new Map(links.map((l) => [pairKey(l.a, l.b), l]));

    const vat = by.get(pairKey('amazon.de:A1', 'ebay:luxe_outlet'))!;
    expect(vat.strength).toBe('strong');
    expect(vat.shared[0]).toMatchObject({ kind: 'vat', value: 'DE123456789', a: { captureId: 'c1', field: 'profile.vat', raw: 'DE 123 456 789' } });
    expect(vat.shared[0]!.b).toMatchObject({ captureId: 'c2', raw: '123.456.789' });

    const phone = by.get(pairKey('taobao:88001', 'tmall:77002'))!;
    expect(phone).toMatchObject({ strength: 'strong', shared: [{ kind: 'phone', value: '+49301234567' }] });

    const img = by.get(pairKey('aliexpress:1100', 'etsy:GlowShop'))!;
    expect(img.strength).toBe('weak');
    expect(img.shared).toHaveLength(1);
    expect(img.shared[0]).toMatchObject({ kind: 'image', mirrored: true });

    expect(by.has(pairKey('walmart.com:501', 'ebay:garden_tools_uk'))).toBe(false);
    // The Berlin postcode and city alone are not one address.
    expect(by.has(pairKey('amazon.de:A1', 'tmall:77002'))).toBe(false);
    expect(links).toHaveLength(3);
  });

  it('adds weak items up, and forms operators from strong links and confirmations, never from a rejected pair', async () => {
    const w = await world();
    const sellers = [...new Set([...w.identifiers, ...w.images, ...w.texts].map((i) => i.sellerId))].sort();
    const otherPictures = [stripesPng(300, 300), stripesPng(240, 240), stripesPng(400, 400)];
    const twins = await Promise.all(otherPictures.map((b, t) => image('shopB', `b${t}`, b)));
    const copies = await Promise.all(otherPictures.map((b, t) => image('shopC', `k${t}`, b)));
    const added = computeLinks({ identifiers: [], images: [...twins, ...copies], texts: [] });
    expect(added.find((l) => l.a === 'shopB' && l.b === 'shopC')).toMatchObject({ strength: 'strong' });

    const links = computeLinks(w);
    expect(operators(sellers, links)).toEqual([
      ['amazon.de:A1', 'ebay:luxe_outlet'],
      ['taobao:88001', 'tmall:77002'],
    ]);
    expect(operators(sellers, links, [['etsy:GlowShop', 'aliexpress:1100']])).toContainEqual(['aliexpress:1100', 'etsy:GlowShop']);
    const rejected = computeLinks({ ...w, rejected: new Set([pairKey('taobao:88001', 'tmall:77002')]) });
    expect(rejected.some((l) => l.a === 'taobao:88001')).toBe(false);
    expect(operators(sellers, rejected)).toEqual([['amazon.de:A1', 'ebay:luxe_outlet']]);
  });

  it('copied long descriptions are strong, a shared template line is not', () => {
    const long = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');
    const t = (sellerId: string, text: string) => itemsFromListingText({ sellerId, captureId: sellerId, artifact: 'text.txt' }, 'description', text, null).text!;
    const links = computeLinks({ identifiers: [], images: [], texts: [t('s1', long), t('s2', long), t('s3', `${STOCK} ${'other words here '.repeat(3)} unique tail of s3`)] });
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({ a: 's1', b: 's2', strength: 'strong', shared: [{ kind: 'text', value: '100% similar' }] });
  });
});
