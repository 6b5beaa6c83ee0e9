/**
 * Search results' thumbnails, kept once: each image's bytes in the object
 * store under their SHA-256 (content-addressed), the address each was read
 * from, and each image's perceptual hash, computed once per image. A
 * watched search run reads a thumbnail from its own capture, else from
 * here, and fetches only what neither has. Derived data: no custody entry,
 * and deleting the rows only costs a fetch.
 */
export const migration011 = {
  version: 11,
  name: 'thumbnails',
  sql: `
CREATE TABLE thumbnails (
  url        TEXT PRIMARY KEY,
  sha256     TEXT NOT NULL,
  seen_at    TEXT NOT NULL
) STRICT;
CREATE TABLE image_hashes (
  sha256     TEXT PRIMARY KEY,
  dhash      TEXT,
  hashed_at  TEXT NOT NULL
) STRICT;
`,
} as const;
