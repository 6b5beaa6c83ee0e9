import { z } from 'zod';
import type { Db } from '../workspace/db.js';
import { col, parseOptionalRow, parseRows } from './rows.js';

/* The investigator's notes on captures: every version kept (capture_notes is append-only). */

const noteVersion = z.object({ text: col.text, at: col.text });

/** Every version of a capture's note, newest first. */
export async function noteVersions(db: Db, captureId: string): Promise<{ text: string; at: string }[]> {
  return parseRows(noteVersion, await db.all('SELECT text, at FROM capture_notes WHERE capture_id = ? ORDER BY seq DESC', [captureId]), 'capture_notes');
}

/** The text of a capture's note in force (its latest version), if it has one. */
export async function currentNoteText(db: Db, captureId: string): Promise<string | undefined> {
  return parseOptionalRow(z.object({ text: col.text }), await db.get('SELECT text FROM capture_notes WHERE capture_id = ? ORDER BY seq DESC LIMIT 1', [captureId]), 'capture_notes')?.text;
}

export async function insertNote(tx: Db, captureId: string, text: string, at: string): Promise<void> {
  await tx.run('INSERT INTO capture_notes (capture_id, text, at) VALUES (?, ?, ?)', [captureId, text, at]);
}
