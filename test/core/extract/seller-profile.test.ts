import { describe, expect, it } from 'vitest';
import { readSellerProfile } from '../../../electron/core/extract/seller-profile.js';

// Test shop pages modelled on the real layouts (no real seller page is among the shared fixtures).
const AMAZON_SP = `<html><body><div id="seller-profile-container"><h1 id="seller-name">Luxe Trading GmbH</h1>
<div id="page-section-detail-seller-info"><h3>Detailed Seller Information</h3>
<div class="a-row"><span class="a-text-bold">Business Name:</span><span>Luxe Trading GmbH</span></div>
<div class="a-row"><span class="a-text-bold">Trade Register Number:</span><span>HRB 12345 B</span></div>
<div class="a-row"><span class="a-text-bold">VAT Number:</span><span>DE 123 456 789</span></div>
<div class="a-row"><span class="a-text-bold">Phone number:</span><span>+49 30 1234567</span></div>
<div class="a-row"><span class="a-text-bold">Business Address:</span></div>
<div class="a-row a-spacing-none indent-left"><span>Hauptstraße 5</span></div>
<div class="a-row a-spacing-none indent-left"><span>Berlin</span></div>
<div class="a-row a-spacing-none indent-left"><span>10115</span></div>
<div class="a-row a-spacing-none indent-left"><span>DE</span></div>
</div><div id="feedback-summary">92% positive in the last 12 months (1,204 ratings)</div></div></body></html>`;

const EBAY_BUSINESS = `<html><body><section class="str-business-details"><h2>Business seller information</h2>
<div>Luxe Outlet Ltd</div>
<div>Email: Sales@Luxe-Outlet.com</div><div>Phone: 030-123 45 67</div>
<div>VAT number: GB 987654321</div><div>Address:</div><div>12 High Street</div><div>London</div><div>EC1A 1BB</div><div>United Kingdom</div>
</section></body></html>`;

const FRENCH = `<html><body><div class="trader-details"><p>Raison sociale : Boutique Éclat SARL</p><p>Adresse : 12 rue de Rivoli, 75001 Paris, France</p>
<p>Téléphone : 01 23 45 67 89</p><p>Numéro de TVA intracommunautaire : FR12345678901</p><p>SIREN : 123 456 789</p></div></body></html>`;

const GERMAN = `<html><body><p>Impressum</p><dl><dt>Firmenname:</dt><dd>Glanz Handel UG</dd><dt>Anschrift:</dt><dd>Ringstr. 9, 80331 München, Deutschland</dd><dt>USt-IdNr.:</dt><dd>DE 999 888 777</dd><dt>E-Mail:</dt><dd>info@glanz.de</dd></dl></body></html>`;

describe('trader details on seller pages', () => {
  it('reads an Amazon seller profile: name, registration, VAT, phone and the address lines under their label', () => {
    const p = readSellerProfile(AMAZON_SP, 'https://www.amazon.de/sp?seller=A1B2C3D4E5F6G7')!;
    expect(p.businessName?.value).toBe('Luxe Trading GmbH');
    expect(p.company?.value).toBe('HRB 12345 B');
    expect(p.vat?.value).toBe('DE 123 456 789');
    expect(p.phone?.value).toBe('+49 30 1234567');
    expect(p.address?.value).toBe('Hauptstraße 5, Berlin, 10115, DE');
    expect(p.address?.source).toBe('#page-section-detail-seller-info: "Business Address"');
    expect(p.country).toBe('DE');
  });

  it("reads eBay's business seller information", () => {
    const p = readSellerProfile(EBAY_BUSINESS, 'https://www.ebay.co.uk/str/luxeoutlet')!;
    expect(p.email?.value).toBe('Sales@Luxe-Outlet.com');
    expect(p.phone?.value).toBe('030-123 45 67');
    expect(p.vat?.value).toBe('GB 987654321');
    expect(p.address?.value).toBe('12 High Street, London, EC1A 1BB, United Kingdom');
    expect(p.country).toBe('GB');
  });

  it('reads French and German wording', () => {
    const fr = readSellerProfile(FRENCH, 'https://shop.example.fr/vendeur')!;
    expect(fr).toMatchObject({ businessName: { value: 'Boutique Éclat SARL' }, vat: { value: 'FR12345678901' }, company: { value: '123 456 789' }, phone: { value: '01 23 45 67 89' }, country: 'FR' });
    const de = readSellerProfile(GERMAN, 'https://glanz.example.de/impressum')!;
    expect(de).toMatchObject({ businessName: { value: 'Glanz Handel UG' }, vat: { value: 'DE 999 888 777' }, email: { value: 'info@glanz.de' }, address: { value: 'Ringstr. 9, 80331 München, Deutschland' }, country: 'DE' });
  });

  it('finds nothing on a page with no trader details', () => {
    expect(readSellerProfile('<html><body><h1>Luxe Bag</h1><p>US $89</p></body></html>', 'https://www.ebay.com/itm/1')).toBeNull();
  });
});
