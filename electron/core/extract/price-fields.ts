import { found } from './fields.js';
import { parsePrice } from './price.js';
import type { Extracted, SourceKind, ValueSource } from './types.js';

export interface PriceFound {
  price: Extracted<string>;
  currency?: Extracted<string>;
}

/** The currency a marketplace's site implies (amazon.de: EUR), and where that was read. */
export interface CurrencyDefault {
  code: string;
  source: ValueSource;
}

/**
 * A price printed for people ("8,71 €", "US $89.99", "¥199.00 - 299.00"):
 * read in its local form, a range by its lower bound, the currency from the
 * text or else the site's. When the site's currency settled it (no sign, or
 * a bare "$" on amazon.ca), the currency's source says so.
 */
export function priceFromText(text: string | null | undefined, fallback: CurrencyDefault | null, kind: SourceKind, detail: string): PriceFound | null {
  if (typeof text !== 'string') return null;
  const raw = text.slice(0, 200);
  const p = parsePrice(raw, fallback?.code ?? null);
  if (!p) return null;
  const out: PriceFound = { price: found(p.amount, kind, detail) };
  if (!p.currency) return out;
  const own = parsePrice(raw, null)?.currency ?? null;
  if (own === p.currency) out.currency = found(p.currency, kind, detail);
  else if (own === null && fallback) out.currency = { value: p.currency, source: fallback.source };
  else out.currency = found(p.currency, kind, `${detail} (sign read as the site's currency)`);
  return out;
}

const MACHINE = /^\s*(\d+(?:\.\d+)?)\s*$/;

/**
 * A price written for machines (schema.org, OpenGraph, script data): a dot is
 * always the decimal mark there, so "1.234" is one and a bit, not a thousand.
 */
export function machinePrice(
  value: unknown,
  currency: Extracted<unknown> | null,
  fallback: CurrencyDefault | null,
  kind: SourceKind,
  detail: string,
): PriceFound | null {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : typeof value === 'string' ? value : null;
  if (text === null) return null;
  const iso = currency ? isoCurrency(currency.value) : null;
  const m = MACHINE.exec(text);
  const out: PriceFound | null = m ? { price: found(m[1]!.replace(/^0+(?=\d)/, ''), kind, detail) } : priceFromText(text, fallback, kind, detail);
  if (!out) return null;
  if (iso && currency) out.currency = { value: iso, source: currency.source };
  else if (!out.currency && fallback) out.currency = { value: fallback.code, source: fallback.source };
  return out;
}

const ALIASES: Record<string, string> = { RMB: 'CNY', 'US$': 'USD', '€': 'EUR', '£': 'GBP', '￥': 'CNY' };

/** An ISO 4217 code from a currency value as pages write it ("eur", "RMB"); null for anything else. */
export function isoCurrency(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const v = value.trim().toUpperCase();
  if (Object.hasOwn(ALIASES, v)) return ALIASES[v]!;
  return /^[A-Z]{3}$/.test(v) ? v : null;
}
