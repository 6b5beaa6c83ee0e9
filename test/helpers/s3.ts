import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import S3rver from 's3rver';

export interface TestS3 {
  endpoint: string;
  /** where s3rver keeps the buckets' files */
  directory: string;
  accessKeyId: string;
  secretAccessKey: string;
  stop(): Promise<void>;
}

/** s3rver (an S3 server in Node) on 127.0.0.1 with a temporary folder. It has no Object Lock. */
export async function startS3(buckets: readonly string[]): Promise<TestS3> {
  const dir = mkdtempSync(join(tmpdir(), 'exhibit-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: dir, configureBuckets: buckets.map((name) => ({ name, configs: [] })) });
  const address = (await server.run()) as AddressInfo;
  makeWritesAtomic(server, join(dir, '.incoming'));
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    directory: dir,
    // s3rver's fixed credentials
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    async stop() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The part of s3rver 3.7's filesystem store that makeWritesAtomic replaces. */
interface FilesystemStore {
  getResourcePath(bucket: string, key: string, resource: string): string;
  putMetadata(bucket: string, key: string, metadata: unknown, md5: string): Promise<void>;
  putObject(object: { bucket: string; key: string; content: Readable | Buffer; metadata: unknown }): Promise<{ size: number; md5: string }>;
  deleteObject(bucket: string, key: string): Promise<void>;
}

/**
 * Gives s3rver's writes what S3 promises: a PUT answered 200 is stored whole,
 * and a DELETE touches its own key only. s3rver 3.7 writes straight to the
 * object's file and answers once the body has been read, before the file is
 * written, and a DELETE removes the key's folder when it looks empty — which
 * it does to a PUT into the same folder that has made it but not yet opened
 * its file. That PUT was then answered 200 with nothing stored (seen as a
 * push's upload recorded by the hub with no object at its key, when an
 * aborted upload's DELETE ran beside it). Here a PUT writes a file of its
 * own, waits for it to be written, and renames it into place; a DELETE
 * leaves folders alone.
 */
function makeWritesAtomic(server: S3rver, incoming: string): void {
  const store = (server as unknown as { store: FilesystemStore }).store;
  store.putObject = async (object) => {
    const target = store.getResourcePath(object.bucket, object.key, 'object');
    await mkdir(incoming, { recursive: true });
    const temp = join(incoming, randomUUID());
    const md5 = createHash('md5');
    let size = 0;
    try {
      if (Buffer.isBuffer(object.content)) {
        md5.update(object.content);
        size = object.content.length;
        await writeFile(temp, object.content);
      } else {
        const counting = new Transform({
          transform(chunk: Buffer, _enc, done) {
            md5.update(chunk);
            size += chunk.length;
            done(null, chunk);
          },
        });
        await pipeline(object.content, counting, createWriteStream(temp));
      }
      await mkdir(dirname(target), { recursive: true });
      await rename(temp, target);
    } catch (e) {
      await unlink(temp).catch(() => undefined);
      throw e;
    }
    const digest = md5.digest('hex');
    await store.putMetadata(object.bucket, object.key, object.metadata, digest);
    return { size, md5: digest };
  };
  store.deleteObject = async (bucket, key) => {
    for (const resource of ['object', 'object.md5', 'metadata.json']) {
      await unlink(store.getResourcePath(bucket, key, resource)).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== 'ENOENT') throw e;
      });
    }
  };
}
