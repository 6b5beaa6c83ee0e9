import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { fsyncDir } from '../util/durable-fs.js';
import { SHA256_PATTERN } from '../util/hash.js';
import { processAlive } from '../util/leftovers.js';

export type ObjectSource = Uint8Array | string | { path: string } | Readable;

export interface StoredObject {
  sha256: string;
  bytes: number;
  /** false when identical content was already in the store */
  created: boolean;
}

const STALE_TEMP_MS = 24 * 3600 * 1000;
const CHUNK = 1 << 20;
/** Start writing dirty pages to disk every so often, in the background. */
const FLUSH_EVERY = 32 * CHUNK;

/**
 * Content-addressed store: an object's name is the SHA-256 of its bytes, kept
 * under objects/<first two hex>/<hash>. Content is streamed into a temporary
 * file while it is hashed, fsynced, then hard-linked into place. A link, unlike
 * a rename, never replaces an existing name, so a stored object is never
 * rewritten, and a crash leaves either the whole object or only a temporary file.
 */
export class ObjectStore {
  constructor(
    readonly objectsDir: string,
    readonly tmpDir: string,
  ) {}

  pathOf(sha256: string): string {
    if (!SHA256_PATTERN.test(sha256)) throw new TypeError(`not a SHA-256 hex digest: ${sha256}`);
    return join(this.objectsDir, sha256.slice(0, 2), sha256);
  }

  async has(sha256: string): Promise<boolean> {
    try {
      await fs.access(this.pathOf(sha256));
      return true;
    } catch {
      return false;
    }
  }

  async put(source: ObjectSource): Promise<StoredObject> {
    if (typeof source === 'string' || source instanceof Uint8Array) return this.putBytes(typeof source === 'string' ? Buffer.from(source, 'utf8') : source);
    const tmp = join(this.tmpDir, `${process.pid}-${randomBytes(8).toString('hex')}.part`);
    const handle = await fs.open(tmp, 'wx', 0o600);
    let sha256: string;
    let bytes = 0;
    // last never rejects (a failure is kept), so it can be awaited on every path.
    const flush: { running: boolean; failure: unknown; last: Promise<void> } = { running: false, failure: null, last: Promise.resolve() };
    try {
      const hash = createHash('sha256');
      // One pass: each chunk is hashed on this thread while the previous one is
      // written on libuv's pool, and dirty pages are sent to the disk as we go
      // rather than all at the end. The disk write is the floor; hashing hides
      // under it. At most one datasync is in flight and the loop never waits
      // for it: each one costs a journal commit and a device cache flush, and
      // waiting on them stalled the hash behind the disk (1.84× cp+sync).
      let pendingWrite: Promise<unknown> | undefined;
      let unflushed = 0;
      try {
        for await (const chunk of chunksOf(source)) {
          hash.update(chunk);
          bytes += chunk.byteLength;
          if (pendingWrite) await pendingWrite;
          if (flush.failure !== null) throw flush.failure;
          pendingWrite = handle.write(chunk, 0, chunk.byteLength, null);
          unflushed += chunk.byteLength;
          if (unflushed >= FLUSH_EVERY && !flush.running) {
            flush.running = true;
            unflushed = 0;
            flush.last = handle.datasync().then(
              () => void (flush.running = false),
              (e: unknown) => void ((flush.failure = e), (flush.running = false)),
            );
          }
        }
        if (pendingWrite) await pendingWrite;
      } finally {
        // Nothing may still touch the file when it is closed or removed.
        await pendingWrite?.catch(() => undefined);
        await flush.last;
      }
      if (flush.failure !== null) throw flush.failure;
      await handle.sync();
      sha256 = hash.digest('hex');
    } catch (e) {
      await handle.close().catch(() => undefined);
      await fs.rm(tmp, { force: true });
      throw e;
    }
    await handle.close();
    return this.commit(tmp, sha256, bytes);
  }

  /** In memory already: hash first, and write only when the content is not stored yet. */
  private async putBytes(bytes: Uint8Array): Promise<StoredObject> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (await this.has(sha256)) return { sha256, bytes: bytes.byteLength, created: false };
    const tmp = join(this.tmpDir, `${process.pid}-${randomBytes(8).toString('hex')}.part`);
    const handle = await fs.open(tmp, 'wx', 0o600);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } catch (e) {
      await handle.close().catch(() => undefined);
      await fs.rm(tmp, { force: true });
      throw e;
    }
    await handle.close();
    return this.commit(tmp, sha256, bytes.byteLength);
  }

  private async commit(tmp: string, sha256: string, bytes: number): Promise<StoredObject> {
    try {
      await fs.chmod(tmp, 0o444);
      const dir = join(this.objectsDir, sha256.slice(0, 2));
      const madeDir = (await fs.mkdir(dir, { recursive: true })) !== undefined;
      if (madeDir) await fsyncDir(this.objectsDir);
      let created = true;
      try {
        await fs.link(tmp, join(dir, sha256));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        created = false;
      }
      if (created) await fsyncDir(dir);
      return { sha256, bytes, created };
    } finally {
      await fs.rm(tmp, { force: true });
    }
  }

  async read(sha256: string): Promise<Buffer> {
    return fs.readFile(this.pathOf(sha256));
  }

  /**
   * Every file in the store, by name, whether or not its name is a valid
   * hash: a folder's files at a time, since a workspace holds hundreds of
   * thousands and verification lists them all.
   */
  async *list(): AsyncGenerator<{ name: string; path: string }[]> {
    let shards: string[];
    try {
      shards = (await fs.readdir(this.objectsDir)).sort();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw e;
    }
    for (const shard of shards) {
      const dir = join(this.objectsDir, shard);
      const stat = await fs.stat(dir);
      if (!stat.isDirectory()) {
        yield [{ name: shard, path: dir }];
        continue;
      }
      // Plain concatenation: path.join per file is a measurable cost over 600,000 objects.
      yield (await fs.readdir(dir)).sort().map((name) => ({ name: `${shard}/${name}`, path: `${dir}${sep}${name}` }));
    }
  }

  /**
   * Removes temporary files left by writers that died. A file is only removed
   * when the process that made it is gone or it is a day old, because another
   * process may be writing to this workspace right now.
   */
  async removeAbandonedTemps(): Promise<number> {
    let removed = 0;
    for (const name of await fs.readdir(this.tmpDir).catch(() => [] as string[])) {
      const path = join(this.tmpDir, name);
      const pid = Number(name.split('-')[0]);
      const stat = await fs.stat(path).catch(() => undefined);
      if (!stat) continue;
      const stale = Date.now() - stat.mtimeMs > STALE_TEMP_MS;
      if (stale || !Number.isInteger(pid) || !processAlive(pid)) {
        await fs.rm(path, { force: true });
        removed++;
      }
    }
    return removed;
  }
}

async function* chunksOf(source: Exclude<ObjectSource, string | Uint8Array>): AsyncGenerator<Uint8Array> {
  if ('path' in source && typeof source.path === 'string' && !('read' in source)) {
    yield* fileChunks(source.path);
  } else {
    for await (const chunk of source as Readable) yield typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Uint8Array);
  }
}

/**
 * A file's content in chunks, reading the next while the caller hashes and
 * writes this one. Three buffers in turn: the one being read, the one yielded,
 * the one still being written. The caller must finish writing a chunk before
 * asking for the one after next (put() does).
 */
async function* fileChunks(path: string): AsyncGenerator<Uint8Array> {
  const handle = await fs.open(path, 'r');
  try {
    const buffers = [Buffer.allocUnsafe(CHUNK), Buffer.allocUnsafe(CHUNK), Buffer.allocUnsafe(CHUNK)];
    let k = 0;
    let reading = handle.read(buffers[0]!, 0, CHUNK, null);
    for (;;) {
      const { bytesRead } = await reading;
      if (bytesRead === 0) return;
      const current = buffers[k]!;
      k = (k + 1) % buffers.length;
      reading = handle.read(buffers[k]!, 0, CHUNK, null);
      yield current.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}
