import { profiles } from '../store/index.js';
import type { Db } from '../workspace/db.js';

export interface ProfileOffer {
  /** the seller page the listing links to, as its extraction read it */
  url: string;
  sellerId: string | null;
  /** the latest capture of it, null when it has not been captured yet */
  captured: { id: string; startedAt: string } | null;
}

/**
 * What a listing's capture offers of its seller's profile page (#20): the
 * address the listing names, and whether the workspace holds a capture of
 * it, so the investigator can capture the trader details where they are not
 * yet. Null when the capture names no seller page or is a seller page itself.
 */
export async function profileOffer(db: Db, captureId: string): Promise<ProfileOffer | null> {
  const named = await profiles.profileNamedBy(db, captureId);
  if (!named || named.pageKind === 'storefront' || !/^https?:\/\//i.test(named.url)) return null;
  const captured = await profiles.latestProfileCapture(db, named.url, named.sellerId);
  return { url: named.url, sellerId: named.sellerId, captured: captured ?? null };
}
