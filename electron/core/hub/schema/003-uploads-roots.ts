/**
 * Uploads: objects received under their content-addressed key and not yet
 * named by the catalogue (a push on its way). Pushes no longer stage objects
 * in a per-user area and copy them: the key is written once, hashed while it
 * arrives, and the hub asks this table, not the store, what it already has.
 * Nothing here is evidence; a row leaves when its push commits (the object
 * then in hub_objects), is refused, or is left untouched long enough to be a
 * dead push's leftover: neither it nor anything of its user's (last_push_at)
 * moved for that long.
 *
 * Time-stamping authorities' roots the hub trusts, set by its administrator
 * (exhibit hub init --tsa-roots FILE): a pusher's word on a root is not taken.
 */
export const hubSchema003 = `
CREATE TABLE hub_uploads (
  sha256      TEXT PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  user_id     BIGINT NOT NULL REFERENCES hub_users(id),
  state       TEXT NOT NULL CHECK (state IN ('receiving', 'received')),
  size        BIGINT CHECK (size >= 0),
  touched_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX hub_uploads_user ON hub_uploads (user_id);
CREATE INDEX hub_uploads_touched ON hub_uploads (touched_at);
ALTER TABLE hub_users ADD COLUMN last_push_at TIMESTAMPTZ;

CREATE TABLE hub_tsa_roots (
  sha256   TEXT PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  pem      TEXT NOT NULL,
  subject  TEXT NOT NULL,
  added_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
`;
