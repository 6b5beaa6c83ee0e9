import { createHash } from 'node:crypto';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  GetObjectLockConfigurationCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
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
    const config: S3ClientConfig = { region: options.region ?? process.env.AWS_REGION ?? 'us-east-1', forcePathStyle: options.endpoint !== undefined };
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

  /**
   * Where a push's objects wait until the hub has checked the push: one area
   * per user, so a refused push can be dropped without touching anyone else's.
   * Nothing there is evidence; only `promote` moves an object into objects/.
   */
  incomingKeyOf(userId: number, sha256: string): string {
    if (!HEX64.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return `${this.incomingPrefix(userId)}${sha256.slice(0, 2)}/${sha256}`;
  }

  private incomingPrefix(userId: number): string {
    if (!Number.isSafeInteger(userId) || userId < 1) throw new Error(`not a user id: ${userId}`);
    return `${this.prefix}incoming/${userId}/`;
  }

  async has(sha256: string): Promise<boolean> {
    return this.exists(this.keyOf(sha256));
  }

  async hasIncoming(userId: number, sha256: string): Promise<boolean> {
    return this.exists(this.incomingKeyOf(userId, sha256));
  }

  private async exists(key: string): Promise<boolean> {
    try {
      await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
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

  /** Stages the bytes in the user's incoming area under their hash; refuses bytes whose hash is not the one claimed. */
  async putIncoming(userId: number, bytes: Uint8Array, claimed: string): Promise<PutResult> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (claimed !== sha256) throw new HubObjectMismatch(claimed, sha256);
    if (await this.has(sha256)) return { stored: 'present', sha256, size: bytes.length };
    const md5 = createHash('md5').update(bytes).digest('base64');
    await this.s3.send(new PutObjectCommand({ Bucket: this.bucket, Key: this.incomingKeyOf(userId, sha256), Body: bytes, ContentMD5: md5 }));
    return { stored: 'new', sha256, size: bytes.length };
  }

  /**
   * Moves a checked object from the user's incoming area into objects/ (a
   * copy inside the store, under retention where the bucket has Object Lock),
   * unless it is there already.
   */
  async promote(userId: number, sha256: string): Promise<void> {
    if (await this.has(sha256)) return;
    const retention = await this.retentionSupport();
    const source = `${this.bucket}/${this.incomingKeyOf(userId, sha256)}`;
    await this.s3.send(
      new CopyObjectCommand({
        Bucket: this.bucket,
        Key: this.keyOf(sha256),
        CopySource: source.split('/').map(encodeURIComponent).join('/'),
        ...(retention.supported ? { ObjectLockMode: 'COMPLIANCE' as const, ObjectLockRetainUntilDate: new Date(Date.now() + retention.days * 86_400_000) } : {}),
      }),
    );
  }

  /** Removes an object from the user's incoming area (after promotion, or when the push is refused). */
  async dropIncoming(userId: number, sha256: string): Promise<void> {
    await this.s3.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.incomingKeyOf(userId, sha256) }));
  }

  /** Empties the user's incoming area: a refused push leaves nothing behind. */
  async dropAllIncoming(userId: number): Promise<number> {
    const prefix = this.incomingPrefix(userId);
    let dropped = 0;
    let token: string | undefined;
    do {
      const page = await this.s3.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }));
      for (const o of page.Contents ?? []) {
        if (!o.Key) continue;
        await this.s3.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: o.Key }));
        dropped++;
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return dropped;
  }

  /** The object from objects/, or else from the user's incoming area; hashed again either way. */
  async getForCheck(userId: number, sha256: string): Promise<Buffer> {
    return (await this.has(sha256)) ? this.get(sha256) : this.read(this.incomingKeyOf(userId, sha256), sha256);
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
