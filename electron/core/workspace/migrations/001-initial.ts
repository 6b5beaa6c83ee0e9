/**
 * The evidence schema. Captures and artifacts are evidence: once written they
 * never change (triggers refuse it); the custody log is append-only and each
 * entry holds the hash of the one before it.
 */
export const migration001 = {
  version: 1,
  name: 'initial',
  sql: `
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE cases (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  reference  TEXT,
  notes      TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE sellers (
  id           TEXT PRIMARY KEY,
  marketplace  TEXT NOT NULL,
  seller_key   TEXT NOT NULL,
  display_name TEXT,
  profile_url  TEXT,
  notes        TEXT NOT NULL DEFAULT '',
  created_at   TEXT NOT NULL,
  UNIQUE (marketplace, seller_key)
) STRICT;

CREATE TABLE seller_aliases (
  seller_id  TEXT NOT NULL REFERENCES sellers(id),
  kind       TEXT NOT NULL CHECK (kind IN ('name', 'id')),
  alias      TEXT NOT NULL,
  first_seen TEXT NOT NULL,
  PRIMARY KEY (seller_id, kind, alias)
) STRICT;

CREATE TABLE listings (
  id          TEXT PRIMARY KEY,
  marketplace TEXT NOT NULL,
  listing_key TEXT NOT NULL,
  url         TEXT NOT NULL,
  title       TEXT,
  seller_id   TEXT REFERENCES sellers(id),
  created_at  TEXT NOT NULL,
  UNIQUE (marketplace, listing_key)
) STRICT;
CREATE INDEX listings_by_seller ON listings (seller_id);

CREATE TABLE captures (
  id              TEXT PRIMARY KEY,
  listing_id      TEXT REFERENCES listings(id),
  case_id         TEXT REFERENCES cases(id),
  requested_url   TEXT NOT NULL,
  final_url       TEXT,
  http_status     INTEGER,
  started_at      TEXT NOT NULL,
  finished_at     TEXT NOT NULL,
  outcome         TEXT NOT NULL,
  manifest_sha256 TEXT NOT NULL,
  signature       TEXT NOT NULL
) STRICT;
CREATE INDEX captures_by_listing ON captures (listing_id, started_at);
CREATE INDEX captures_by_case ON captures (case_id, started_at);
CREATE INDEX captures_by_requested_url ON captures (requested_url);

CREATE TABLE artifacts (
  capture_id TEXT NOT NULL REFERENCES captures(id),
  name       TEXT NOT NULL,
  kind       TEXT NOT NULL,
  sha256     TEXT NOT NULL,
  bytes      INTEGER NOT NULL,
  media_type TEXT NOT NULL,
  PRIMARY KEY (capture_id, name)
) STRICT;
CREATE INDEX artifacts_by_object ON artifacts (sha256);

CREATE TABLE custody_log (
  seq          INTEGER PRIMARY KEY AUTOINCREMENT,
  at           TEXT NOT NULL,
  investigator TEXT NOT NULL,
  os_user      TEXT NOT NULL,
  action       TEXT NOT NULL,
  subject      TEXT,
  details      TEXT NOT NULL,
  prev_hash    TEXT NOT NULL,
  hash         TEXT NOT NULL
) STRICT;
CREATE INDEX custody_by_subject ON custody_log (subject, seq);

CREATE TRIGGER custody_log_no_update BEFORE UPDATE ON custody_log
BEGIN SELECT RAISE(ABORT, 'the custody log is append-only'); END;
CREATE TRIGGER custody_log_no_delete BEFORE DELETE ON custody_log
BEGIN SELECT RAISE(ABORT, 'the custody log is append-only'); END;
CREATE TRIGGER captures_no_update BEFORE UPDATE ON captures
BEGIN SELECT RAISE(ABORT, 'a stored capture is evidence and cannot be changed'); END;
CREATE TRIGGER captures_no_delete BEFORE DELETE ON captures
BEGIN SELECT RAISE(ABORT, 'a stored capture is evidence and cannot be deleted'); END;
CREATE TRIGGER artifacts_no_update BEFORE UPDATE ON artifacts
BEGIN SELECT RAISE(ABORT, 'a stored artifact is evidence and cannot be changed'); END;
CREATE TRIGGER artifacts_no_delete BEFORE DELETE ON artifacts
BEGIN SELECT RAISE(ABORT, 'a stored artifact is evidence and cannot be deleted'); END;
`,
} as const;
