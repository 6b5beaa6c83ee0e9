/**
 * Organisation around the evidence: what was extracted from each capture
 * (kept as extracted) and the investigator's corrections (kept beside it);
 * seller status, tags and merges; case membership; running counts kept by
 * triggers so the seller list stays fast at 300,000 captures; and the
 * full-text index.
 *
 * A capture's filing (listing_id, seller_id, case_id) may now change, because filing is
 * the investigator's judgement and can be corrected; the columns that record
 * what was captured still cannot. Every refiling is a custody event.
 */
const SHOWN = "('complete', 'partial', 'imported')";

export const migration002 = {
  version: 2,
  name: 'sellers-and-search',
  sql: `
DROP TRIGGER captures_no_update;
CREATE TRIGGER captures_no_update
BEFORE UPDATE OF id, requested_url, final_url, http_status, started_at, finished_at, outcome, manifest_sha256, signature ON captures
BEGIN SELECT RAISE(ABORT, 'a stored capture is evidence and cannot be changed'); END;

ALTER TABLE sellers ADD COLUMN status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'reported', 'removed'));
-- The seller this one was merged into (always a seller that is itself unmerged), or NULL.
ALTER TABLE sellers ADD COLUMN merged_into TEXT REFERENCES sellers(id);
ALTER TABLE sellers ADD COLUMN listing_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sellers ADD COLUMN capture_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sellers ADD COLUMN first_seen TEXT;
ALTER TABLE sellers ADD COLUMN last_seen TEXT;
CREATE INDEX sellers_by_group ON sellers (merged_into) WHERE merged_into IS NOT NULL;
CREATE INDEX sellers_by_last_seen ON sellers (last_seen);

ALTER TABLE listings ADD COLUMN price TEXT;
ALTER TABLE listings ADD COLUMN currency TEXT;
ALTER TABLE listings ADD COLUMN availability TEXT;
ALTER TABLE listings ADD COLUMN capture_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE listings ADD COLUMN first_seen TEXT;
ALTER TABLE listings ADD COLUMN last_seen TEXT;

CREATE TABLE seller_tags (
  seller_id TEXT NOT NULL REFERENCES sellers(id),
  tag       TEXT NOT NULL,
  PRIMARY KEY (seller_id, tag)
) STRICT;
CREATE INDEX seller_tags_by_tag ON seller_tags (tag);

CREATE TABLE seller_status_history (
  seller_id TEXT NOT NULL REFERENCES sellers(id),
  at        TEXT NOT NULL,
  status    TEXT NOT NULL,
  note      TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX seller_status_by_seller ON seller_status_history (seller_id, at);

CREATE TABLE seller_merges (
  id         TEXT PRIMARY KEY,
  absorbed   TEXT NOT NULL REFERENCES sellers(id),
  into_id    TEXT NOT NULL REFERENCES sellers(id),
  -- JSON array: every seller moved by this merge (the absorbed one and those it had absorbed)
  members    TEXT NOT NULL,
  merged_at  TEXT NOT NULL,
  undone_at  TEXT
) STRICT;

CREATE TABLE case_members (
  case_id   TEXT NOT NULL REFERENCES cases(id),
  kind      TEXT NOT NULL CHECK (kind IN ('seller', 'listing', 'capture')),
  member_id TEXT NOT NULL,
  added_at  TEXT NOT NULL,
  PRIMARY KEY (case_id, kind, member_id)
) STRICT;
CREATE INDEX case_members_by_member ON case_members (kind, member_id);

-- What the extractors found on each capture, as found; never changed.
CREATE TABLE capture_fields (
  capture_id    TEXT NOT NULL REFERENCES captures(id),
  field         TEXT NOT NULL,
  -- JSON: a string, or an array of strings for images
  value         TEXT NOT NULL,
  source_kind   TEXT NOT NULL,
  source_detail TEXT NOT NULL,
  PRIMARY KEY (capture_id, field)
) STRICT;

CREATE TABLE capture_extraction (
  capture_id     TEXT PRIMARY KEY REFERENCES captures(id),
  extractor      TEXT NOT NULL,
  version        TEXT NOT NULL,
  marketplace    TEXT NOT NULL,
  page_kind      TEXT NOT NULL,
  blocked        TEXT
) STRICT;

-- The investigator's corrections, newest last; the extracted value stays in capture_fields.
CREATE TABLE field_corrections (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  capture_id TEXT NOT NULL REFERENCES captures(id),
  field      TEXT NOT NULL,
  value      TEXT NOT NULL,
  reason     TEXT NOT NULL DEFAULT '',
  at         TEXT NOT NULL
) STRICT;
CREATE INDEX field_corrections_by_capture ON field_corrections (capture_id, field, seq);

CREATE TRIGGER capture_fields_no_update BEFORE UPDATE ON capture_fields
BEGIN SELECT RAISE(ABORT, 'an extracted value is kept as extracted: record a correction instead'); END;
CREATE TRIGGER capture_fields_no_delete BEFORE DELETE ON capture_fields
BEGIN SELECT RAISE(ABORT, 'an extracted value is kept as extracted: record a correction instead'); END;
CREATE TRIGGER field_corrections_no_update BEFORE UPDATE ON field_corrections
BEGIN SELECT RAISE(ABORT, 'a correction is kept: record a new one instead'); END;
CREATE TRIGGER field_corrections_no_delete BEFORE DELETE ON field_corrections
BEGIN SELECT RAISE(ABORT, 'a correction is kept: record a new one instead'); END;

-- The seller a capture shows (its own: on Amazon the seller of one listing changes).
ALTER TABLE captures ADD COLUMN seller_id TEXT REFERENCES sellers(id);
CREATE INDEX captures_by_seller ON captures (seller_id, started_at);

-- Running counts. Recomputed from the rows (through indexes) rather than
-- incremented, so they cannot drift, whatever order changes arrive in.
CREATE TRIGGER stats_on_capture AFTER INSERT ON captures
BEGIN
  UPDATE listings SET (capture_count, first_seen, last_seen) = (
    SELECT COUNT(*), MIN(started_at) FILTER (WHERE outcome IN ${SHOWN}), MAX(started_at) FILTER (WHERE outcome IN ${SHOWN})
    FROM captures WHERE listing_id = NEW.listing_id)
  WHERE id = NEW.listing_id;
  UPDATE sellers SET (capture_count, first_seen, last_seen) = (
    SELECT COUNT(*), MIN(started_at) FILTER (WHERE outcome IN ${SHOWN}), MAX(started_at) FILTER (WHERE outcome IN ${SHOWN})
    FROM captures WHERE seller_id = NEW.seller_id)
  WHERE id = NEW.seller_id;
END;
CREATE TRIGGER stats_on_refile AFTER UPDATE OF listing_id, seller_id ON captures
BEGIN
  UPDATE listings SET (capture_count, first_seen, last_seen) = (
    SELECT COUNT(*), MIN(started_at) FILTER (WHERE outcome IN ${SHOWN}), MAX(started_at) FILTER (WHERE outcome IN ${SHOWN})
    FROM captures WHERE listing_id = listings.id)
  WHERE id IN (OLD.listing_id, NEW.listing_id);
  UPDATE sellers SET (capture_count, first_seen, last_seen) = (
    SELECT COUNT(*), MIN(started_at) FILTER (WHERE outcome IN ${SHOWN}), MAX(started_at) FILTER (WHERE outcome IN ${SHOWN})
    FROM captures WHERE seller_id = sellers.id)
  WHERE id IN (OLD.seller_id, NEW.seller_id);
END;
CREATE TRIGGER listing_count_on_insert AFTER INSERT ON listings WHEN NEW.seller_id IS NOT NULL
BEGIN
  UPDATE sellers SET listing_count = (SELECT COUNT(*) FROM listings WHERE seller_id = NEW.seller_id) WHERE id = NEW.seller_id;
END;
CREATE TRIGGER listing_count_on_change AFTER UPDATE OF seller_id ON listings
BEGIN
  UPDATE sellers SET listing_count = (SELECT COUNT(*) FROM listings WHERE seller_id = sellers.id) WHERE id IN (OLD.seller_id, NEW.seller_id);
END;

-- Full-text search over each capture's page text and extracted fields.
-- rowid = captures.rowid. CJK text is indexed one character a token (see search/tokens.ts).
CREATE VIRTUAL TABLE search_index USING fts5(title, seller, brand, ids, text, tokenize = 'unicode61 remove_diacritics 2');

-- Captures stored before this version: their seller is their listing's; the
-- counts start from the rows; titles and ids become searchable (their page
-- text is in the evidence but was never indexed).
UPDATE captures SET seller_id = (SELECT seller_id FROM listings WHERE listings.id = captures.listing_id) WHERE listing_id IS NOT NULL;
UPDATE listings SET (capture_count, first_seen, last_seen) = (
  SELECT COUNT(*), MIN(started_at) FILTER (WHERE outcome IN ${SHOWN}), MAX(started_at) FILTER (WHERE outcome IN ${SHOWN})
  FROM captures WHERE listing_id = listings.id);
UPDATE sellers SET listing_count = (SELECT COUNT(*) FROM listings WHERE seller_id = sellers.id);
INSERT INTO search_index (rowid, title, seller, brand, ids, text)
  SELECT c.rowid, COALESCE(l.title, ''), COALESCE(s.display_name, '') || ' ' || COALESCE(s.seller_key, ''), '',
         trim(COALESCE(l.marketplace, '') || ' ' || COALESCE(l.listing_key, '') || ' ' || COALESCE(s.seller_key, '') || ' ' || c.id), c.requested_url
  FROM captures c LEFT JOIN listings l ON l.id = c.listing_id LEFT JOIN sellers s ON s.id = c.seller_id;
`,
} as const;
