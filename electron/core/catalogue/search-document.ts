import type { SearchDocument } from '../search/search-index.js';
import { stringValue, type CorrectableField, type FieldValue } from './fields.js';

/** The searchable fields of a capture, from the values in force. */
export function searchDocument(captureId: string, values: ReadonlyMap<CorrectableField, FieldValue>): Omit<SearchDocument, 'text'> {
  const s = (f: CorrectableField) => stringValue(values.get(f)) ?? '';
  return {
    title: s('title'),
    seller: [s('sellerName'), s('sellerId')].filter((x) => x !== '').join(' '),
    brand: s('brand'),
    ids: [s('marketplace'), s('listingId'), s('sellerId'), captureId].filter((x) => x !== '').join(' '),
  };
}
