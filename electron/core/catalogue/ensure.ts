import { newId } from '../util/ids.js';
import { utcNow } from '../util/time.js';
import { appendCustody } from '../workspace/custody.js';
import type { Db } from '../workspace/db.js';

/*
 * Cases, sellers and listings by their natural keys, made (and logged) the
 * first time they are met. Each runs inside the caller's transaction, so
 * what is made commits with the capture or correction that revealed it.
 */

/** A case by id or name; made when no case has that name. */
export async function ensureCase(tx: Db, nameOrId: string): Promise<string> {
  const found = await tx.get<{ id: string }>('SELECT id FROM cases WHERE id = ? OR name = ?', [nameOrId, nameOrId]);
  if (found) return found.id;
  const id = newId();
  await tx.run('INSERT INTO cases (id, name, created_at) VALUES (?, ?, ?)', [id, nameOrId, utcNow()]);
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
  const found = await tx.get<{ id: string; display_name: string | null; profile_url: string | null }>(
    'SELECT id, display_name, profile_url FROM sellers WHERE marketplace = ? AND seller_key = ?',
    [s.marketplace, s.sellerKey],
  );
  let id: string;
  if (!found) {
    id = newId();
    await tx.run('INSERT INTO sellers (id, marketplace, seller_key, display_name, profile_url, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
      id,
      s.marketplace,
      s.sellerKey,
      s.displayName ?? null,
      s.profileUrl ?? null,
      utcNow(),
    ]);
    await appendCustody(tx, {
      action: 'seller.created',
      subject: id,
      details: { marketplace: s.marketplace, sellerKey: s.sellerKey, displayName: s.displayName ?? null, profileUrl: s.profileUrl ?? null },
    });
  } else {
    id = found.id;
    if (s.displayName && s.displayName !== found.display_name) {
      await tx.run('UPDATE sellers SET display_name = ? WHERE id = ?', [s.displayName, id]);
      await appendCustody(tx, { action: 'seller.renamed', subject: id, details: { from: found.display_name, to: s.displayName, seenAt: s.seenAt } });
    }
    if (s.profileUrl && !found.profile_url) await tx.run('UPDATE sellers SET profile_url = ? WHERE id = ?', [s.profileUrl, id]);
  }
  if (s.displayName) {
    await tx.run("INSERT OR IGNORE INTO seller_aliases (seller_id, kind, alias, first_seen) VALUES (?, 'name', ?, ?)", [id, s.displayName, s.seenAt]);
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
  const found = await tx.get<{ id: string }>('SELECT id FROM listings WHERE marketplace = ? AND listing_key = ?', [l.marketplace, l.listingKey]);
  if (found) return found.id;
  const id = newId();
  await tx.run('INSERT INTO listings (id, marketplace, listing_key, url, seller_id, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
    id,
    l.marketplace,
    l.listingKey,
    l.url,
    l.sellerId,
    utcNow(),
  ]);
  await appendCustody(tx, { action: 'listing.created', subject: id, details: { marketplace: l.marketplace, listingKey: l.listingKey, url: l.url, sellerId: l.sellerId } });
  return id;
}
