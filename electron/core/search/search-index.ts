import type { Db } from '../workspace/db.js';
import { indexableText } from './tokens.js';

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
  const row = await tx.get<{ rowid: number }>('SELECT rowid FROM captures WHERE id = ?', [captureId]);
  if (!row) throw new Error(`indexCapture: no capture ${captureId}`);
  const fields = [indexableText(doc.title), indexableText(doc.seller), indexableText(doc.brand), doc.ids];
  if (doc.text === undefined) {
    await tx.run('UPDATE search_index SET title = ?, seller = ?, brand = ?, ids = ? WHERE rowid = ?', [...fields, row.rowid]);
  } else {
    await tx.run('DELETE FROM search_index WHERE rowid = ?', [row.rowid]);
    await tx.run('INSERT INTO search_index (rowid, title, seller, brand, ids, text) VALUES (?, ?, ?, ?, ?, ?)', [row.rowid, ...fields, indexableText(doc.text.slice(0, MAX_TEXT_CHARS))]);
  }
}
