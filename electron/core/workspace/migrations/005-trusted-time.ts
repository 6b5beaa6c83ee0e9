/**
 * Trusted time: the time-stamping authorities a workspace asks, the queue of
 * what still needs a stamp (kept in the database, so a capture made offline
 * or a process killed midway is stamped later), and every token received.
 *
 * A token is kept as received, like a capture: triggers refuse changes. A
 * request is marked done, never deleted, so the queue's history stays.
 * Workspaces made before time-stamping get the default authorities and
 * their key queued for a stamp: the key's fingerprint, recorded in the
 * first custody entry, is the SHA-256 it stamps.
 */
export const migration005 = {
  version: 5,
  name: 'trusted-time',
  sql: `
CREATE TABLE time_authorities (
  url             TEXT PRIMARY KEY,
  name            TEXT NOT NULL,
  -- PEM: root certificates the investigator trusts for this authority
  roots           TEXT NOT NULL DEFAULT '',
  min_interval_ms INTEGER NOT NULL DEFAULT 0 CHECK (min_interval_ms >= 0),
  added_at        TEXT NOT NULL,
  -- a removed authority is asked no more; its roots still check the tokens it gave
  removed_at      TEXT,
  position        INTEGER NOT NULL
) STRICT;

CREATE TABLE stamp_requests (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  subject_kind    TEXT NOT NULL CHECK (subject_kind IN ('capture', 'key')),
  -- a capture id, or the key's fingerprint (hex)
  subject         TEXT NOT NULL,
  -- the SHA-256 to stamp: the signed manifest, or the public key's DER
  imprint         TEXT NOT NULL,
  queued_at       TEXT NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0,
  last_attempt_at TEXT,
  last_error      TEXT,
  done_at         TEXT,
  UNIQUE (subject_kind, subject)
) STRICT;
CREATE INDEX stamp_requests_pending ON stamp_requests (id) WHERE done_at IS NULL;
CREATE TRIGGER stamp_requests_no_delete BEFORE DELETE ON stamp_requests
BEGIN SELECT RAISE(ABORT, 'a stamp request is kept: mark it done instead'); END;

CREATE TABLE timestamps (
  seq            INTEGER PRIMARY KEY AUTOINCREMENT,
  subject_kind   TEXT NOT NULL CHECK (subject_kind IN ('capture', 'key')),
  subject        TEXT NOT NULL,
  -- the file name it travels under: timestamp-1.tsr, timestamp-2.tsr…
  name           TEXT NOT NULL,
  authority_url  TEXT NOT NULL,
  authority_name TEXT NOT NULL,
  -- the TimeStampResp as received, in the object store
  token_sha256   TEXT NOT NULL,
  -- what the token stamps: the subject's own imprint, or a list of several (batch_sha256)
  imprint        TEXT NOT NULL,
  subject_imprint TEXT NOT NULL,
  batch_sha256   TEXT,
  nonce          TEXT NOT NULL,
  gen_time       TEXT NOT NULL,
  serial         TEXT NOT NULL,
  stamped_at     TEXT NOT NULL,
  UNIQUE (subject_kind, subject, name)
) STRICT;
CREATE INDEX timestamps_by_subject ON timestamps (subject_kind, subject);
CREATE TRIGGER timestamps_no_update BEFORE UPDATE ON timestamps
BEGIN SELECT RAISE(ABORT, 'a time-stamp token is kept as received'); END;
CREATE TRIGGER timestamps_no_delete BEFORE DELETE ON timestamps
BEGIN SELECT RAISE(ABORT, 'a time-stamp token is kept as received'); END;

INSERT INTO time_authorities (url, name, min_interval_ms, added_at, position) VALUES
  ('http://timestamp.digicert.com', 'DigiCert Timestamp Authority', 0, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 1),
  ('http://timestamp.sectigo.com/qualified', 'Sectigo Qualified Time Stamping (eIDAS)', 15000, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 2);

INSERT INTO stamp_requests (subject_kind, subject, imprint, queued_at)
SELECT 'key', fp, fp, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM (
  SELECT replace(json_extract(details, '$.publicKeyFingerprint'), ' ', '') AS fp
  FROM custody_log WHERE action = 'workspace.created' ORDER BY seq LIMIT 1
) WHERE fp IS NOT NULL;
`,
} as const;
