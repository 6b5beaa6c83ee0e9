import type { Db } from '../db.js';
import type { ObjectStore } from '../object-store.js';
import { SHA256_PATTERN } from '../../util/hash.js';
import type { Problem } from './report.js';
import type { WorkerPool } from './worker-pool.js';
import { integrity, timestamps } from '../../store/index.js';

/** Objects per job: enough to make messaging cheap, few enough that a job queued ahead of a manifest check does not hold it up for long. */
const OBJECTS_PER_JOB = 128;

/**
 * What is in the store, by hash, kept compact (a workspace holds hundreds of
 * thousands of objects): which objects are there, which of them some row
 * refers to, and the files whose names are no hash.
 */
export class ObjectInventory {
  readonly hashes: string[] = [];
  /** files in the store whose names are not a SHA-256 */
  readonly strays: string[] = [];
  private readonly index = new Map<string, number>();
  private marks = new Uint8Array(0);

  add(name: string): void {
    const hash = name.slice(3);
    const valid = name.length === 67 && name[2] === '/' && SHA256_PATTERN.test(hash) && hash.startsWith(name.slice(0, 2));
    if (!valid) {
      this.strays.push(name);
      return;
    }
    this.index.set(hash, this.hashes.length);
    this.hashes.push(hash);
  }

  get files(): number {
    return this.hashes.length + this.strays.length;
  }

  has(sha256: string): boolean {
    return this.index.has(sha256);
  }

  /** Notes that a row refers to the object; false if it is not in the store. */
  markReferenced(sha256: string): boolean {
    const i = this.index.get(sha256);
    if (i === undefined) return false;
    if (this.marks.length !== this.hashes.length) {
      const grown = new Uint8Array(this.hashes.length);
      grown.set(this.marks);
      this.marks = grown;
    }
    this.marks[i] = 1;
    return true;
  }

  get unreferenced(): number {
    let n = 0;
    for (let i = 0; i < this.hashes.length; i++) if (this.marks[i] !== 1) n++;
    return n;
  }
}

/** What is in the store, by name; a file whose name is no hash is noted. */
export async function inventoryObjects(store: ObjectStore): Promise<ObjectInventory> {
  const inventory = new ObjectInventory();
  for await (const shard of store.list()) for (const f of shard) inventory.add(f.name);
  return inventory;
}

/**
 * Re-hashes every object except those in `skip` (manifests, which the capture
 * checks read and hash themselves) and names, for each that changed, what
 * refers to it. Batches are handed to the workers a few at a time, so that
 * a cancelled run stops after the batches under way rather than after all.
 */
export async function rehashObjects(
  db: Db,
  store: ObjectStore,
  pool: WorkerPool,
  inventory: ObjectInventory,
  skip: ReadonlySet<string>,
  onProgress?: (done: number, total: number) => void,
  signal?: AbortSignal,
): Promise<{ problems: Problem[]; bytes: number; notices: string[]; checked: number; total: number }> {
  const problems: Problem[] = [];
  const notices = inventory.strays.map((name) => `objects/${name} is not an Exhibit object (its name is not a SHA-256); nothing refers to it`);
  const hashes = inventory.hashes.filter((h) => !skip.has(h));
  let bytes = 0;
  let done = 0;
  // Enough queued to keep every worker's own queue full while the main thread is busy elsewhere.
  const ahead = pool.capacity + 2;
  const inFlight = new Set<Promise<void>>();
  let failure: { error: unknown } | null = null;
  onProgress?.(0, hashes.length);
  for (let i = 0; i < hashes.length; i += OBJECTS_PER_JOB) {
    if (signal?.aborted || failure) break;
    const batch = hashes.slice(i, i + OBJECTS_PER_JOB);
    const job: Promise<void> = pool
      .checkObjects(store.objectsDir, batch)
      .then(async (result) => {
        bytes += result.bytes;
        for (const x of result.exceptions) {
          const expected = batch[x.index]!;
          if (x.error !== undefined) {
            problems.push({ area: 'object', where: `object ${expected}`, message: x.error === 'missing' ? 'disappeared while being verified' : `cannot be read: ${x.error}` });
            continue;
          }
          for (const where of await referencesTo(db, expected)) {
            problems.push({ area: where.includes('artifact') ? 'artifact' : where.includes('time-stamp') ? 'timestamp' : where.startsWith('capture') ? 'capture' : 'object', where, message: `altered: object ${expected} now hashes to ${x.sha256}` });
          }
        }
        done += batch.length;
        onProgress?.(done, hashes.length);
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
  return { problems, bytes, notices, checked: done, total: hashes.length };
}

async function referencesTo(db: Db, sha256: string): Promise<string[]> {
  const artifacts = await integrity.artifactsStoredAs(db, sha256);
  const manifests = await integrity.capturesWithManifest(db, sha256);
  const tokens = await timestamps.tokensStoredAs(db, sha256);
  const where = [
    ...artifacts.map((a) => `capture ${a.capture_id} artifact ${a.name}`),
    ...manifests.map((id) => `capture ${id} manifest`),
    ...tokens.map((t) => (t.subject_kind === 'capture' ? `capture ${t.subject} time-stamp ${t.name}` : `workspace key time-stamp ${t.name}`)),
  ];
  return where.length > 0 ? where : [`object ${sha256} (not referenced by any capture)`];
}
