import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/** A job's files that did not hash to their names, by index in the job; everything else hashed as expected. */
export interface HashCheck {
  bytes: number;
  exceptions: { index: number; sha256?: string; error?: string }[];
}
export type ManifestResult = { text: string; sha256: string; bytes: number; signatureValid: boolean } | { error: string };
export type TextResult = { text: string } | { error: string };

type Job =
  | { type: 'hash'; objectsDir: string; hashes: string[] }
  | { type: 'manifests'; publicKeyPem: string; items: { path: string; signature: string }[] }
  | { type: 'texts'; paths: string[] };

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/**
 * The body of each worker thread. It is sent as source text (eval) so the
 * same code runs from the compiled CLI and from the TypeScript tests; it may
 * use nothing but Node's built-ins. Reads are synchronous: a worker has
 * nothing else to do meanwhile, and it spares a thread-pool round trip per file.
 */
function workerMain(): void {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { parentPort } = require('node:worker_threads') as typeof import('node:worker_threads');
  const { createHash, createPublicKey, verify } = require('node:crypto') as typeof import('node:crypto');
  const fs = require('node:fs') as typeof import('node:fs');
  const { sep } = require('node:path') as typeof import('node:path');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const buffer = Buffer.allocUnsafe(1 << 20);
  let publicKey: import('node:crypto').KeyObject | null = null;
  let publicKeyPem = '';
  const problem = (e: unknown) => ({ error: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : (e as Error).message });
  const hashFile = (path: string) => {
    const fd = fs.openSync(path, 'r');
    try {
      const hash = createHash('sha256');
      let bytes = 0;
      for (;;) {
        const n = fs.readSync(fd, buffer, 0, buffer.length, null);
        if (n === 0) break;
        hash.update(n === buffer.length ? buffer : buffer.subarray(0, n));
        bytes += n;
      }
      return { sha256: hash.digest('hex'), bytes };
    } finally {
      fs.closeSync(fd);
    }
  };
  parentPort!.on('message', (msg: { id: number; job: Job }) => {
    const { job } = msg;
    if (job.type === 'hash') {
      // Compared here, so that only the exceptions cross back to the main thread.
      const value = { bytes: 0, exceptions: [] as { index: number; sha256?: string; error?: string }[] };
      job.hashes.forEach((expected, index) => {
        try {
          // The object store's layout: objects/ab/abcdef…
          const { sha256, bytes } = hashFile(`${job.objectsDir}${sep}${expected.slice(0, 2)}${sep}${expected}`);
          value.bytes += bytes;
          if (sha256 !== expected) value.exceptions.push({ index, sha256 });
        } catch (e) {
          value.exceptions.push({ index, ...problem(e) });
        }
      });
      parentPort!.postMessage({ id: msg.id, value });
      return;
    }
    if (job.type === 'texts') {
      // Read off the main thread; whether the bytes are intact is the re-hashing's business.
      const value = job.paths.map((path) => {
        try {
          return { text: fs.readFileSync(path, 'utf8') };
        } catch (e) {
          return problem(e);
        }
      });
      parentPort!.postMessage({ id: msg.id, value });
      return;
    }
    if (publicKey === null || publicKeyPem !== job.publicKeyPem) {
      publicKey = createPublicKey(job.publicKeyPem);
      publicKeyPem = job.publicKeyPem;
    }
    const key = publicKey;
    const value = job.items.map((item) => {
      try {
        const data = fs.readFileSync(item.path);
        let signatureValid = false;
        try {
          signatureValid = verify(null, data, key, Buffer.from(item.signature, 'base64'));
        } catch {
          signatureValid = false;
        }
        return { text: data.toString('utf8'), sha256: createHash('sha256').update(data).digest('hex'), bytes: data.length, signatureValid };
      } catch (e) {
        return problem(e);
      }
    });
    parentPort!.postMessage({ id: msg.id, value });
  });
}

/**
 * Jobs posted to each worker ahead of the one it is doing. The main thread
 * hands out the next job only when it is free, and it is often busy for a
 * while (a page of capture rows, a garbage collection): a worker with jobs
 * waiting in its own queue keeps hashing meanwhile.
 */
const DEPTH = 4;

/**
 * Verification is CPU work (SHA-256, Ed25519) that one thread cannot keep up
 * with: a thread per core reads, hashes and checks signatures, in batches,
 * while the main thread reads the database and compares.
 */
export class WorkerPool {
  private readonly workers: Worker[] = [];
  /** jobs posted to each worker and not yet answered */
  private readonly load = new Map<Worker, number>();
  /** Manifest checks go first: the main thread waits on them, while re-hashing can fill any gap. */
  private readonly urgent: { job: Job; pending: Pending }[] = [];
  private readonly queue: { job: Job; pending: Pending }[] = [];
  private readonly inFlight = new Map<number, Pending>();
  private nextId = 0;

  constructor(size = availableParallelism()) {
    for (let i = 0; i < Math.max(1, size); i++) {
      const worker = new Worker(`(${workerMain.toString()})()`, { eval: true });
      worker.on('message', (msg: { id: number; value: unknown }) => {
        const pending = this.inFlight.get(msg.id);
        this.inFlight.delete(msg.id);
        pending?.resolve(msg.value);
        this.load.set(worker, this.load.get(worker)! - 1);
        this.fill(worker);
      });
      worker.on('error', (e) => {
        for (const p of this.inFlight.values()) p.reject(e);
        this.inFlight.clear();
      });
      this.workers.push(worker);
      this.load.set(worker, 0);
    }
  }

  /** How many jobs the pool can be working on at once. */
  get capacity(): number {
    return this.workers.length * DEPTH;
  }

  /** Re-hashes each object of the store in `objectsDir` and compares it with its name. */
  checkObjects(objectsDir: string, hashes: string[]): Promise<HashCheck> {
    return this.submit({ type: 'hash', objectsDir, hashes }) as Promise<HashCheck>;
  }

  /** Reads each manifest, hashes it and checks its signature. */
  readManifests(publicKeyPem: string, items: { path: string; signature: string }[]): Promise<ManifestResult[]> {
    return this.submit({ type: 'manifests', publicKeyPem, items }, true) as Promise<ManifestResult[]>;
  }

  /** Reads small text files (a capture's extracted.json). */
  readTexts(paths: string[]): Promise<TextResult[]> {
    return this.submit({ type: 'texts', paths }, true) as Promise<TextResult[]>;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private submit(job: Job, urgent = false): Promise<unknown> {
    return new Promise((resolve, reject) => {
      (urgent ? this.urgent : this.queue).push({ job, pending: { resolve, reject } });
      // The least loaded worker takes it, if any has room.
      const worker = [...this.workers].sort((a, b) => this.load.get(a)! - this.load.get(b)!)[0];
      if (worker) this.fill(worker);
    });
  }

  private fill(worker: Worker): void {
    while (this.load.get(worker)! < DEPTH) {
      const next = this.urgent.shift() ?? this.queue.shift();
      if (!next) return;
      const id = this.nextId++;
      this.inFlight.set(id, next.pending);
      this.load.set(worker, this.load.get(worker)! + 1);
      worker.postMessage({ id, job: next.job });
    }
  }
}
