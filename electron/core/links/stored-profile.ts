import { readSellerProfile, type SellerProfile } from '../extract/seller-profile.js';
import type { ObjectStore } from '../workspace/object-store.js';

/**
 * A stored seller page's trader details, by the page's hash and address.
 * Reading a real seller page takes 0.1 to 0.3 s (a 1.7 MB page, on a busy
 * machine), and links and every seller's timeline read all of a seller's
 * pages each time they are asked for; a stored artifact never changes, so
 * what was read from it is kept for the life of the process (the app,
 * `exhibit serve`), up to MAX pages, the least recently read dropped first.
 */
const MAX = 4096;
const read = new Map<string, SellerProfile | null>();

export async function storedProfile(store: ObjectStore, sha256: string, url: string): Promise<SellerProfile | null> {
  const key = `${sha256} ${url}`;
  if (read.has(key)) {
    const p = read.get(key)!;
    read.delete(key);
    read.set(key, p);
    return p;
  }
  const p = readSellerProfile((await store.read(sha256)).toString('utf8'), url);
  read.set(key, p);
  if (read.size > MAX) read.delete(read.keys().next().value!);
  return p;
}
