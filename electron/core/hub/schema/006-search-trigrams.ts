/**
 * The top bar's search on the hub, through indexes: pg_trgm's trigram GIN
 * indexes serve ILIKE '%word%' (a word of three characters or more) on each
 * column the search matches (store/pg/search.ts), instead of reading every
 * capture, listing and seller. pg_trgm is a trusted extension (PostgreSQL 13
 * and later): the database's owner creates it without being a superuser.
 *
 * Each capture's own title, as its signed extracted.json gives it (read when
 * the hub takes the capture): a listing renamed between captures is found by
 * any of its titles, not only by the one the hub first catalogued. What the
 * page said of captures already here is in the store, which SQL cannot read:
 * they are listed in hub_capture_titles_pending, and `exhibit hub init`
 * reads their titles and takes them off it. Until then they are found by
 * their listing's title, as before.
 */
export const hubSchema006 = `
CREATE EXTENSION IF NOT EXISTS pg_trgm;
ALTER TABLE hub_captures ADD COLUMN title TEXT;
CREATE TABLE hub_capture_titles_pending (capture_id TEXT PRIMARY KEY REFERENCES hub_captures(id));
INSERT INTO hub_capture_titles_pending (capture_id) SELECT id FROM hub_captures;
CREATE INDEX hub_captures_title_trgm ON hub_captures USING gin (title gin_trgm_ops);
CREATE INDEX hub_captures_url_trgm ON hub_captures USING gin (url gin_trgm_ops);
CREATE INDEX hub_listings_title_trgm ON hub_listings USING gin (title gin_trgm_ops);
CREATE INDEX hub_listings_key_trgm ON hub_listings USING gin (listing_key gin_trgm_ops);
CREATE INDEX hub_sellers_name_trgm ON hub_sellers USING gin (name gin_trgm_ops);
CREATE INDEX hub_sellers_key_trgm ON hub_sellers USING gin (seller_key gin_trgm_ops);
`;
