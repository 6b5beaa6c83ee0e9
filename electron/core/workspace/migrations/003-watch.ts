/**
 * Watching known offenders: watch rules, the re-capture queue (kept in the
 * database so a run killed midway resumes where it stopped), what each
 * re-capture showed against the one before, and takedown reports.
 *
 * A re-capture is an ordinary capture; what is added here is the link to the
 * listing it re-checked (a 404 page is filed under no listing, yet it is the
 * proof that this listing came down) and its classification. Both are kept
 * as made, like extracted values: triggers refuse changes.
 */
export const migration003 = {
  version: 3,
  name: 'watch',
  sql: `
CREATE TABLE watch_rules (
  id               TEXT PRIMARY KEY,
  target_kind      TEXT NOT NULL CHECK (target_kind IN ('listing', 'seller', 'case')),
  target_id        TEXT NOT NULL,
  interval_seconds INTEGER NOT NULL CHECK (interval_seconds >= 60),
  active           INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at       TEXT NOT NULL,
  last_run_at      TEXT,
  next_due_at      TEXT NOT NULL,
  UNIQUE (target_kind, target_id)
) STRICT;
CREATE INDEX watch_rules_due ON watch_rules (next_due_at) WHERE active = 1;

-- One row per run of the queue (a cron job, the desktop app, a command).
CREATE TABLE recapture_runs (
  id          TEXT PRIMARY KEY,
  started_at  TEXT NOT NULL,
  finished_at TEXT,
  trigger     TEXT NOT NULL,
  pid         INTEGER NOT NULL,
  host        TEXT NOT NULL,
  -- JSON: counts by classification, when finished
  summary     TEXT
) STRICT;

-- Who is running the queue: one row at most. Taken and released in
-- transactions, so two processes can never both hold it.
CREATE TABLE recapture_lock (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  run_id     TEXT NOT NULL,
  pid        INTEGER NOT NULL,
  host       TEXT NOT NULL,
  started_at TEXT NOT NULL,
  heartbeat  TEXT NOT NULL
) STRICT;

-- The queue. A job is finished in the same transaction that stores its
-- capture, so a crash leaves it either done (with its capture) or pending.
CREATE TABLE recapture_jobs (
  id          TEXT PRIMARY KEY,
  rule_id     TEXT REFERENCES watch_rules(id),
  kind        TEXT NOT NULL CHECK (kind IN ('listing', 'storefront')),
  listing_id  TEXT REFERENCES listings(id),
  seller_id   TEXT REFERENCES sellers(id),
  url         TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('pending', 'done', 'failed')),
  attempts    INTEGER NOT NULL DEFAULT 0,
  not_before  TEXT NOT NULL,
  last_outcome TEXT,
  capture_id  TEXT REFERENCES captures(id),
  classification TEXT,
  created_at  TEXT NOT NULL,
  finished_at TEXT,
  CHECK ((kind = 'listing') = (listing_id IS NOT NULL))
) STRICT;
-- At most one open job per listing or storefront: rules that overlap, or a run repeated, add no duplicate.
CREATE UNIQUE INDEX recapture_jobs_open ON recapture_jobs (kind, COALESCE(listing_id, seller_id)) WHERE status = 'pending';
CREATE INDEX recapture_jobs_next ON recapture_jobs (status, not_before);

-- What each re-capture showed, against the last capture that showed the listing.
CREATE TABLE recaptures (
  capture_id       TEXT PRIMARY KEY REFERENCES captures(id),
  job_id           TEXT REFERENCES recapture_jobs(id),
  kind             TEXT NOT NULL CHECK (kind IN ('listing', 'storefront')),
  listing_id       TEXT REFERENCES listings(id),
  seller_id        TEXT REFERENCES sellers(id),
  -- the capture before this one of the same listing (any outcome)
  previous_id      TEXT REFERENCES captures(id),
  -- the last capture that showed the listing, which this one is compared with
  compared_with_id TEXT REFERENCES captures(id),
  classification   TEXT NOT NULL CHECK (classification IN ('first', 'unchanged', 'changed', 'removed', 'blocked', 'error')),
  -- 1 when the listing shows again after it was seen removed
  reappeared       INTEGER NOT NULL DEFAULT 0,
  -- JSON: [{field, before, after}]
  changes          TEXT NOT NULL DEFAULT '[]',
  -- share of the full-page screenshot that differs, 0 to 1
  screenshot_diff  REAL,
  -- JSON: why it was classified so (the removal notice, the outcome, new storefront listings)
  detail           TEXT NOT NULL DEFAULT '{}',
  classifier       TEXT NOT NULL,
  at               TEXT NOT NULL
) STRICT;
CREATE INDEX recaptures_by_listing ON recaptures (listing_id, at);
CREATE INDEX recaptures_by_seller ON recaptures (seller_id, at);
CREATE TRIGGER recaptures_no_update BEFORE UPDATE ON recaptures
BEGIN SELECT RAISE(ABORT, 'a re-capture''s classification is kept as made'); END;
CREATE TRIGGER recaptures_no_delete BEFORE DELETE ON recaptures
BEGIN SELECT RAISE(ABORT, 'a re-capture''s classification is kept as made'); END;

-- Takedown notices sent to a platform about a listing.
CREATE TABLE takedown_reports (
  id          TEXT PRIMARY KEY,
  listing_id  TEXT NOT NULL REFERENCES listings(id),
  platform    TEXT NOT NULL,
  programme   TEXT NOT NULL CHECK (programme IN ('amazon-brand-registry', 'ebay-vero', 'alibaba-ipp', 'other')),
  report_ref  TEXT NOT NULL DEFAULT '',
  reported_on TEXT NOT NULL,
  note        TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX takedown_reports_by_listing ON takedown_reports (listing_id, reported_on);
CREATE TRIGGER takedown_reports_no_update BEFORE UPDATE ON takedown_reports
BEGIN SELECT RAISE(ABORT, 'a takedown report is kept as recorded: record a new one instead'); END;
CREATE TRIGGER takedown_reports_no_delete BEFORE DELETE ON takedown_reports
BEGIN SELECT RAISE(ABORT, 'a takedown report is kept as recorded: record a new one instead'); END;
`,
} as const;
