import type { SearchDocument } from '../search/search-index.js';
import type { CorrectableField, FieldValue } from './fields.js';

/** The searchable fields of a capture, from the values in force. */
export function searchDocument(captureId: string, values: ReadonlyMap<CorrectableField, FieldValue>): Omit<SearchDocument, 'text'> {
  const s = (f: CorrectableField) => {
    const v = values.get(f);
    return typeof v === 'string' ? v : '';
  };
  return {
    title: s('title'),
    seller: [s('sellerName'), s('sellerId')].filter((x) => x !== '').join(' '),
    brand: s('brand'),
    ids: [s('marketplace'), s('listingId'), s('sellerId'), captureId].filter((x) => x !== '').join(' '),
  };
}
