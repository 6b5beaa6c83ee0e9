import { FILED_OUTCOMES } from '../core/catalogue/placement.js';
import type { Filing } from '../core/workspace/capture-record.js';
import type { Db } from '../core/workspace/db.js';
import { cliViews } from '../core/store/index.js';

/** "seller ebay:bob (Bob's Bags) · listing ebay:1234" or why it is not filed. */
export async function describeFiling(db: Db, f: Filing, outcome: string): Promise<string> {
  const parts: string[] = [];
  if (f.sellerId) {
    const s = await cliViews.sellerLabel(db, f.sellerId);
    if (s) parts.push(`seller ${s.marketplace}:${s.sellerKey}${s.displayName ? ` (${s.displayName})` : ''}`);
  }
  if (f.listingId) {
    const l = await cliViews.listingLabel(db, f.listingId);
    if (l) parts.push(`listing ${l.marketplace}:${l.listingKey}`);
  }
  if (parts.length > 0) return `filed under ${parts.join(' · ')}`;
  if (outcome === 'blocked') return 'not filed: a blocked page shows no listing';
  if (!FILED_OUTCOMES.has(outcome)) return `not filed: no page was shown (${outcome})`;
  return 'not filed under a seller: none was found on the page (exhibit correct CAPTURE sellerId ID files it)';
}
