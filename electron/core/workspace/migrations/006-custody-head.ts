/**
 * The custody log's head, signed. A hash chain alone cannot show that its end
 * was cut off, or that it was recomputed after an edit: whoever has the
 * database file can do both. The workspace key signs each entry (seq and
 * hash) and the head (the latest entry), so a cut or recomputed log no longer
 * matches a signature that cannot be forged without the key.
 *
 * anchored_from is the first entry signed: a workspace made before this
 * migration has entries before it that only the hash chain vouches for.
 * The head row is there from the start; its seq is NULL until the first
 * signed entry.
 */
export const migration006 = {
  version: 6,
  name: 'custody-head',
  sql: `
CREATE TABLE custody_signatures (
  seq       INTEGER PRIMARY KEY,
  signature TEXT NOT NULL
) STRICT;
CREATE TRIGGER custody_signatures_no_update BEFORE UPDATE ON custody_signatures
BEGIN SELECT RAISE(ABORT, 'custody signatures are append-only'); END;
CREATE TRIGGER custody_signatures_no_delete BEFORE DELETE ON custody_signatures
BEGIN SELECT RAISE(ABORT, 'custody signatures are append-only'); END;

CREATE TABLE custody_head (
  id            INTEGER PRIMARY KEY CHECK (id = 1),
  anchored_from INTEGER NOT NULL,
  seq           INTEGER,
  hash          TEXT,
  signature     TEXT
) STRICT;
INSERT INTO custody_head (id, anchored_from) VALUES (1, COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'custody_log'), 0) + 1);
`,
} as const;
