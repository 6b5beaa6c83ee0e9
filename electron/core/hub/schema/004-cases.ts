/**
 * Cases on the hub. Each workspace's case is kept as that workspace claimed
 * it (hub_workspace_cases, by its own id), and joined to one team case
 * (hub_cases) by a match key: its reference when it has one, else its name,
 * trimmed, spaces collapsed, lower-cased. Members are rows per workspace and
 * case: a member removed in its workspace is marked removed (when, by whom,
 * with the custody entry that removed it), never deleted; added again, it is
 * a new row. A trigger refuses DELETE, and any UPDATE but marking a held
 * member removed, once.
 *
 * The workspace's case claims are checked against its signed custody chain
 * the hub holds (case.created, case.member-added/-removed, seller.created,
 * listing.created, capture.stored): an index on (chain, subject) keeps that
 * a lookup. cases_sha256 is the digest of the last case claims a workspace
 * pushed, so a push whose cases have not changed sends none.
 */
export const hubSchema004 = `
CREATE TABLE hub_cases (
  id               BIGSERIAL PRIMARY KEY,
  match_key        TEXT NOT NULL UNIQUE CHECK (length(match_key) > 0),
  name             TEXT NOT NULL,
  reference        TEXT,
  created_at       TEXT NOT NULL,
  first_pushed_by  BIGINT NOT NULL REFERENCES hub_users(id),
  first_pushed_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE hub_workspace_cases (
  workspace    TEXT NOT NULL REFERENCES hub_workspaces(key_fingerprint),
  local_id     TEXT NOT NULL,
  case_id      BIGINT NOT NULL REFERENCES hub_cases(id),
  name         TEXT NOT NULL,
  reference    TEXT,
  created_at   TEXT NOT NULL,
  created_seq  BIGINT NOT NULL,
  pushed_by    BIGINT NOT NULL REFERENCES hub_users(id),
  pushed_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace, local_id)
);
CREATE INDEX hub_workspace_cases_case ON hub_workspace_cases (case_id);

CREATE TABLE hub_case_members (
  id               BIGSERIAL PRIMARY KEY,
  case_id          BIGINT NOT NULL REFERENCES hub_cases(id),
  workspace        TEXT NOT NULL,
  local_case_id    TEXT NOT NULL,
  kind             TEXT NOT NULL CHECK (kind IN ('seller', 'listing', 'capture')),
  how              TEXT NOT NULL CHECK (how IN ('added', 'captured')),
  local_member_id  TEXT NOT NULL,
  seller_id        BIGINT REFERENCES hub_sellers(id),
  listing_id       BIGINT REFERENCES hub_listings(id),
  capture_id       TEXT REFERENCES hub_captures(id),
  added_seq        BIGINT NOT NULL,
  added_ws_at      TEXT NOT NULL,
  added_by         BIGINT NOT NULL REFERENCES hub_users(id),
  added_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
  removed_seq      BIGINT,
  removed_ws_at    TEXT,
  removed_by       BIGINT REFERENCES hub_users(id),
  removed_at       TIMESTAMPTZ,
  FOREIGN KEY (workspace, local_case_id) REFERENCES hub_workspace_cases (workspace, local_id),
  CHECK ((kind = 'seller') = (seller_id IS NOT NULL) AND (kind = 'listing') = (listing_id IS NOT NULL) AND (kind = 'capture') = (capture_id IS NOT NULL)),
  CHECK (how = 'added' OR kind = 'capture'),
  CHECK ((removed_at IS NULL) = (removed_by IS NULL) AND (removed_at IS NULL) = (removed_seq IS NULL) AND (removed_at IS NULL) = (removed_ws_at IS NULL))
);
CREATE UNIQUE INDEX hub_case_members_held ON hub_case_members (workspace, local_case_id, kind, local_member_id) WHERE removed_at IS NULL;
CREATE INDEX hub_case_members_case ON hub_case_members (case_id);

CREATE FUNCTION hub_case_members_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.removed_at IS NULL AND NEW.removed_at IS NOT NULL
     AND (NEW.id, NEW.case_id, NEW.workspace, NEW.local_case_id, NEW.kind, NEW.how, NEW.local_member_id, NEW.seller_id, NEW.listing_id, NEW.capture_id, NEW.added_seq, NEW.added_ws_at, NEW.added_by, NEW.added_at)
         IS NOT DISTINCT FROM (OLD.id, OLD.case_id, OLD.workspace, OLD.local_case_id, OLD.kind, OLD.how, OLD.local_member_id, OLD.seller_id, OLD.listing_id, OLD.capture_id, OLD.added_seq, OLD.added_ws_at, OLD.added_by, OLD.added_at) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'hub_case_members is append-only (a member is only ever marked removed, once): % refused', TG_OP;
END $$;
CREATE TRIGGER hub_case_members_no_change BEFORE UPDATE OR DELETE ON hub_case_members
  FOR EACH ROW EXECUTE FUNCTION hub_case_members_append_only();
CREATE TRIGGER hub_case_members_no_truncate BEFORE TRUNCATE ON hub_case_members
  FOR EACH STATEMENT EXECUTE FUNCTION hub_case_members_append_only();

CREATE INDEX hub_custody_subject ON hub_custody (chain, subject);
ALTER TABLE hub_workspaces ADD COLUMN cases_sha256 TEXT CHECK (cases_sha256 ~ '^[0-9a-f]{64}$');
`;
