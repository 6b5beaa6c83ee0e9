/**
 * The hub's first schema: users, the catalogue (workspaces, sellers,
 * listings, captures and their objects, stamps), the custody log, schedules.
 *
 * The custody log keeps one hash chain per pushing workspace, as that
 * workspace wrote it (entries are copied, never re-hashed, so each still
 * verifies against the workspace's own key), and a chain of the hub's own
 * ('hub'). Rows are append-only: a trigger refuses UPDATE and DELETE, and
 * TRUNCATE. Writers take a transaction-scoped advisory lock on the chain
 * before reading its head, so two writers never fork it.
 */
export const hubSchema001 = `
CREATE TABLE hub_users (
  id          BIGSERIAL PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
  role        TEXT NOT NULL CHECK (role IN ('investigator', 'lawyer')),
  token_hash  TEXT NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE hub_workspaces (
  key_fingerprint TEXT PRIMARY KEY,
  public_key_pem  TEXT NOT NULL,
  investigator    TEXT NOT NULL,
  first_pushed_by BIGINT NOT NULL REFERENCES hub_users(id),
  first_pushed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE hub_objects (
  sha256     TEXT PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size       BIGINT NOT NULL CHECK (size >= 0),
  stored_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE hub_sellers (
  id          BIGSERIAL PRIMARY KEY,
  marketplace TEXT NOT NULL,
  seller_key  TEXT NOT NULL,
  name        TEXT,
  UNIQUE (marketplace, seller_key)
);

CREATE TABLE hub_listings (
  id          BIGSERIAL PRIMARY KEY,
  marketplace TEXT NOT NULL,
  listing_key TEXT NOT NULL,
  url         TEXT NOT NULL,
  seller_id   BIGINT REFERENCES hub_sellers(id),
  title       TEXT,
  UNIQUE (marketplace, listing_key)
);

CREATE TABLE hub_captures (
  id               TEXT PRIMARY KEY,
  workspace        TEXT NOT NULL REFERENCES hub_workspaces(key_fingerprint),
  listing_id       BIGINT REFERENCES hub_listings(id),
  url              TEXT NOT NULL,
  captured_at      TEXT NOT NULL,
  outcome          TEXT NOT NULL,
  manifest_sha256  TEXT NOT NULL REFERENCES hub_objects(sha256),
  signature        TEXT NOT NULL,
  pushed_by        BIGINT NOT NULL REFERENCES hub_users(id),
  pushed_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE hub_capture_artifacts (
  capture_id TEXT NOT NULL REFERENCES hub_captures(id),
  name       TEXT NOT NULL,
  sha256     TEXT NOT NULL REFERENCES hub_objects(sha256),
  PRIMARY KEY (capture_id, name)
);

CREATE TABLE hub_stamps (
  capture_id  TEXT NOT NULL REFERENCES hub_captures(id),
  authority   TEXT NOT NULL,
  token_sha256 TEXT NOT NULL REFERENCES hub_objects(sha256),
  gen_time    TEXT NOT NULL,
  PRIMARY KEY (capture_id, token_sha256)
);

CREATE TABLE hub_custody (
  chain        TEXT NOT NULL,
  seq          BIGINT NOT NULL CHECK (seq >= 1),
  at           TEXT NOT NULL,
  investigator TEXT NOT NULL,
  os_user      TEXT NOT NULL,
  action       TEXT NOT NULL,
  subject      TEXT,
  details      TEXT NOT NULL,
  prev_hash    TEXT NOT NULL,
  hash         TEXT NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
  signature    TEXT,
  received_by  BIGINT REFERENCES hub_users(id),
  received_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (chain, seq)
);

CREATE FUNCTION hub_custody_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the custody log is append-only: % refused', TG_OP;
END $$;

CREATE TRIGGER hub_custody_no_update BEFORE UPDATE OR DELETE ON hub_custody
  FOR EACH ROW EXECUTE FUNCTION hub_custody_append_only();
CREATE TRIGGER hub_custody_no_truncate BEFORE TRUNCATE ON hub_custody
  FOR EACH STATEMENT EXECUTE FUNCTION hub_custody_append_only();

CREATE TABLE hub_schedules (
  id          BIGSERIAL PRIMARY KEY,
  listing_id  BIGINT NOT NULL REFERENCES hub_listings(id) UNIQUE,
  every_seconds INTEGER NOT NULL CHECK (every_seconds >= 60),
  next_due_at TIMESTAMPTZ NOT NULL,
  created_by  BIGINT NOT NULL REFERENCES hub_users(id)
);
`;
