import { newId } from '../util/ids.js';
import { utcNow } from '../util/time.js';
import { appendCustody } from './custody.js';
import type { Db } from './db.js';

/** A case by id or name; made (and logged) when no case has that name. */
export async function ensureCase(db: Db, nameOrId: string): Promise<string> {
  return db.transaction(async (tx) => {
    const found = await tx.get<{ id: string }>('SELECT id FROM cases WHERE id = ? OR name = ?', [nameOrId, nameOrId]);
    if (found) return found.id;
    const id = newId();
    await tx.run('INSERT INTO cases (id, name, created_at) VALUES (?, ?, ?)', [id, nameOrId, utcNow()]);
    await appendCustody(tx, { action: 'case.created', subject: id, details: { name: nameOrId } });
    return id;
  });
}

/** A seller by its natural key (marketplace + the marketplace's seller id); made and logged if new. */
export async function ensureSeller(db: Db, marketplace: string, sellerKey: string): Promise<string> {
  return db.transaction(async (tx) => {
    const found = await tx.get<{ id: string }>('SELECT id FROM sellers WHERE marketplace = ? AND seller_key = ?', [marketplace, sellerKey]);
    if (found) return found.id;
    const id = newId();
    await tx.run('INSERT INTO sellers (id, marketplace, seller_key, created_at) VALUES (?, ?, ?, ?)', [id, marketplace, sellerKey, utcNow()]);
    await appendCustody(tx, { action: 'seller.created', subject: id, details: { marketplace, sellerKey } });
    return id;
  });
}

/** A listing by its natural key (marketplace + listing id); made and logged if new. */
export async function ensureListing(db: Db, listing: { marketplace: string; listingKey: string; url: string; sellerId: string | null }): Promise<string> {
  return db.transaction(async (tx) => {
    const found = await tx.get<{ id: string }>('SELECT id FROM listings WHERE marketplace = ? AND listing_key = ?', [listing.marketplace, listing.listingKey]);
    if (found) return found.id;
    const id = newId();
    await tx.run('INSERT INTO listings (id, marketplace, listing_key, url, seller_id, created_at) VALUES (?, ?, ?, ?, ?, ?)', [id, listing.marketplace, listing.listingKey, listing.url, listing.sellerId, utcNow()]);
    await appendCustody(tx, { action: 'listing.created', subject: id, details: { marketplace: listing.marketplace, listingKey: listing.listingKey, url: listing.url, sellerId: listing.sellerId } });
    return id;
  });
}
