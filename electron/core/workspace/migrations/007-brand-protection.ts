/**
 * Finding the fakes: the brand's reference catalogue (products, retail
 * prices per market, official images with their perceptual hashes,
 * authorised sellers), watched marketplace searches with what each run
 * found, the triage decisions and the score's weights. Decisions and
 * weights are kept as written (each change a new row), as the custody log
 * is: the score a decision was made on must stay readable.
 */
export const migration007 = {
  version: 7,
  name: 'brand-protection',
  sql: `
CREATE TABLE brands (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE COLLATE NOCASE,
  created_at TEXT NOT NULL
) STRICT;
CREATE TABLE brand_products (
  id         TEXT PRIMARY KEY,
  brand_id   TEXT NOT NULL REFERENCES brands(id),
  name       TEXT NOT NULL,
  reference  TEXT NOT NULL,
  keywords   TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (brand_id, reference)
) STRICT;
CREATE TABLE brand_prices (
  product_id TEXT NOT NULL REFERENCES brand_products(id),
  market     TEXT NOT NULL,
  price      TEXT NOT NULL,
  currency   TEXT NOT NULL,
  PRIMARY KEY (product_id, market)
) STRICT;
CREATE TABLE brand_images (
  id         TEXT PRIMARY KEY,
  product_id TEXT NOT NULL REFERENCES brand_products(id),
  source     TEXT NOT NULL,
  sha256     TEXT NOT NULL,
  width      INTEGER NOT NULL,
  height     INTEGER NOT NULL,
  dhash      TEXT NOT NULL,
  dhash_mirrored TEXT NOT NULL,
  UNIQUE (product_id, sha256)
) STRICT;
CREATE TABLE authorised_sellers (
  brand_id    TEXT NOT NULL REFERENCES brands(id),
  marketplace TEXT NOT NULL,
  seller_key  TEXT NOT NULL,
  added_at    TEXT NOT NULL,
  PRIMARY KEY (brand_id, marketplace, seller_key)
) STRICT;
CREATE TABLE monitors (
  id               TEXT PRIMARY KEY,
  url              TEXT NOT NULL,
  brand_id         TEXT NOT NULL REFERENCES brands(id),
  interval_seconds INTEGER NOT NULL,
  pages            INTEGER NOT NULL,
  capture_above    INTEGER,
  active           INTEGER NOT NULL DEFAULT 1,
  created_at       TEXT NOT NULL,
  last_run_at      TEXT,
  next_due_at      TEXT NOT NULL,
  UNIQUE (url, brand_id)
) STRICT;
CREATE TABLE monitor_runs (
  id          TEXT PRIMARY KEY,
  monitor_id  TEXT NOT NULL REFERENCES monitors(id),
  started_at  TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  readers     TEXT NOT NULL,
  generic     INTEGER NOT NULL,
  complete    INTEGER NOT NULL,
  results     INTEGER NOT NULL,
  new_count   INTEGER NOT NULL,
  gone_count  INTEGER NOT NULL
) STRICT;
CREATE INDEX monitor_runs_by_monitor ON monitor_runs (monitor_id, started_at);
CREATE TABLE monitor_run_pages (
  run_id     TEXT NOT NULL REFERENCES monitor_runs(id),
  page       INTEGER NOT NULL,
  url        TEXT NOT NULL,
  capture_id TEXT REFERENCES captures(id),
  outcome    TEXT NOT NULL,
  reader     TEXT NOT NULL,
  results    INTEGER NOT NULL,
  PRIMARY KEY (run_id, page)
) STRICT;
CREATE TABLE search_results (
  id             TEXT PRIMARY KEY,
  monitor_id     TEXT NOT NULL REFERENCES monitors(id),
  marketplace    TEXT NOT NULL,
  listing_key    TEXT NOT NULL,
  url            TEXT NOT NULL,
  title          TEXT,
  price          TEXT,
  currency       TEXT,
  seller_name    TEXT,
  seller_key     TEXT,
  thumbnail      TEXT,
  first_run_id   TEXT NOT NULL REFERENCES monitor_runs(id),
  last_run_id    TEXT NOT NULL REFERENCES monitor_runs(id),
  state          TEXT NOT NULL CHECK (state IN ('new', 'present', 'gone')),
  score          INTEGER NOT NULL,
  features       TEXT NOT NULL,
  reasons        TEXT NOT NULL,
  UNIQUE (monitor_id, marketplace, listing_key)
) STRICT;
CREATE INDEX search_results_by_score ON search_results (score DESC);
CREATE TABLE result_sightings (
  run_id     TEXT NOT NULL REFERENCES monitor_runs(id),
  result_id  TEXT NOT NULL REFERENCES search_results(id),
  page       INTEGER NOT NULL,
  position   INTEGER NOT NULL,
  capture_id TEXT REFERENCES captures(id),
  PRIMARY KEY (run_id, result_id)
) STRICT;
CREATE TABLE triage_decisions (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  result_id  TEXT NOT NULL REFERENCES search_results(id),
  decision   TEXT NOT NULL CHECK (decision IN ('counterfeit', 'genuine', 'test-buy')),
  score      INTEGER NOT NULL,
  features   TEXT NOT NULL,
  note       TEXT NOT NULL,
  at         TEXT NOT NULL
) STRICT;
CREATE INDEX triage_decisions_by_result ON triage_decisions (result_id, seq);
CREATE TRIGGER triage_decisions_no_update BEFORE UPDATE ON triage_decisions
BEGIN SELECT RAISE(ABORT, 'a triage decision is kept as made: decide again instead'); END;
CREATE TRIGGER triage_decisions_no_delete BEFORE DELETE ON triage_decisions
BEGIN SELECT RAISE(ABORT, 'a triage decision is kept as made: decide again instead'); END;
CREATE TABLE score_weights (
  seq       INTEGER PRIMARY KEY AUTOINCREMENT,
  weights   TEXT NOT NULL,
  origin    TEXT NOT NULL CHECK (origin IN ('edited', 'learned')),
  decisions INTEGER NOT NULL,
  at        TEXT NOT NULL
) STRICT;
CREATE TRIGGER score_weights_no_update BEFORE UPDATE ON score_weights
BEGIN SELECT RAISE(ABORT, 'weights are kept as set: set new ones instead'); END;
CREATE TRIGGER score_weights_no_delete BEFORE DELETE ON score_weights
BEGIN SELECT RAISE(ABORT, 'weights are kept as set: set new ones instead'); END;
`,
} as const;
