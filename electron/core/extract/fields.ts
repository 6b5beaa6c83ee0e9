import type { Extracted, ListingField, ListingFields, SourceKind, ValueSource } from './types.js';

export function source(kind: SourceKind, detail: string): ValueSource {
  return { kind, detail };
}

export function found<T>(value: T, kind: SourceKind, detail: string): Extracted<T> {
  return { value, source: { kind, detail } };
}

/**
 * Field by field, the first set that has a value wins: a marketplace module's
 * reading of its own page before the generic layer's, JSON-LD before
 * microdata before OpenGraph.
 */
export function mergeFields(...sets: ListingFields[]): ListingFields {
  const out: ListingFields = {};
  for (const set of sets) {
    for (const key of Object.keys(set) as ListingField[]) {
      if (out[key] === undefined && set[key] !== undefined) assign(out, set, key);
    }
  }
  return out;
}

function assign<K extends ListingField>(to: ListingFields, from: ListingFields, key: K): void {
  to[key] = from[key];
}

/**
 * A price and its currency travel together: when the winning price came with
 * no currency, the currency is taken from the set that gave the price, or
 * failing that from the first set that names one.
 */
export function mergePriced(...sets: ListingFields[]): ListingFields {
  const merged = mergeFields(...sets);
  const priced = sets.find((s) => s.price !== undefined);
  if (priced?.currency) merged.currency = priced.currency;
  return merged;
}
