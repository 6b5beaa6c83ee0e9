import { describe, expect, it } from 'vitest';
import { contactsInText, normaliseAddress, normaliseCompanyNumber, normaliseEmail, normalisePhone, normaliseVat, normaliseWebsite } from '../../../electron/core/links/identifiers.js';
import { estimatedJaccard, minhash, shingles } from '../../../electron/core/links/minhash.js';

describe('identifiers, written one way', () => {
  it('reads a phone written internationally and nationally as one E.164 number, with the seller country as region', () => {
    expect(normalisePhone('+49 30 1234567', 'DE')).toBe('+49301234567');
    expect(normalisePhone('030-123 45 67', 'DE')).toBe('+49301234567');
    expect(normalisePhone('030-123 45 67', 'FR')).not.toBe('+49301234567');
    expect(normalisePhone('not a phone', 'DE')).toBeNull();
  });

  it('VAT numbers lose spaces and dots and gain the country prefix the page left out', () => {
    expect(normaliseVat('DE 123 456 789')).toBe('DE123456789');
    expect(normaliseVat('123.456.789', 'DE')).toBe('DE123456789');
    expect(normaliseVat('fr 12 345678901')).toBe('FR12345678901');
    expect(normaliseVat('n/a')).toBeNull();
  });

  it('company numbers, e-mails, web sites and addresses', () => {
    expect(normaliseCompanyNumber('HRB 12345 B', 'DE')).toBe('DE:HRB12345B');
    expect(normaliseEmail(' Sales@Example.COM ')).toBe('sales@example.com');
    expect(normaliseEmail('mailto:x@y.de')).toBe('x@y.de');
    expect(normaliseEmail('nobody')).toBeNull();
    expect(normaliseWebsite('https://www.Luxe-Outlet.com/about?x=1')).toBe('luxe-outlet.com');
    expect(normaliseWebsite('luxe-outlet.com')).toBe('luxe-outlet.com');
    expect(normaliseAddress('Hauptstraße 5, 10115 Berlin, Deutschland')).toBe(normaliseAddress('Haupt Str. 5 10115  BERLIN Deutschland'));
    expect(normaliseAddress('Rue de Rivoli 12, 75001 Paris')).toBe('rue de rivoli 12 75001 paris');
  });

  it('finds chat handles, phones, e-mails and sites written into a description', () => {
    const found = contactsInText('Wholesale? WhatsApp: +86 138 0013 8000, WeChat ID: luxe_bags88, mail luxe88@qq.com or visit www.luxe-replica.cn.', 'CN');
    expect(found.map((f) => `${f.kind} ${f.value}`)).toEqual(
      expect.arrayContaining(['phone +8613800138000', 'chat wechat:luxe_bags88', 'email luxe88@qq.com', 'website luxe-replica.cn']),
    );
    expect(contactsInText('Size 38 cm, 2 pockets, model 2024', 'DE')).toEqual([]);
  });
});

describe('MinHash of word shingles', () => {
  const base = 'Genuine leather tote bag with gold hardware, two inner pockets, zip closure and detachable strap, handmade in small batches by our workshop';
  it('estimates a near copy as similar and an unrelated text as not', () => {
    const a = minhash(shingles(base));
    const b = minhash(shingles(`${base} now on sale`));
    const c = minhash(shingles('Stainless steel watch, sapphire glass, automatic movement, 42 mm case, water resistant to 100 m, with a folding clasp'));
    expect(estimatedJaccard(a, b)).toBeGreaterThan(0.7);
    expect(estimatedJaccard(a, c)).toBeLessThan(0.1);
    expect(estimatedJaccard(a, minhash(shingles(base)))).toBe(1);
  });
});
