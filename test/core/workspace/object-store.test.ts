import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ObjectStore } from '../../../electron/core/workspace/object-store.js';
import { tempDir } from '../../helpers/tmp.js';

function store(): ObjectStore {
  const dir = tempDir();
  mkdirSync(join(dir, 'objects'));
  mkdirSync(join(dir, 'tmp'));
  return new ObjectStore(join(dir, 'objects'), join(dir, 'tmp'));
}

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('object store', () => {
  it('names content by its SHA-256 and stores it read-only', async () => {
    const s = store();
    const data = randomBytes(100_000);
    const stored = await s.put(data);
    expect(stored).toEqual({ sha256: sha(data), bytes: 100_000, created: true });
    expect(readFileSync(s.pathOf(stored.sha256)).equals(data)).toBe(true);
    if (process.platform !== 'win32') expect(statSync(s.pathOf(stored.sha256)).mode & 0o777).toBe(0o444);
  });

  it('stores identical content once, and never rewrites what is stored', async () => {
    const s = store();
    const first = await s.put('the same bytes');
    const inode = statSync(s.pathOf(first.sha256)).ino;
    const again = await s.put(Readable.from([Buffer.from('the same '), Buffer.from('bytes')]));
    expect(again).toEqual({ ...first, created: false });
    expect(statSync(s.pathOf(first.sha256)).ino).toBe(inode);
  });

  it('streams from a file and from a stream of many chunks', async () => {
    const s = store();
    const dir = tempDir();
    const big = randomBytes(5 * 1024 * 1024 + 17);
    writeFileSync(join(dir, 'big.bin'), big);
    expect((await s.put({ path: join(dir, 'big.bin') })).sha256).toBe(sha(big));
    const chunks = Array.from({ length: 50 }, () => randomBytes(65_536));
    const stored = await s.put(Readable.from(chunks));
    expect(stored.sha256).toBe(sha(Buffer.concat(chunks)));
    expect(stored.bytes).toBe(50 * 65_536);
    const onDisk = readFileSync(s.pathOf(stored.sha256));
    expect({ sha256: sha(onDisk), bytes: onDisk.length }).toEqual({ sha256: stored.sha256, bytes: stored.bytes });
  });

  it('a failing source leaves nothing behind', async () => {
    const s = store();
    const failing = new Readable({
      read() {
        this.destroy(new Error('source broke'));
      },
    });
    await expect(s.put(failing)).rejects.toThrow('source broke');
    const names: string[] = [];
    for await (const shard of s.list()) names.push(...shard.map((f) => f.name));
    expect(names).toEqual([]);
    expect(await s.removeAbandonedTemps()).toBe(0);
  });

  it('removes temporary files of dead writers but not of live ones', async () => {
    const s = store();
    writeFileSync(join(s.tmpDir, '999999999-abc.part'), 'dead writer');
    writeFileSync(join(s.tmpDir, `${process.pid}-abc.part`), 'live writer');
    expect(await s.removeAbandonedTemps()).toBe(1);
  });
});
