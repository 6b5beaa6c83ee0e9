/**
 * A watched seller's pages are re-captured each on its own (its shop, its
 * trader details, its Impressum): one open job per page of a seller, no
 * longer one per seller. The queue tells a seller's pages apart by host and
 * path (electron/core/watch/queue.ts); the index keeps at most one open job
 * per listing, as before, and per seller and address.
 */
export const migration013 = {
  version: 13,
  name: 'seller-page-jobs',
  sql: `
DROP INDEX recapture_jobs_open;
CREATE UNIQUE INDEX recapture_jobs_open ON recapture_jobs (kind, COALESCE(listing_id, seller_id), CASE kind WHEN 'storefront' THEN url ELSE '' END) WHERE status = 'pending';
`,
} as const;
