import type { Db } from '../db.js';
import type { ObjectStore } from '../object-store.js';
import { SHA256_PATTERN } from '../../util/hash.js';
import type { Problem } from './report.js';

const PARALLEL_HASHES = 4;

export interface ObjectInventory {
  present: Set<string>;
  files: { name: string; path: string; sha256: string | null }[];
}

/** What is in the store, by name; a file whose name is no hash is noted. */
export async function inventoryObjects(store: ObjectStore): Promise<ObjectInventory> {
  const present = new Set<string>();
  const files: ObjectInventory['files'] = [];
  for await (const f of store.list()) {
    const [shard, hash] = f.name.split('/');
    const valid = hash !== undefined && SHA256_PATTERN.test(hash) && hash.startsWith(shard!);
    if (valid) present.add(hash);
    files.push({ ...f, sha256: valid ? hash : null });
  }
  return { present, files };
}

/** Re-hashes every object and names, for each that changed, what refers to it. */
export async function rehashObjects(
  db: Db,
  store: ObjectStore,
  inventory: ObjectInventory,
  onProgress?: (done: number, total: number, bytes: number) => void,
): Promise<{ problems: Problem[]; bytes: number; notices: string[] }> {
  const problems: Problem[] = [];
  const notices: string[] = [];
  let bytes = 0;
  let done = 0;
  let next = 0;
  const files = inventory.files;
  const worker = async () => {
    while (next < files.length) {
      const f = files[next++]!;
      if (f.sha256 === null) {
        notices.push(`objects/${f.name} is not an Exhibit object (its name is not a SHA-256); nothing refers to it`);
      } else {
        try {
          const actual = await store.rehash(f.sha256);
          bytes += actual.bytes;
          if (actual.sha256 !== f.sha256) {
            for (const where of await referencesTo(db, f.sha256)) {
              problems.push({ area: where.startsWith('capture') ? (where.includes('artifact') ? 'artifact' : 'capture') : 'object', where, message: `altered: object ${f.sha256} now hashes to ${actual.sha256}` });
            }
          }
        } catch (e) {
          problems.push({ area: 'object', where: `object ${f.sha256}`, message: `cannot be read: ${(e as Error).message}` });
        }
      }
      onProgress?.(++done, files.length, bytes);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_HASHES }, worker));
  return { problems, bytes, notices };
}

async function referencesTo(db: Db, sha256: string): Promise<string[]> {
  const artifacts = await db.all<{ capture_id: string; name: string }>('SELECT capture_id, name FROM artifacts WHERE sha256 = ? ORDER BY capture_id, name', [sha256]);
  const manifests = await db.all<{ id: string }>('SELECT id FROM captures WHERE manifest_sha256 = ? ORDER BY id', [sha256]);
  const where = [...artifacts.map((a) => `capture ${a.capture_id} artifact ${a.name}`), ...manifests.map((c) => `capture ${c.id} manifest`)];
  return where.length > 0 ? where : [`object ${sha256} (not referenced by any capture)`];
}
