import type { Db } from '../db.js';
import type { ObjectStore } from '../object-store.js';
import { SHA256_PATTERN } from '../../util/hash.js';
import type { Problem } from './report.js';
import type { WorkerPool } from './worker-pool.js';

/** Files per job: enough to make messaging cheap, few enough to keep both workers busy. */
const FILES_PER_JOB = 64;

export interface ObjectInventory {
  present: Set<string>;
  files: { name: string; path: string; sha256: string | null }[];
}

/** What is in the store, by name; a file whose name is no hash is noted. */
export async function inventoryObjects(store: ObjectStore): Promise<ObjectInventory> {
  const present = new Set<string>();
  const files: ObjectInventory['files'] = [];
  for await (const f of store.list()) {
    const hash = f.name.slice(3);
    const valid = f.name.length === 67 && f.name[2] === '/' && SHA256_PATTERN.test(hash) && hash.startsWith(f.name.slice(0, 2));
    if (valid) present.add(hash);
    files.push({ ...f, sha256: valid ? hash : null });
  }
  return { present, files };
}

/**
 * Re-hashes every object except those in `skip` (manifests, which the capture
 * checks read and hash themselves) and names, for each that changed, what
 * refers to it. Batches are handed to the workers a few at a time, so that
 * a cancelled run stops after the batches under way rather than after all.
 */
export async function rehashObjects(
  db: Db,
  pool: WorkerPool,
  inventory: ObjectInventory,
  skip: ReadonlySet<string>,
  onProgress?: (done: number, total: number) => void,
  signal?: AbortSignal,
): Promise<{ problems: Problem[]; bytes: number; notices: string[]; checked: number; total: number }> {
  const problems: Problem[] = [];
  const notices: string[] = [];
  const files = inventory.files.filter((f) => f.sha256 === null || !skip.has(f.sha256));
  let bytes = 0;
  let done = 0;
  // Enough queued to keep every worker busy while the main thread reads results.
  const ahead = Math.max(2, pool.size * 2);
  const inFlight = new Set<Promise<void>>();
  let failure: { error: unknown } | null = null;
  onProgress?.(0, files.length);
  for (let i = 0; i < files.length; i += FILES_PER_JOB) {
    if (signal?.aborted || failure) break;
    const batch = files.slice(i, i + FILES_PER_JOB);
    const hashable = batch.filter((f) => f.sha256 !== null);
    for (const f of batch) if (f.sha256 === null) notices.push(`objects/${f.name} is not an Exhibit object (its name is not a SHA-256); nothing refers to it`);
    const job: Promise<void> = pool
      .hashFiles(hashable.map((f) => f.path))
      .then(async (results) => {
        for (const [j, result] of results.entries()) {
          const expected = hashable[j]!.sha256!;
          if ('error' in result) {
            problems.push({ area: 'object', where: `object ${expected}`, message: result.error === 'missing' ? 'disappeared while being verified' : `cannot be read: ${result.error}` });
            continue;
          }
          bytes += result.bytes;
          if (result.sha256 !== expected) {
            for (const where of await referencesTo(db, expected)) {
              problems.push({ area: where.includes('artifact') ? 'artifact' : where.startsWith('capture') ? 'capture' : 'object', where, message: `altered: object ${expected} now hashes to ${result.sha256}` });
            }
          }
        }
        done += batch.length;
        onProgress?.(done, files.length);
      })
      .catch((error: unknown) => {
        failure ??= { error };
      })
      .finally(() => inFlight.delete(job));
    inFlight.add(job);
    if (inFlight.size >= ahead) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  if (failure) throw (failure as { error: unknown }).error;
  return { problems, bytes, notices, checked: done, total: files.length };
}

async function referencesTo(db: Db, sha256: string): Promise<string[]> {
  const artifacts = await db.all<{ capture_id: string; name: string }>('SELECT capture_id, name FROM artifacts WHERE sha256 = ? ORDER BY capture_id, name', [sha256]);
  const manifests = await db.all<{ id: string }>('SELECT id FROM captures WHERE manifest_sha256 = ? ORDER BY id', [sha256]);
  const where = [...artifacts.map((a) => `capture ${a.capture_id} artifact ${a.name}`), ...manifests.map((c) => `capture ${c.id} manifest`)];
  return where.length > 0 ? where : [`object ${sha256} (not referenced by any capture)`];
}
