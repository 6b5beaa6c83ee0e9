import { createHash } from 'node:crypto';
import { createServer, type Socket } from 'node:net';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubObjectCorrupt, HubObjectStore } from '../../electron/core/hub/object-store.js';
import { startS3, type TestS3 } from '../helpers/s3.js';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? filesUnder(join(dir, n)) : [join(dir, n)]));
}

describe('the hub object store on an S3 server (s3rver)', () => {
  let s3: TestS3;
  let store: HubObjectStore;
  beforeAll(async () => {
    s3 = await startS3(['evidence']);
    store = new HubObjectStore({ store: 's3://evidence/team', endpoint: s3.endpoint, credentials: s3 });
  });
  afterAll(async () => {
    store?.close();
    await s3?.stop();
  });

  it('stores by SHA-256 once, reads back hash-checked', async () => {
    const bytes = Buffer.from('the listing page as captured');
    const sha = createHash('sha256').update(bytes).digest('hex');
    expect(await store.has(sha)).toBe(false);
    expect(await store.put(bytes)).toEqual({ stored: 'new', sha256: sha, size: bytes.length });
    expect(await store.put(bytes)).toEqual({ stored: 'present', sha256: sha, size: bytes.length });
    expect(store.keyOf(sha)).toBe(`team/objects/${sha.slice(0, 2)}/${sha}`);
    expect((await store.get(sha)).equals(bytes)).toBe(true);
    await expect(store.put(Buffer.from('other bytes'), sha)).rejects.toThrow(/hash to [0-9a-f]{64}, not /);
  });

  it('says plainly that s3rver has no Object Lock', async () => {
    const r = await store.retentionSupport();
    expect(r.supported).toBe(false);
    if (!r.supported) expect(r.reason).toMatch(/Object Lock.*not protected against deletion/);
  });

  it('finds an object altered in the store', async () => {
    const bytes = Buffer.from('a screenshot, say');
    const { sha256 } = await store.put(bytes);
    const file = filesUnder(s3Dir(s3)).find((f) => f.includes(sha256) && readFileSync(f).equals(bytes));
    if (!file) throw new Error('object file not found under the s3rver folder');
    writeFileSync(file, Buffer.from('a screenshot, sax'));
    await expect(store.get(sha256)).rejects.toBeInstanceOf(HubObjectCorrupt);
  });

  it('gives up on a server that accepts the request and then says nothing, instead of waiting for minutes', async () => {
    // A real socket that takes the connection and the bytes and never answers: a stalled S3 server.
    const sockets: Socket[] = [];
    const silent = createServer((socket) => {
      sockets.push(socket);
      socket.on('data', () => undefined);
    });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as { port: number }).port;
    const stalled = new HubObjectStore({ store: 's3://evidence', endpoint: `http://127.0.0.1:${port}`, credentials: s3, idleTimeoutMs: 1_500 });
    try {
      const started = Date.now();
      await expect(stalled.put(Buffer.from('a capture on its way'))).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(30_000);
    } finally {
      stalled.close();
      for (const s of sockets) s.destroy();
      await new Promise((r) => silent.close(r));
    }
  }, 60_000);
});

function s3Dir(s3: TestS3): string {
  return s3.directory;
}
