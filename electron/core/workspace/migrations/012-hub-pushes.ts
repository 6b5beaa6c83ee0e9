/**
 * Pushes to a team hub, as the workspace's own record: each push that the hub
 * accepted evidence from is a row here and a `hub.pushed` custody entry (hub,
 * hub user, what was sent, the hub's receipt), compared both ways by
 * `exhibit verify`.
 *
 * The hub this workspace pushes to, entered once: its address and the
 * person's token. The token is a credential, not evidence: it is kept here,
 * never in the custody log or a log line, and verification does not read it.
 */
export const migration012 = {
  version: 12,
  name: 'hub-pushes',
  sql: `
CREATE TABLE hub_pushes (
  custody_seq   INTEGER PRIMARY KEY,
  at            TEXT NOT NULL,
  hub_url       TEXT NOT NULL,
  hub_user      TEXT NOT NULL,
  captures      TEXT NOT NULL,
  objects_sent  INTEGER NOT NULL CHECK (objects_sent >= 0),
  bytes_sent    INTEGER NOT NULL CHECK (bytes_sent >= 0),
  custody_sent  INTEGER NOT NULL CHECK (custody_sent >= 0),
  receipt_seq   INTEGER NOT NULL,
  receipt_hash  TEXT NOT NULL
);

CREATE TABLE hub_connection (
  id     INTEGER PRIMARY KEY CHECK (id = 1),
  url    TEXT NOT NULL,
  token  TEXT NOT NULL
);
`,
} as const;
