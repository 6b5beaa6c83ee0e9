import type { Db } from '../workspace/db.js';
import { indexableText } from './tokens.js';
import { search } from '../store/index.js';

/** What one capture contributes to full-text search. */
export interface SearchDocument {
  title: string;
  seller: string;
  brand: string;
  /** marketplace, listing id, seller id, capture id: searchable as words */
  ids: string;
  /** the page's visible text */
  text: string;
}

/** Page text beyond this is not indexed (it still is in the evidence): enough for any listing. */
const MAX_TEXT_CHARS = 200_000;

/** Indexes a capture, or re-indexes it after a correction (keeping its page text when none is given). */
export async function indexCapture(tx: Db, captureId: string, doc: Omit<SearchDocument, 'text'> & { text?: string }): Promise<void> {
  const rowid = await search.captureRowid(tx, captureId);
  if (rowid === undefined) throw new Error(`indexCapture: no capture ${captureId}`);
  const fields = { title: indexableText(doc.title), seller: indexableText(doc.seller), brand: indexableText(doc.brand), ids: doc.ids };
  if (doc.text === undefined) await search.updateFields(tx, rowid, fields);
  else await search.replaceDocument(tx, rowid, { ...fields, text: indexableText(doc.text.slice(0, MAX_TEXT_CHARS)) });
}
