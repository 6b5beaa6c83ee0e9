import { createHash } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  GetObjectLockConfigurationCommand,
  HeadObjectCommand,
  PutObjectCommand,
  PutObjectRetentionCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';

export interface HubStoreOptions {
  /** s3://bucket[/prefix] */
  store: string;
  /** the S3 server's URL; AWS itself when absent */
  endpoint?: string;
  /** S3 credentials; the usual AWS environment variables when absent */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  region?: string;
  /** days of COMPLIANCE retention asked for each object, where the bucket has Object Lock */
  retentionDays?: number;
  /** a request whose connection moves no byte for this long fails (default 60 s): a stalled server never holds an upload, or a worker's slot, for minutes */
  idleTimeoutMs?: number;
}

/** Whether the bucket keeps objects under Object Lock, said plainly when it does not. */
export type RetentionSupport = { supported: true; days: number } | { supported: false; reason: string };

export type PutResult = { stored: 'new' | 'present'; sha256: string; size: number };

const HEX64 = /^[0-9a-f]{64}$/;

export function parseStoreUrl(store: string): { bucket: string; prefix: string } {
  const m = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(store);
  if (!m?.[1]) throw new Error(`the store must be s3://BUCKET[/PREFIX], not "${store}"`);
  const prefix = (m[2] ?? '').replace(/\/+$/, '');
  return { bucket: m[1], prefix: prefix ? `${prefix}/` : '' };
}

/**
 * The hub's objects, content-addressed: the key is the SHA-256 of the bytes
 * (objects/ab/abcdef…). An object is written only if absent and every read is
 * hashed again before it is returned.
 */
export class HubObjectStore {
  private readonly s3: S3Client;
  readonly bucket: string;
  private readonly prefix: string;
  private retention: RetentionSupport | undefined;

  constructor(private readonly options: HubStoreOptions) {
    const { bucket, prefix } = parseStoreUrl(options.store);
    // The SDK warns on Node 20 that its releases after January 2027 will need
    // Node 22; Exhibit pins its SDK version and supports Node 20. This is the
    // SDK's own switch for that one notice, and silences nothing else.
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    this.bucket = bucket;
    this.prefix = prefix;
    // Checksums only where S3 requires them: the hub hashes every object itself (SHA-256, its key), and a
    // streamed body with a trailing checksum is sent chunk-encoded, which S3-compatible servers may not read.
    const config: S3ClientConfig = {
      region: options.region ?? process.env.AWS_REGION ?? 'us-east-1',
      forcePathStyle: options.endpoint !== undefined,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      // No timeout is the SDK's default. A connection that cannot be made fails in 10 s; one that goes silent, after idleTimeoutMs.
      requestHandler: { connectionTimeout: 10_000, socketTimeout: options.idleTimeoutMs ?? 60_000 },
    };
    if (options.endpoint) config.endpoint = options.endpoint;
    if (options.credentials) config.credentials = options.credentials;
    this.s3 = new S3Client(config);
  }

  keyOf(sha256: string): string {
    if (!HEX64.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return `${this.prefix}objects/${sha256.slice(0, 2)}/${sha256}`;
  }

  /** Asks the bucket once whether Object Lock is on. */
  async retentionSupport(): Promise<RetentionSupport> {
    if (this.retention) return this.retention;
    try {
      const r = await this.s3.send(new GetObjectLockConfigurationCommand({ Bucket: this.bucket }));
      this.retention =
        r.ObjectLockConfiguration?.ObjectLockEnabled === 'Enabled'
          ? { supported: true, days: this.options.retentionDays ?? 3650 }
          : { supported: false, reason: `bucket ${this.bucket} has no Object Lock: objects are not protected against deletion by the store` };
    } catch (e) {
      const name = e instanceof Error ? e.name : 'error';
      this.retention = { supported: false, reason: `the store does not support Object Lock (${name}): objects are not protected against deletion by the store` };
    }
    return this.retention;
  }

  async has(sha256: string): Promise<boolean> {
    try {
      await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.keyOf(sha256) }));
      return true;
    } catch (e) {
      if (e instanceof Error && (e.name === 'NotFound' || e.name === 'NoSuchKey')) return false;
      throw e;
    }
  }

  /** Stores the bytes under their hash unless present; refuses bytes whose hash is not the one claimed. */
  async put(bytes: Uint8Array, claimed?: string): Promise<PutResult> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (claimed !== undefined && claimed !== sha256) throw new HubObjectMismatch(claimed, sha256);
    if (await this.has(sha256)) return { stored: 'present', sha256, size: bytes.length };
    const retention = await this.retentionSupport();
    const md5 = createHash('md5').update(bytes).digest('base64');
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: this.keyOf(sha256),
        Body: bytes,
        ContentMD5: md5,
        IfNoneMatch: '*',
        ...(retention.supported ? { ObjectLockMode: 'COMPLIANCE' as const, ObjectLockRetainUntilDate: new Date(Date.now() + retention.days * 86_400_000) } : {}),
      }),
    );
    return { stored: 'new', sha256, size: bytes.length };
  }

  /**
   * Writes bytes arriving as a stream straight to the key of the hash they
   * claim, hashing them as they pass. Bytes that do not hash to the claim, or
   * stop short of `size`, are deleted from the store before this returns, and
   * refused: the caller holds the hash's upload claim, so no one else writes
   * or names the key meanwhile. No retention is set here: an object is kept
   * under Object Lock once the catalogue names it (`retain`), since a refused
   * object must still be deletable.
   */
  async receive(claimed: string, body: Readable, size: number): Promise<PutResult> {
    const key = this.keyOf(claimed);
    const hash = createHash('sha256');
    let seen = 0;
    const hashing = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        seen += chunk.length;
        done(null, chunk);
      },
    });
    body.on('error', (e) => hashing.destroy(e));
    body.pipe(hashing);
    try {
      await this.s3.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: hashing, ContentLength: size }));
    } catch (e) {
      await this.deleteKey(key);
      throw e;
    }
    const actual = hash.digest('hex');
    if (seen !== size || actual !== claimed) {
      await this.deleteKey(key);
      if (seen !== size) throw new HubObjectShort(claimed, size, seen);
      throw new HubObjectMismatch(claimed, actual);
    }
    return { stored: 'new', sha256: claimed, size };
  }

  /** Keeps a catalogued object under COMPLIANCE retention, where the bucket has Object Lock; nothing elsewhere. */
  async retain(sha256: string): Promise<void> {
    const retention = await this.retentionSupport();
    if (!retention.supported) return;
    await this.s3.send(
      new PutObjectRetentionCommand({ Bucket: this.bucket, Key: this.keyOf(sha256), Retention: { Mode: 'COMPLIANCE', RetainUntilDate: new Date(Date.now() + retention.days * 86_400_000) } }),
    );
  }

  /** Deletes an object no catalogue names (a refused or abandoned upload). */
  async discard(sha256: string): Promise<void> {
    await this.deleteKey(this.keyOf(sha256));
  }

  private async deleteKey(key: string): Promise<void> {
    await this.s3.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  /** The object's bytes, hashed again; a mismatch is an error that names the key. */
  async get(sha256: string): Promise<Buffer> {
    return this.read(this.keyOf(sha256), sha256);
  }

  private async read(key: string, sha256: string): Promise<Buffer> {
    const r = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    if (!r.Body) throw new Error(`object ${sha256}: empty response`);
    const bytes = Buffer.from(await r.Body.transformToByteArray());
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== sha256) throw new HubObjectCorrupt(sha256, actual);
    return bytes;
  }

  close(): void {
    this.s3.destroy();
  }
}

export class HubObjectCorrupt extends Error {
  constructor(
    readonly sha256: string,
    readonly actual: string,
  ) {
    super(`object ${sha256} in the store now hashes to ${actual}: altered`);
    this.name = 'HubObjectCorrupt';
  }
}

/** Bytes sent under a hash they do not have. */
export class HubObjectMismatch extends Error {
  constructor(
    readonly claimed: string,
    readonly actual: string,
  ) {
    super(`the bytes hash to ${actual}, not ${claimed}`);
    this.name = 'HubObjectMismatch';
  }
}

/** A body that ended before the size it announced. */
export class HubObjectShort extends Error {
  constructor(
    readonly sha256: string,
    readonly expected: number,
    readonly received: number,
  ) {
    super(`object ${sha256}: ${received} of ${expected} bytes arrived`);
    this.name = 'HubObjectShort';
  }
}
