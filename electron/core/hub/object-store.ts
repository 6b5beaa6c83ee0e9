import { createHash } from 'node:crypto';
import { GetObjectCommand, GetObjectLockConfigurationCommand, HeadObjectCommand, PutObjectCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';

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
    if (claimed !== undefined && claimed !== sha256) throw new Error(`the bytes hash to ${sha256}, not ${claimed}`);
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

  /** The object's bytes, hashed again; a mismatch is an error that names the key. */
  async get(sha256: string): Promise<Buffer> {
    const r = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.keyOf(sha256) }));
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
