import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPage } from '../../../electron/core/extract/extract-page.js';
import { computeWorkspaceLinks } from '../../../electron/core/links/store.js';
import type { Workspace } from '../../../electron/core/workspace/workspace.js';
import { SELLER_PAGES } from '../../helpers/seller-shop.js';
import { storePage } from '../../helpers/stored-page.js';
import { newWorkspace } from '../../helpers/workspace.js';

/* A shop's own trader page, outside the marketplaces Exhibit knows, is filed as that shop's seller profile (#20). */

const IMPRESSUM = `<!DOCTYPE html><html lang="de"><head><title>Impressum – Glanz Shop</title></head><body>
<nav><a href="/">Start</a> <a href="/produkte">Produkte</a></nav>
<main><h1>Impressum</h1><dl><dt>Firmenname:</dt><dd>Glanz Handel UG</dd><dt>Anschrift:</dt><dd>Ringstr. 9, 80331 München, Deutschland</dd>
<dt>USt-IdNr.:</dt><dd>DE 123 456 789</dd><dt>E-Mail:</dt><dd>info@glanz-shop.de</dd></dl></main></body></html>`;

const MENTIONS = `<!DOCTYPE html><html lang="fr"><head><title>Boutique Éclat</title></head><body><main><h1>Mentions légales</h1>
<div><p>Raison sociale : Boutique Éclat SARL</p><p>Adresse : 12 rue de Rivoli, 75001 Paris, France</p><p>SIREN : 123 456 789</p></div></main></body></html>`;

const LEGAL_BLOG = `<!DOCTYPE html><html lang="en"><head><title>What goes in a legal notice? | Shop blog</title></head><body><main><h1>What goes in a legal notice?</h1>
<p>Every trader selling in the EU must publish its name, address and VAT number. Here is how to write yours.</p></main></body></html>`;

describe('a shop’s trader page', () => {
  it('an Impressum is the shop’s seller profile: the shop named by its host, the trader by its name', () => {
    const { extraction } = readPage(IMPRESSUM, 'https://www.glanz-shop.de/impressum');
    expect(extraction).toMatchObject({ marketplace: 'glanz-shop.de', kind: 'storefront' });
    expect(extraction.fields.sellerId).toEqual({ value: 'glanz-shop.de', source: { kind: 'url', detail: 'host' } });
    expect(extraction.fields.sellerName?.value).toBe('Glanz Handel UG');
    const fr = readPage(MENTIONS, 'https://boutique-eclat.fr/pages/mentions-legales').extraction;
    expect(fr).toMatchObject({ kind: 'storefront', marketplace: 'boutique-eclat.fr' });
    expect(fr.fields.sellerName?.value).toBe('Boutique Éclat SARL');
  });

  it('a page that only talks about legal notices, and a marketplace page, are not', () => {
    expect(readPage(LEGAL_BLOG, 'https://blog.example.com/legal-notice').extraction.kind).toBe('other');
    // A recognised marketplace's seller page stays its own module's.
    expect(readPage(SELLER_PAGES['/usr/luxe_outlet']!, 'https://www.ebay.de/usr/luxe_outlet').extraction).toMatchObject({ marketplace: expect.stringMatching(/^ebay/) as unknown, extractor: 'ebay' });
  });

  describe('in a workspace', () => {
    let ws: Workspace;
    beforeAll(async () => {
      ws = await newWorkspace(undefined, 'suite');
      await storePage(ws, 'https://www.glanz-shop.de/impressum', IMPRESSUM, '2026-11-20T09:00:00.000Z');
      await storePage(ws, 'https://shop.example/sp?seller=AVATONE', SELLER_PAGES['/sp?seller=AVATONE']!, '2026-11-21T09:00:00.000Z');
    });
    afterAll(async () => {
      await ws?.close();
    });

    it('is filed under the shop as its seller, and its VAT number links it to the marketplace account with the same one', async () => {
      const seller = await ws.db.get<{ marketplace: string; seller_key: string; display_name: string }>("SELECT marketplace, seller_key, display_name FROM sellers WHERE marketplace = 'glanz-shop.de'");
      expect(seller).toEqual({ marketplace: 'glanz-shop.de', seller_key: 'glanz-shop.de', display_name: 'Glanz Handel UG' });
      const r = await computeWorkspaceLinks(ws.db, ws.store);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.value.links).toHaveLength(1);
      const link = r.value.links[0]!;
      expect([link.aLabel, link.bLabel].sort()).toEqual(['amazon:AVATONE (Luxe Trading GmbH)', 'glanz-shop.de:glanz-shop.de (Glanz Handel UG)']);
      expect(link).toMatchObject({ strength: 'strong' });
      expect(link.shared.map((s) => [s.kind, s.value])).toEqual([['vat', 'DE123456789']]);
    });
  });
});
