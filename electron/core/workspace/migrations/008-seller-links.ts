/**
 * The investigator's decisions on proposed links between seller accounts
 * (#20). The links themselves are recomputed from the evidence whenever
 * asked; a decision is an act, kept as written (append-only, each one a
 * custody entry), and the latest decision on a pair is the one in force: a
 * rejected pair is never proposed again, a confirmed one stays one operator.
 *
 * listing_image_hashes is derived, not evidence: the perceptual hash of each
 * listing image, read once from its capture's WARC, so that recomputing the
 * links does not decode every picture again. Deleting it loses nothing.
 */
export const migration008 = {
  version: 8,
  name: 'seller-links',
  sql: `
CREATE TABLE seller_link_decisions (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  seller_a   TEXT NOT NULL REFERENCES sellers(id),
  seller_b   TEXT NOT NULL REFERENCES sellers(id),
  decision   TEXT NOT NULL CHECK (decision IN ('confirmed', 'rejected')),
  reason     TEXT NOT NULL DEFAULT '',
  decided_at TEXT NOT NULL,
  CHECK (seller_a < seller_b)
) STRICT;
CREATE INDEX seller_link_decisions_by_pair ON seller_link_decisions (seller_a, seller_b, seq);
CREATE TRIGGER seller_link_decisions_no_update BEFORE UPDATE ON seller_link_decisions
BEGIN SELECT RAISE(ABORT, 'a link decision is an investigator act and cannot be changed'); END;
CREATE TRIGGER seller_link_decisions_no_delete BEFORE DELETE ON seller_link_decisions
BEGIN SELECT RAISE(ABORT, 'a link decision is an investigator act and cannot be deleted'); END;

CREATE TABLE listing_image_hashes (
  capture_id     TEXT NOT NULL REFERENCES captures(id),
  url            TEXT NOT NULL,
  -- of the image's bytes as the WARC holds them; null when it could not be hashed
  image_sha256   TEXT,
  dhash          TEXT,
  dhash_mirrored TEXT,
  -- why there is no hash: not in the WARC, not an image Exhibit can read
  problem        TEXT,
  PRIMARY KEY (capture_id, url),
  CHECK ((dhash IS NULL) = (problem IS NOT NULL))
) STRICT;
`,
};
