import { newId } from '../util/ids.js';
import { utcNow } from '../util/time.js';
import { appendCustody } from '../workspace/custody.js';
import { cases, listings, sellers } from '../store/index.js';
import type { Db } from '../workspace/db.js';

/*
 * Cases, sellers and listings by their natural keys, made (and logged) the
 * first time they are met. Each runs inside the caller's transaction, so
 * what is made commits with the capture or correction that revealed it.
 */

/** A case by id or name; made when no case has that name. */
export async function ensureCase(tx: Db, nameOrId: string): Promise<string> {
  const found = await cases.caseByIdOrName(tx, nameOrId);
  if (found) return found.id;
  const id = newId();
  await cases.insertCase(tx, { id, name: nameOrId, reference: null, createdAt: utcNow() });
  await appendCustody(tx, { action: 'case.created', subject: id, details: { name: nameOrId } });
  return id;
}

export interface SellerSighting {
  marketplace: string;
  sellerKey: string;
  displayName?: string | undefined;
  profileUrl?: string | undefined;
  /** when it was seen under that name (the capture's start) */
  seenAt: string;
}

/**
 * A seller by marketplace + the marketplace's seller id. Every display name
 * it is seen under is kept as an alias; the latest one becomes its display
 * name, and a change of name is logged: sellers of fakes rename often.
 */
export async function ensureSeller(tx: Db, s: SellerSighting): Promise<string> {
  const found = await sellers.sellerForSighting(tx, s.marketplace, s.sellerKey);
  let id: string;
  if (!found) {
    id = newId();
    await sellers.insertSeller(tx, { id, marketplace: s.marketplace, sellerKey: s.sellerKey, displayName: s.displayName ?? null, profileUrl: s.profileUrl ?? null, createdAt: utcNow() });
    await appendCustody(tx, {
      action: 'seller.created',
      subject: id,
      details: { marketplace: s.marketplace, sellerKey: s.sellerKey, displayName: s.displayName ?? null, profileUrl: s.profileUrl ?? null },
    });
  } else {
    id = found.id;
    if (s.displayName && s.displayName !== found.displayName) {
      await sellers.setDisplayName(tx, id, s.displayName);
      await appendCustody(tx, { action: 'seller.renamed', subject: id, details: { from: found.displayName, to: s.displayName, seenAt: s.seenAt } });
    }
    if (s.profileUrl && !found.profileUrl) await sellers.setProfileUrl(tx, id, s.profileUrl);
  }
  if (s.displayName) {
    await sellers.addNameAlias(tx, id, s.displayName, s.seenAt);
  }
  return id;
}

export interface ListingSighting {
  marketplace: string;
  listingKey: string;
  url: string;
  sellerId: string | null;
}

/** A listing by marketplace + the marketplace's listing id. */
export async function ensureListing(tx: Db, l: ListingSighting): Promise<string> {
  const found = await listings.listingIdByKey(tx, l.marketplace, l.listingKey);
  if (found !== undefined) return found;
  const id = newId();
  await listings.insertListing(tx, { id, marketplace: l.marketplace, listingKey: l.listingKey, url: l.url, sellerId: l.sellerId, createdAt: utcNow() });
  await appendCustody(tx, { action: 'listing.created', subject: id, details: { marketplace: l.marketplace, listingKey: l.listingKey, url: l.url, sellerId: l.sellerId } });
  return id;
}
