import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

export type HashResult = { sha256: string; bytes: number } | { error: string };
export type ManifestResult = { text: string; sha256: string; bytes: number; signatureValid: boolean } | { error: string };

type Job =
  | { type: 'hash'; paths: string[] }
  | { type: 'manifests'; publicKeyPem: string; items: { path: string; signature: string }[] };

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
  /* eslint-enable @typescript-eslint/no-require-imports */
  const buffer = Buffer.allocUnsafe(1 << 20);
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
      const value = job.paths.map((path) => {
        try {
          return hashFile(path);
        } catch (e) {
          return problem(e);
        }
      });
      parentPort!.postMessage({ id: msg.id, value });
      return;
    }
    const key = createPublicKey(job.publicKeyPem);
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
 * Verification is CPU work (SHA-256, Ed25519) that one thread cannot keep up
 * with: a thread per core reads, hashes and checks signatures, in batches,
 * while the main thread reads the database and compares.
 */
export class WorkerPool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
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
        this.dispatch(worker);
      });
      worker.on('error', (e) => {
        for (const p of this.inFlight.values()) p.reject(e);
        this.inFlight.clear();
      });
      this.workers.push(worker);
      this.idle.push(worker);
    }
  }

  get size(): number {
    return this.workers.length;
  }

  hashFiles(paths: string[]): Promise<HashResult[]> {
    return this.submit({ type: 'hash', paths }) as Promise<HashResult[]>;
  }

  /** Reads each manifest, hashes it and checks its signature. */
  readManifests(publicKeyPem: string, items: { path: string; signature: string }[]): Promise<ManifestResult[]> {
    return this.submit({ type: 'manifests', publicKeyPem, items }, true) as Promise<ManifestResult[]>;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private submit(job: Job, urgent = false): Promise<unknown> {
    return new Promise((resolve, reject) => {
      (urgent ? this.urgent : this.queue).push({ job, pending: { resolve, reject } });
      const worker = this.idle.pop();
      if (worker) this.dispatch(worker);
    });
  }

  private dispatch(worker: Worker): void {
    const next = this.urgent.shift() ?? this.queue.shift();
    if (!next) {
      if (!this.idle.includes(worker)) this.idle.push(worker);
      return;
    }
    const id = this.nextId++;
    this.inFlight.set(id, next.pending);
    worker.postMessage({ id, job: next.job });
  }
}
