import { describe, expect, it } from 'vitest';
import { availabilityFromSchema, availabilityFromText } from '../../../electron/core/extract/availability.js';

describe('availability', () => {
  it.each([
    ['In stock.', 'in-stock'],
    ['Auf Lager.', 'in-stock'],
    ['En stock', 'in-stock'],
    ['Disponibilità immediata.', 'in-stock'],
    ['Habituellement expédié sous 3 à 4 jours.', 'in-stock'],
    ['Disponibile presso questi venditori.', 'in-stock'],
    ['Only 2 left in stock.', 'limited'],
    ['Currently unavailable.', 'out-of-stock'],
    ['Derzeit nicht verfügbar.', 'out-of-stock'],
    ['Nicht auf Lager', 'out-of-stock'],
    ['Actuellement indisponible.', 'out-of-stock'],
    ['Non disponibile.', 'out-of-stock'],
    ['No disponible.', 'out-of-stock'],
    ['Pre-order now', 'preorder'],
    ['宝贝已下架', 'out-of-stock'],
  ])('%s', (text, want) => {
    expect(availabilityFromText(text)).toBe(want);
  });

  it('gives null for text that says nothing about stock', () => {
    expect(availabilityFromText('Free delivery on orders over £25')).toBeNull();
  });

  it.each([
    ['http://schema.org/InStock', 'in-stock'],
    ['https://schema.org/OutOfStock', 'out-of-stock'],
    ['InStock', 'in-stock'],
    ['SoldOut', 'out-of-stock'],
    ['PreOrder', 'preorder'],
    ['LimitedAvailability', 'limited'],
    ['Discontinued', 'discontinued'],
    ['oos', 'out-of-stock'],
  ])('schema.org %s', (value, want) => {
    expect(availabilityFromSchema(value)).toBe(want);
  });

  it('ignores what is not an availability', () => {
    expect(availabilityFromSchema('toString')).toBeNull();
    expect(availabilityFromSchema(3)).toBeNull();
  });
});
