import { parsePrice } from '../extract/price.js';
import { err, ok, type Result } from '../util/result.js';
import { parseCsv, type CsvError } from './csv.js';

/**
 * A brand's catalogue as a CSV, one row per product and market:
 *
 *   product,reference,market,retail_price,currency,images,keywords
 *   Nordkap Flask 500 ml,NK-500,amazon.de,49.90,EUR,flask.png|flask-side.png,nordkap|flask
 *
 * A product sold in several markets takes one row per market (the images
 * and keywords of its rows are merged). Images are files (relative to the
 * CSV) or http(s) URLs, separated by "|"; so are keywords. Cells may be
 * empty except product, reference and market, and a price needs its currency.
 */
export const CATALOGUE_COLUMNS = ['product', 'reference', 'market', 'retail_price', 'currency', 'images', 'keywords'] as const;
type Column = (typeof CATALOGUE_COLUMNS)[number];

export interface CatalogueProduct {
  name: string;
  reference: string;
  prices: { market: string; price: string; currency: string }[];
  /** as written in the CSV, in order, once each */
  images: { ref: string; line: number; column: number }[];
  keywords: string[];
}

const REQUIRED: readonly Column[] = ['product', 'reference', 'market'];

export function parseCatalogueCsv(text: string): Result<CatalogueProduct[], CsvError> {
  const parsed = parseCsv(text);
  if (!parsed.ok) return parsed;
  const [header, ...rows] = parsed.value;
  if (!header) return err({ line: 1, column: 1, message: `an empty file: the first line names the columns (${CATALOGUE_COLUMNS.join(',')})` });
  const index = new Map<Column, number>();
  for (const [i, name] of header.cells.entries()) {
    const column = header.columns[i] ?? 1;
    const key = name.trim().toLowerCase() as Column;
    if (!CATALOGUE_COLUMNS.includes(key)) return err({ line: header.line, column, message: `unknown column "${name}": expected ${CATALOGUE_COLUMNS.join(', ')}` });
    if (index.has(key)) return err({ line: header.line, column, message: `column "${name}" twice` });
    index.set(key, index.size);
  }
  for (const r of REQUIRED) if (!index.has(r)) return err({ line: header.line, column: 1, message: `no "${r}" column` });
  if (rows.length === 0) return err({ line: header.line + 1, column: 1, message: 'no products after the header' });

  const products = new Map<string, CatalogueProduct>();
  for (const row of rows) {
    const columnOf = (c: Column) => row.columns[index.get(c)!] ?? 1;
    const cell = (c: Column) => (index.has(c) ? row.cells[index.get(c)!]!.trim() : '');
    const fail = (c: Column, message: string) => err({ line: row.line, column: columnOf(c), message });
    for (const r of REQUIRED) if (!cell(r)) return fail(r, `"${r}" is empty`);
    const market = cell('market').toLowerCase();
    if (!/^[a-z0-9][a-z0-9.-]*$/.test(market)) return fail('market', `market "${cell('market')}": a marketplace key such as amazon.de, ebay or etsy`);
    const product = products.get(cell('reference')) ?? { name: cell('product'), reference: cell('reference'), prices: [], images: [], keywords: [] };
    if (product.name !== cell('product')) return fail('product', `reference ${product.reference} is named "${product.name}" on an earlier line`);
    const priceText = cell('retail_price');
    if (priceText) {
      const price = parsePrice(priceText);
      if (!price || !/^\d+(\.\d+)?$/.test(priceText.replace(',', '.'))) return fail('retail_price', `price "${priceText}": a number such as 49.90`);
      const currency = cell('currency').toUpperCase();
      if (!/^[A-Z]{3}$/.test(currency)) return fail('currency', `currency "${cell('currency')}": a three-letter ISO 4217 code such as EUR`);
      if (product.prices.some((p) => p.market === market)) return fail('market', `a second price for ${product.reference} in ${market}`);
      product.prices.push({ market, price: price.amount, currency });
    } else if (cell('currency')) return fail('retail_price', 'a currency with no price');
    const imagesAt = index.has('images') ? columnOf('images') : 0;
    for (const ref of splitList(cell('images'))) {
      if (!product.images.some((i) => i.ref === ref)) product.images.push({ ref, line: row.line, column: imagesAt });
    }
    for (const k of splitList(cell('keywords'))) if (!product.keywords.includes(k.toLowerCase())) product.keywords.push(k.toLowerCase());
    products.set(product.reference, product);
  }
  return ok([...products.values()]);
}

function splitList(s: string): string[] {
  return s
    .split('|')
    .map((x) => x.trim())
    .filter(Boolean);
}
