import { describe, expect, it } from 'vitest';
import { reasonText } from '../../../electron/core/fakes/reason-text.js';
import { replicaWordsIn } from '../../../electron/core/fakes/replica-words.js';
import { scoreItem, scoreOf, type CatalogueView, type ScoredItem } from '../../../electron/core/fakes/score.js';
import { DEFAULT_WEIGHTS, SIGNAL_LABELS, SIGNALS } from '../../../electron/core/fakes/terms.js';

const CATALOGUE: CatalogueView = {
  brand: 'Nordkap',
  keywords: ['nordkap', 'flask'],
  products: [{ reference: 'NK-500', name: 'Nordkap Flask 500 ml', keywords: ['flask', 'trinkflasche'], prices: [{ market: 'amazon.de', price: '49.90', currency: 'EUR' }] }],
  images: [{ name: 'flask-front.png', reference: 'NK-500', dhash: '00ff00ff00ff00ff', mirrored: 'ff00ff00ff00ff00' }],
  authorised: new Set(['amazon.de:a1nordkapofficial']),
};

const item = (over: Partial<ScoredItem>): ScoredItem => ({ marketplace: 'amazon.de', title: 'Nordkap Flask 500 ml', price: '49.90', currency: 'EUR', sellerKey: 'A1NORDKAPOFFICIAL', sellerName: 'Nordkap', ...over });

describe('replica words', () => {
  it('finds them in English, French, German, Italian, Spanish and Chinese, once each, and not inside other words', () => {
    expect(replicaWordsIn('Flask REPLICA 1:1 mirror quality AAA')).toEqual(['replica', 'aaa', '1:1', 'mirror quality']);
    expect(replicaWordsIn('Gourde réplique, inspirée de Nordkap')).toEqual(['réplique', 'inspirée de']);
    expect(replicaWordsIn('Trinkflasche Nachbildung, Spiegelqualität')).toEqual(['nachbildung', 'spiegelqualität']);
    expect(replicaWordsIn('Borraccia imitazione')).toEqual(['imitazione']);
    expect(replicaWordsIn('Botella imitación calidad espejo')).toEqual(['imitación', 'calidad espejo']);
    expect(replicaWordsIn('北欧保温杯 高仿 一比一')).toEqual(['高仿', '一比一']);
    expect(replicaWordsIn('Copyright Nordkap, batteries AAAA, replicator')).toEqual([]);
  });
});

describe('the suspicion score', () => {
  it('gives the genuine listing from the authorised seller no reason and a low score', () => {
    const s = scoreItem(item({}), CATALOGUE, DEFAULT_WEIGHTS);
    expect(s.reasons).toEqual([]);
    expect(s.score).toBeLessThan(10);
  });

  it('names each signal with its evidence: price, replica words, official image (mirrored), brand from an unauthorised seller, removed before', () => {
    const s = scoreItem(
      item({ title: 'Nordkap flask 1:1 replica', price: '12.00', sellerKey: 'A9FAKE', sellerName: 'Cheap Bottles', imageHash: 'ff00ff00ff00ff01', seller: { removedBefore: 2, feedbackCount: 3, accountAgeDays: 20, shipsFrom: 'CN' } }),
      CATALOGUE,
      DEFAULT_WEIGHTS,
    );
    const by = Object.fromEntries(s.reasons.map((r) => [r.signal, reasonText('en', r)]));
    expect(by['price-low']).toBe('12.00 EUR is 24% of the retail price of Nordkap Flask 500 ml (NK-500) in amazon.de, 49.90 EUR');
    expect(by['replica-words']).toBe('replica words: "replica", "1:1"');
    expect(by['official-image']).toBe('the image matches the catalogue image flask-front.png (NK-500), mirrored: 1 of 64 bits differ');
    expect(by['unauthorised-brand']).toBe('"Nordkap" in the title, sold by Cheap Bottles (amazon.de:A9FAKE), not an authorised seller');
    expect(by['seller-signals']).toBe('account 20 days old, 3 feedback ratings, ships from CN');
    expect(by['removed-before']).toBe('2 listings of this seller already removed');
    expect(s.score).toBeGreaterThan(95);
  });

  it('counts a price from 40% to 70% of retail as half a signal, and no price signal in a market with no catalogue price', () => {
    expect(scoreItem(item({ price: '29.90' }), CATALOGUE, DEFAULT_WEIGHTS).features['price-low']).toBe(0.5);
    expect(scoreItem(item({ price: '9.90', marketplace: 'ebay' }), CATALOGUE, DEFAULT_WEIGHTS).features['price-low']).toBe(0);
  });

  it('is the logistic of the weighted sum, so a weight edited changes the score', () => {
    const features = { 'price-low': 1, 'replica-words': 0, 'official-image': 0, 'unauthorised-brand': 0, 'seller-signals': 0, 'removed-before': 0 };
    expect(scoreOf(features, DEFAULT_WEIGHTS)).toBe(Math.round(100 / (1 + Math.exp(-(DEFAULT_WEIGHTS.bias + DEFAULT_WEIGHTS.signals['price-low'])))));
    expect(scoreOf(features, { ...DEFAULT_WEIGHTS, signals: { ...DEFAULT_WEIGHTS.signals, 'price-low': 6 } })).toBe(95);
  });

  it('has an English and a French label for every signal', () => {
    for (const s of SIGNALS) expect(SIGNAL_LABELS[s].en && SIGNAL_LABELS[s].fr).toBeTruthy();
  });
});
