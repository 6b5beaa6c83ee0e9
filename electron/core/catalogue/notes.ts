import { err, ok, type Result } from '../util/result.js';
import { utcNow } from '../util/time.js';
import { appendCustody } from '../workspace/custody.js';
import { filing, notes } from '../store/index.js';
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
  const rows = await notes.noteVersions(db, captureId);
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
    if (!(await filing.captureExists(tx, captureId))) return false;
    const current = await notes.currentNoteText(tx, captureId);
    if ((current ?? '') === text) return true;
    const at = utcNow();
    await notes.insertNote(tx, captureId, text, at);
    await appendCustody(tx, { action: 'note.edited', subject: captureId, details: { from: current ?? '', to: text } });
    return true;
  });
  if (!written) return err(`no capture ${captureId} in this workspace`);
  return ok((await captureNote(db, captureId)) ?? { text: '', at: utcNow(), history: [] });
}
