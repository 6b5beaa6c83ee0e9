/**
 * What a time-stamp token stamps, kept so the hub checks it again without the
 * pushing workspace: the manifest's SHA-256, or a digest list (batch_sha256)
 * naming it; the nonce and the authority's root. (001 had no stamps to keep
 * yet: pushes came with this schema.)
 *
 * Watches added by the hub's administrator (exhibit hub watch add) have no
 * hub user behind them: the hub's custody chain names who added them.
 *
 * Re-capture jobs: which capture each job produced. The job's id is the key,
 * so a job run twice (its worker presumed dead, the job handed to another)
 * stores one capture, whichever commits first.
 */
export const hubSchema002 = `
ALTER TABLE hub_stamps
  ADD COLUMN imprint      TEXT NOT NULL,
  ADD COLUMN batch_sha256 TEXT REFERENCES hub_objects(sha256),
  ADD COLUMN nonce        TEXT NOT NULL,
  ADD COLUMN root_pem     TEXT NOT NULL;

ALTER TABLE hub_schedules ALTER COLUMN created_by DROP NOT NULL;

CREATE TABLE hub_job_captures (
  job_id      TEXT PRIMARY KEY,
  capture_id  TEXT NOT NULL UNIQUE REFERENCES hub_captures(id),
  listing_id  BIGINT NOT NULL REFERENCES hub_listings(id),
  worker      BIGINT NOT NULL REFERENCES hub_users(id),
  done_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
`;
