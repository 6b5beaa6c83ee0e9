import type { Readable } from 'node:stream';
import { hubCatalogue, hubUploads } from '../store/pg/index.js';
import { inHubTransaction, type HubPool } from './db.js';
import type { HubObjectStore } from './object-store.js';
import type { HubUser } from './users.js';

/** A claim older than this belongs to a hub process that died mid-upload. */
const DEAD_CLAIM_SECONDS = 600;

/** Uploads left this long by a push that no longer moves are a killed push's leftovers. */
export const ABANDONED_UPLOAD_SECONDS = 3600;

/** Another upload of the same hash is under way: try again shortly. */
export class HubObjectBusy extends Error {
  constructor(readonly sha256: string) {
    super(`object ${sha256} is being received from another push: send it again shortly`);
    this.name = 'HubObjectBusy';
  }
}

export type ObjectReceipt = { stored: 'new' | 'present'; sha256: string; size: number };

/**
 * Receives one object of a push: nothing travels to the store when the hub
 * has it (catalogued, or received for a push not yet committed), a question
 * the hub's database answers. Otherwise the bytes go straight to their
 * content-addressed key, hashed on the way (store.receive), under a claim
 * on the hash that keeps any other upload of it off the key meanwhile.
 */
export async function receiveObject(pool: HubPool, store: HubObjectStore, user: HubUser, sha256: string, body: Readable, size: number, o: { askedJustNow?: boolean } = {}): Promise<ObjectReceipt> {
  // askedJustNow: the caller noted this user's activity and found the object absent (objectsPresent) a moment ago.
  if (!o.askedJustNow) {
    await hubUploads.noteActivity(pool, user.id);
    if ((await hubCatalogue.catalogued(pool, [sha256])).has(sha256)) return { stored: 'present', sha256, size };
  }
  if (!(await hubUploads.claim(pool, sha256, user.id, DEAD_CLAIM_SECONDS))) {
    if ((await hubUploads.touchReceived(pool, [sha256])).has(sha256)) return { stored: 'present', sha256, size };
    throw new HubObjectBusy(sha256);
  }
  // A commit catalogues an object in the transaction that takes its upload: asked again now the claim is held.
  if ((await hubCatalogue.catalogued(pool, [sha256])).has(sha256)) {
    await hubUploads.release(pool, sha256);
    return { stored: 'present', sha256, size };
  }
  try {
    await store.receive(sha256, body, size);
  } catch (e) {
    await hubUploads.release(pool, sha256);
    throw e;
  }
  await hubUploads.markReceived(pool, sha256, size);
  return { stored: 'new', sha256, size };
}

/** objectsPresent for a user about to send what is missing: their activity noted first, as receiveObject does. */
export async function objectsPresentFor(pool: HubPool, user: HubUser, shas: readonly string[]): Promise<Set<string>> {
  await hubUploads.noteActivity(pool, user.id);
  return objectsPresent(pool, shas);
}

/** Of these objects, those the hub has: catalogued, or received for a push on its way (touched, so no clean-up takes them). */
export async function objectsPresent(pool: HubPool, shas: readonly string[]): Promise<Set<string>> {
  const catalogued = await hubCatalogue.catalogued(pool, shas);
  const received = await hubUploads.touchReceived(pool, shas.filter((s) => !catalogued.has(s)));
  return new Set([...catalogued, ...received]);
}

/** Deletes what a refused push of this user sent and no catalogue names. */
export async function dropUploadsOf(pool: HubPool, store: HubObjectStore, userId: number): Promise<number> {
  return inHubTransaction(pool, async (client) => {
    const taken = await hubUploads.takeAllOfUser(client, userId);
    return discardAll(store, taken, await hubCatalogue.catalogued(client, taken));
  });
}

/**
 * Deletes the leftovers of pushes that were killed and never resumed, whoever
 * made them: uploads untouched, by a user who has pushed nothing, for
 * `olderThanSeconds`. A push going on touches its uploads and its user, so
 * it loses nothing. The bytes are deleted inside the transaction that takes
 * the rows: a new upload of the same hash waits for it.
 */
export async function cleanAbandonedUploads(pool: HubPool, store: HubObjectStore, olderThanSeconds = ABANDONED_UPLOAD_SECONDS): Promise<number> {
  return inHubTransaction(pool, async (client) => {
    const stale = await hubUploads.takeStale(client, olderThanSeconds);
    return discardAll(store, stale, await hubCatalogue.catalogued(client, stale));
  });
}

async function discardAll(store: HubObjectStore, shas: readonly string[], keep: ReadonlySet<string>): Promise<number> {
  let n = 0;
  for (const sha of shas) {
    if (keep.has(sha)) continue;
    await store.discard(sha);
    n++;
  }
  return n;
}
