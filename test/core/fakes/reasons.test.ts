import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { reasonText } from '../../../electron/core/fakes/reason-text.js';
import { storedReason, type Reason } from '../../../electron/core/fakes/reasons.js';
import { scoreItem, type CatalogueView } from '../../../electron/core/fakes/score.js';
import { DEFAULT_WEIGHTS } from '../../../electron/core/fakes/terms.js';

const CATALOGUE: CatalogueView = {
  brand: 'Nordkap',
  keywords: ['nordkap', 'flask'],
  products: [{ reference: 'NK-500', name: 'Nordkap Flask 500 ml', keywords: ['flask'], prices: [{ market: 'amazon.de', price: '49.90', currency: 'EUR' }] }],
  images: [{ name: 'flask-front.png', reference: 'NK-500', dhash: '00ff00ff00ff00ff', mirrored: 'ff00ff00ff00ff00' }],
  authorised: new Set(['amazon.de:a1nordkapofficial']),
};

const fake = scoreItem(
  {
    marketplace: 'amazon.de',
    title: 'Nordkap flask 1:1 replica',
    price: '12.00',
    currency: 'EUR',
    sellerKey: 'A9FAKE',
    sellerName: 'Cheap Bottles',
    imageHash: 'ff00ff00ff00ff01',
    seller: { removedBefore: 1, feedbackCount: 3, accountAgeDays: 20, shipsFrom: 'CN' },
  },
  CATALOGUE,
  DEFAULT_WEIGHTS,
);

const stored = (reasons: unknown): Reason[] => z.array(storedReason).parse(JSON.parse(JSON.stringify(reasons)));

describe('score reasons as codes and values', () => {
  it('are stored as a code per signal with the values seen, no sentence in any language', () => {
    const json = JSON.stringify(fake.reasons);
    expect(json).not.toMatch(/retail price|replica words|not an authorised|already removed|prix public/);
    expect(fake.reasons.find((r) => r.code === 'price-low')).toEqual({
      signal: 'price-low',
      code: 'price-low',
      strength: 1,
      params: { price: '12.00', currency: 'EUR', percent: 24, product: 'Nordkap Flask 500 ml', reference: 'NK-500', market: 'amazon.de', retailPrice: '49.90', retailCurrency: 'EUR' },
    });
    expect(fake.reasons.find((r) => r.code === 'seller-signals')?.params).toEqual({ accountAgeDays: 20, feedbackCount: 3, shipsFrom: 'CN' });
    expect(stored(fake.reasons)).toEqual(fake.reasons);
  });

  it('are said in English and in French from the same codes, the values kept as found', () => {
    const by = (lang: 'en' | 'fr') => Object.fromEntries(stored(fake.reasons).map((r) => [r.signal, reasonText(lang, r)]));
    expect(by('en')).toEqual({
      'price-low': '12.00 EUR is 24% of the retail price of Nordkap Flask 500 ml (NK-500) in amazon.de, 49.90 EUR',
      'replica-words': 'replica words: "replica", "1:1"',
      'official-image': 'the image matches the catalogue image flask-front.png (NK-500), mirrored: 1 of 64 bits differ',
      'unauthorised-brand': '"Nordkap" in the title, sold by Cheap Bottles (amazon.de:A9FAKE), not an authorised seller',
      'seller-signals': 'account 20 days old, 3 feedback ratings, ships from CN',
      'removed-before': '1 listing of this seller already removed',
    });
    expect(by('fr')).toEqual({
      'price-low': '12.00 EUR représente 24\u202f% du prix public de Nordkap Flask 500 ml (NK-500) sur amazon.de, 49.90 EUR',
      'replica-words': 'mots de contrefaçon\u202f: «\u202freplica\u202f», «\u202f1:1\u202f»',
      'official-image': 'l’image correspond à l’image du catalogue flask-front.png (NK-500), en miroir\u202f: 1 bit sur 64 diffère',
      'unauthorised-brand': '«\u202fNordkap\u202f» dans le titre, vendu par Cheap Bottles (amazon.de:A9FAKE), vendeur non autorisé',
      'seller-signals': 'compte ouvert depuis 20 jours, 3 évaluations, expédié depuis CN',
      'removed-before': '1 annonce de ce vendeur déjà retirée',
    });
  });

  it('reads reasons stored as English sentences before they were coded, and says them in French too', () => {
    const old = stored([
      { signal: 'price-low', strength: 1, evidence: '11.99 EUR is 24% of the retail price of Nordkap Flask 500 ml (NK-500) in amazon, 49.90 EUR' },
      { signal: 'replica-words', strength: 1, evidence: 'replica words: "replica", "1:1", "mirror quality"' },
      { signal: 'official-image', strength: 0.9, evidence: 'the image matches the catalogue image flask-front.png (NK-500): 2 of 64 bits differ' },
      { signal: 'unauthorised-brand', strength: 1, evidence: '"Nordkap" in the title, sold by bestbottles_cn (ebay:bestbottles_cn), not an authorised seller' },
      { signal: 'seller-signals', strength: 1, evidence: '3 feedback ratings, ships from China' },
      { signal: 'removed-before', strength: 1, evidence: '2 listing(s) of this seller already removed' },
    ]);
    expect(old.every((r) => 'code' in r)).toBe(true);
    expect(old.map((r) => reasonText('fr', r))).toEqual([
      '11.99 EUR représente 24\u202f% du prix public de Nordkap Flask 500 ml (NK-500) sur amazon, 49.90 EUR',
      'mots de contrefaçon\u202f: «\u202freplica\u202f», «\u202f1:1\u202f», «\u202fmirror quality\u202f»',
      'l’image correspond à l’image du catalogue flask-front.png (NK-500)\u202f: 2 bits sur 64 diffèrent',
      '«\u202fNordkap\u202f» dans le titre, vendu par bestbottles_cn (ebay:bestbottles_cn), vendeur non autorisé',
      '3 évaluations, expédié depuis China',
      '2 annonces de ce vendeur déjà retirées',
    ]);
    // A sentence in no former template is shown as it was written, and said to be.
    const odd = stored([{ signal: 'seller-signals', strength: 0.5, evidence: 'top rated seller badge missing' }]);
    expect(reasonText('en', odd[0]!)).toBe('top rated seller badge missing');
    expect(reasonText('fr', odd[0]!)).toBe('top rated seller badge missing (tel qu’enregistré, en anglais)');
  });

  it('refuses a stored reason whose values do not fit its code', () => {
    expect(() => stored([{ signal: 'price-low', code: 'price-low', strength: 1, params: { words: ['x'] } }])).toThrow(/do not match their code/);
  });
});
