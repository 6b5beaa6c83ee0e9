import { err, ok, type Result } from '../util/result.js';
import { utcNow } from '../util/time.js';
import { appendCustody } from '../workspace/custody.js';
import type { Db } from '../workspace/db.js';

export interface CaptureNote {
  text: string;
  at: string;
  /** earlier versions, newest first */
  history: { text: string; at: string }[];
}

const MAX_NOTE = 20_000;

/** The note in force on a capture (its latest version) and the versions before it; null when it has none. */
export async function captureNote(db: Db, captureId: string): Promise<CaptureNote | null> {
  const rows = await db.all<{ text: string; at: string }>('SELECT text, at FROM capture_notes WHERE capture_id = ? ORDER BY seq DESC', [captureId]);
  const [latest, ...history] = rows;
  return latest ? { text: latest.text, at: latest.at, history } : null;
}

/**
 * Writes the investigator's note on a capture: a new version, kept beside
 * the evidence (never in it), logged in the custody log. An empty text
 * clears the note, as a version of its own.
 */
export async function writeCaptureNote(db: Db, captureId: string, text: string): Promise<Result<CaptureNote, string>> {
  if (text.length > MAX_NOTE) return err(`a note of ${text.length} characters: at most ${MAX_NOTE}`);
  const written = await db.transaction(async (tx) => {
    if (!(await tx.get('SELECT 1 FROM captures WHERE id = ?', [captureId]))) return false;
    const current = await tx.get<{ text: string }>('SELECT text FROM capture_notes WHERE capture_id = ? ORDER BY seq DESC LIMIT 1', [captureId]);
    if ((current?.text ?? '') === text) return true;
    const at = utcNow();
    await tx.run('INSERT INTO capture_notes (capture_id, text, at) VALUES (?, ?, ?)', [captureId, text, at]);
    await appendCustody(tx, { action: 'note.edited', subject: captureId, details: { from: current?.text ?? '', to: text } });
    return true;
  });
  if (!written) return err(`no capture ${captureId} in this workspace`);
  return ok((await captureNote(db, captureId)) ?? { text: '', at: utcNow(), history: [] });
}
