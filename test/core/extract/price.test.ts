import { describe, expect, it } from 'vitest';
import { parsePrice } from '../../../electron/core/extract/price.js';

describe('prices in their local forms', () => {
  it.each([
    ['1,234.56', null, '1234.56', null],
    ['1.234,56 €', null, '1234.56', 'EUR'],
    ['8,71 €', null, '8.71', 'EUR'],
    ['EUR 12,50', null, '12.50', 'EUR'],
    ['1\u00a0234,56\u00a0€', null, '1234.56', 'EUR'],
    ['1 234,56 €', null, '1234.56', 'EUR'],
    ["CHF 1'234.50", null, '1234.50', 'CHF'],
    ['US $89.99', null, '89.99', 'USD'],
    ['$1,234', null, '1234', 'USD'],
    ['$19.99', 'CAD', '19.99', 'CAD'],
    ['£12.99', null, '12.99', 'GBP'],
    ['¥ 1,299', 'CNY', '1299', 'CNY'],
    ['¥ 12,800', null, '12800', 'JPY'],
    ['￥1299.00', null, '1299.00', 'CNY'],
    ['￥1,299', 'JPY', '1299', 'JPY'],
    ['1299元', null, '1299', 'CNY'],
    ['价格：¥ 1,299.00', 'CNY', '1299.00', 'CNY'],
    ['R$ 1.234,56', null, '1234.56', 'BRL'],
    ['₹1,23,456.00', null, '123456.00', 'INR'],
    ['12.99 USD', null, '12.99', 'USD'],
    ['1.234', 'EUR', '1234', 'EUR'],
  ])('%s', (text, fallback, amount, currency) => {
    expect(parsePrice(text, fallback)).toEqual({ amount, currency, raw: text.replace(/\s+/g, ' ').trim() });
  });

  it('gives null where there is no price', () => {
    expect(parsePrice('Currently unavailable')).toBeNull();
    expect(parsePrice('')).toBeNull();
  });
});
