import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { readOpenGraph } from '../../../../electron/core/extract/generic/opengraph.js';
import { valuesOf } from '../fixture.js';

const read = (head: string) => readOpenGraph(load(`<head>${head}</head>`), new URL('https://www.shop.example/p/1?ref=x'), null);

describe('OpenGraph and product meta tags', () => {
  it('reads title, image, product:price:*, availability, brand and the canonical link', () => {
    const og = read(`
      <meta property="og:title" content="Linen Throw">
      <meta property="og:image" content="/img/throw.jpg">
      <meta property="product:price:amount" content="59.00"><meta property="product:price:currency" content="GBP">
      <meta property="product:availability" content="out of stock">
      <meta property="product:brand" content="Fernhouse">
      <meta property="og:site_name" content="Fernhouse">
      <link rel="canonical" href="/p/linen-throw">`);
    expect(valuesOf(og.fields)).toEqual({ title: 'Linen Throw', images: ['https://www.shop.example/img/throw.jpg'], price: '59.00', currency: 'GBP', availability: 'out-of-stock', brand: 'Fernhouse' });
    expect(og.fields.price?.source).toEqual({ kind: 'meta', detail: 'product:price:amount' });
    expect(og.canonical).toBe('https://www.shop.example/p/linen-throw');
    expect(og.siteName).toBe('Fernhouse');
  });

  it('reads the older og:price:* tags; a machine price keeps its dot as the decimal mark', () => {
    const og = read('<meta property="og:price:amount" content="1.234"><meta property="og:price:currency" content="KWD"><meta property="og:availability" content="instock">');
    expect(valuesOf(og.fields)).toEqual({ price: '1.234', currency: 'KWD', availability: 'in-stock' });
  });
});
