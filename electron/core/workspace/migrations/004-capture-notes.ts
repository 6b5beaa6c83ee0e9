/**
 * The investigator's notes on a capture: not evidence, and never mixed with
 * it. The note given when capturing is in the signed manifest; these are
 * written later, each edit a new row (the latest is the note in force), each
 * logged in the custody log, none changed or deleted.
 */
export const migration004 = {
  version: 4,
  name: 'capture-notes',
  sql: `
CREATE TABLE capture_notes (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  capture_id TEXT NOT NULL REFERENCES captures(id),
  text       TEXT NOT NULL,
  at         TEXT NOT NULL
) STRICT;
CREATE INDEX capture_notes_by_capture ON capture_notes (capture_id, seq);
CREATE TRIGGER capture_notes_no_update BEFORE UPDATE ON capture_notes
BEGIN SELECT RAISE(ABORT, 'a note is kept as written: write a new one instead'); END;
CREATE TRIGGER capture_notes_no_delete BEFORE DELETE ON capture_notes
BEGIN SELECT RAISE(ABORT, 'a note is kept as written: write a new one instead'); END;
`,
} as const;
