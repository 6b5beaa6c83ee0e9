/**
 * Indexes for the hub app's reads (exhibit hub serve): a listing's captures
 * (its page, its seller's page and timeline), a seller's listings, and a
 * capture's custody entries by subject (its page, the corrections its
 * workspace made). Without them each of these reads every row of its table.
 * Numbered 005: 004 is the hub's cases.
 */
export const hubSchema005 = `
CREATE INDEX hub_captures_listing ON hub_captures (listing_id, captured_at);
CREATE INDEX hub_listings_seller ON hub_listings (seller_id);
CREATE INDEX hub_custody_subject_action ON hub_custody (subject, action);
`;
