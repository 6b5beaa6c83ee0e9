import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../electron/core/fakes/csv.js';
import { parseCatalogueCsv } from '../../../electron/core/fakes/catalogue-csv.js';

const HEADER = 'product,reference,market,retail_price,currency,images,keywords';

describe('strict CSV', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF rows and a BOM', () => {
    const r = parseCsv('\uFEFFa,b\r\n"x, y","say ""hi""\nthere"\r\n');
    expect(r).toEqual({ ok: true, value: [{ line: 1, cells: ['a', 'b'], columns: [1, 3] }, { line: 2, cells: ['x, y', 'say "hi"\nthere'], columns: [1, 8] }] });
  });

  it.each([
    ['a,b\n"x,y\n', 3, 1, /never closed/],
    ['a,b\nx"y,z\n', 2, 2, /quote inside an unquoted field/],
    ['a,b\n"x"y,z\n', 2, 4, /text after a closing quote/],
    ['a,b\nx,y\nonly\n', 3, 1, /1 fields where the header has 2/],
    ['a,b\rx,y', 1, 4, /carriage return/],
  ])('refuses %j at line %i, column %i', (text, line, column, message) => {
    const r = parseCsv(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatchObject({ line, column });
      expect(r.error.message).toMatch(message);
    }
  });
});

describe('the catalogue CSV', () => {
  it('names the column of a cell after a quoted one as the file shows it', () => {
    const r = parseCatalogueCsv(`${HEADER}\n"Flask, 500 ml",NK-1,amazon.de,ten,EUR,,\n`);
    expect(r.ok ? null : r.error).toMatchObject({ line: 2, column: 32 });
  });

  it('merges a product sold in several markets, with its images and keywords once each', () => {
    const r = parseCatalogueCsv(`${HEADER}\nNordkap Flask 500 ml,NK-500,amazon.de,49.90,EUR,flask.png|side.png,Nordkap|flask\nNordkap Flask 500 ml,NK-500,ebay,45,eur,flask.png,flask|bottle\n`);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toEqual([
      {
        name: 'Nordkap Flask 500 ml',
        reference: 'NK-500',
        prices: [
          { market: 'amazon.de', price: '49.90', currency: 'EUR' },
          { market: 'ebay', price: '45', currency: 'EUR' },
        ],
        images: [
          { ref: 'flask.png', line: 2, column: 49 },
          { ref: 'side.png', line: 2, column: 49 },
        ],
        keywords: ['nordkap', 'flask', 'bottle'],
      },
    ]);
  });

  it.each([
    [`${HEADER}\nFlask,NK-1,amazon.de,cheap,EUR,,\n`, 2, 22, /price "cheap"/],
    [`${HEADER}\nFlask,NK-1,amazon.de,10,euros,,\n`, 2, 25, /currency "euros"/],
    [`${HEADER}\nFlask,,amazon.de,10,EUR,,\n`, 2, 7, /"reference" is empty/],
    [`${HEADER}\nFlask,NK-1,amazon.de,10,EUR,,\nFlask,NK-1,amazon.de,12,EUR,,\n`, 3, 12, /a second price for NK-1 in amazon.de/],
    ['product,reference,market,colour\n', 1, 26, /unknown column "colour"/],
    [`${HEADER}\n`, 2, 1, /no products/],
  ])('refuses a bad catalogue with where it is wrong (%#)', (text, line, column, message) => {
    const r = parseCatalogueCsv(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message).toMatch(message);
      expect(r.error).toMatchObject({ line, column });
    }
  });
});
