/**
 * Prices as marketplaces print them, in their local forms: 1,234.56 ·
 * 1.234,56 · 8,71 € · 1 234,56 € · CHF 1'234.50 · ¥ 1,299 · ￥1299 · 1299元 ·
 * US $89.99 · R$ 1.234,56 · ₹1,23,456.00. The amount is kept as a decimal
 * string: a price in evidence is never rounded through a float.
 */
export interface Price {
  /** e.g. "1234.56" */
  amount: string;
  /** ISO 4217, or null when the text names no currency and no default was given */
  currency: string | null;
  raw: string;
}

/** Longest first, so "US $" wins over "$" and "R$" over "$". */
const CURRENCY_SIGNS: [string, string][] = [
  ['US $', 'USD'],
  ['US$', 'USD'],
  ['C $', 'CAD'],
  ['CA$', 'CAD'],
  ['C$', 'CAD'],
  ['AU $', 'AUD'],
  ['AU$', 'AUD'],
  ['A$', 'AUD'],
  ['NZ$', 'NZD'],
  ['HK$', 'HKD'],
  ['S$', 'SGD'],
  ['R$', 'BRL'],
  ['MX$', 'MXN'],
  ['RMB', 'CNY'],
  ['元', 'CNY'],
  ['￥', 'CNY'],
  ['€', 'EUR'],
  ['£', 'GBP'],
  ['₹', 'INR'],
  ['₩', 'KRW'],
  ['zł', 'PLN'],
  ['kr', 'SEK'],
  ['¥', 'JPY'],
  ['$', 'USD'],
];

const ISO = /\b(USD|EUR|GBP|CNY|JPY|CAD|AUD|NZD|HKD|SGD|BRL|MXN|INR|KRW|PLN|SEK|NOK|DKK|CHF|TRY|RUB|AED|SAR)\b/;

/**
 * Reads one price from text. `defaultCurrency` settles what the text leaves
 * open: a bare "$" on amazon.ca is CAD, a "¥" on a Chinese marketplace CNY.
 */
export function parsePrice(text: string, defaultCurrency: string | null = null): Price | null {
  const raw = text.replace(/\s+/g, ' ').trim();
  const number = /\d[\d.,'\u00a0\u202f ]*/.exec(raw);
  if (!number) return null;
  const amount = normaliseAmount(number[0].trim());
  if (amount === null) return null;
  return { amount, currency: currencyOf(raw, defaultCurrency), raw };
}

function currencyOf(raw: string, fallback: string | null): string | null {
  const iso = ISO.exec(raw.toUpperCase());
  if (iso) return iso[1]!;
  const sign = CURRENCY_SIGNS.find(([s]) => raw.includes(s));
  if (!sign) return fallback;
  // A bare "$" or "¥" says little on its own: the marketplace's currency decides.
  // So does a full-width "￥": Tmall prints it for yuan, amazon.co.jp for yen.
  if ((sign[0] === '$' || sign[0] === '¥' || sign[0] === '￥') && fallback) return fallback;
  return sign[1];
}

function normaliseAmount(digits: string): string | null {
  // Spaces (plain, no-break, narrow) and apostrophes only ever group thousands.
  const s = digits.replace(/[\u00a0\u202f ']/g, '');
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  let integer: string;
  let fraction = '';
  if (lastDot >= 0 && lastComma >= 0) {
    // Both appear: the later one is the decimal mark.
    const decimal = lastDot > lastComma ? '.' : ',';
    const at = Math.max(lastDot, lastComma);
    integer = s.slice(0, at).replace(/[.,]/g, '');
    fraction = s.slice(at + 1);
    if (s.slice(0, at).includes(decimal)) return null;
  } else if (lastDot >= 0 || lastComma >= 0) {
    const mark = lastDot >= 0 ? '.' : ',';
    const parts = s.split(mark);
    // One mark followed by exactly three digits groups thousands (1.234 · 1,299); otherwise it is the decimal mark.
    if (parts.length > 2 || (parts.length === 2 && parts[1]!.length === 3)) {
      integer = parts.join('');
    } else {
      integer = parts[0]!;
      fraction = parts[1] ?? '';
    }
  } else {
    integer = s;
  }
  if (!/^\d+$/.test(integer) || !/^\d*$/.test(fraction)) return null;
  integer = integer.replace(/^0+(?=\d)/, '');
  return fraction ? `${integer}.${fraction}` : integer;
}
