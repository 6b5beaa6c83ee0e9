/**
 * Every offer on a listing page: the sellers a listing's offers panel or
 * all-offers page shows, beside the buy-box seller a capture is filed
 * under. One row per listing and seller, from the capture it was first seen
 * on, with what that offer said; each row is a custody entry
 * (listing.offer-filed), checked both ways by verify.
 */
export const migration009 = {
  version: 9,
  name: 'listing-offers',
  sql: `
CREATE TABLE listing_sellers (
  listing_id  TEXT NOT NULL REFERENCES listings(id),
  seller_id   TEXT NOT NULL REFERENCES sellers(id),
  capture_id  TEXT NOT NULL REFERENCES captures(id),
  first_seen  TEXT NOT NULL,
  price       TEXT,
  currency    TEXT,
  condition   TEXT,
  ships_from  TEXT,
  feedback_count INTEGER,
  PRIMARY KEY (listing_id, seller_id)
) STRICT;
CREATE INDEX listing_sellers_by_seller ON listing_sellers (seller_id);
`,
} as const;
