import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';

const CHUNK = 1 << 20;

/**
 * SHA-256 and size of a file, reading the next chunk while the current one is
 * hashed so that disk and CPU work overlap. Memory stays at two chunks.
 */
export async function hashFile(path: string): Promise<{ sha256: string; bytes: number }> {
  const handle = await fs.open(path, 'r');
  try {
    const hash = createHash('sha256');
    let current = Buffer.allocUnsafe(CHUNK);
    let spare = Buffer.allocUnsafe(CHUNK);
    let bytes = 0;
    let n = (await handle.read(current, 0, CHUNK, null)).bytesRead;
    while (n > 0) {
      const next = handle.read(spare, 0, CHUNK, null);
      hash.update(n === CHUNK ? current : current.subarray(0, n));
      bytes += n;
      n = (await next).bytesRead;
      [current, spare] = [spare, current];
    }
    return { sha256: hash.digest('hex'), bytes };
  } finally {
    await handle.close();
  }
}
