import { constants, promises as fs } from 'node:fs';
import { err, ok, type Result } from './result.js';

/** Why a file the user named was not read. */
export type ReadInputError =
  | { kind: 'not-found' }
  | { kind: 'not-a-file'; what: string }
  | { kind: 'too-large'; bytes: number; limit: number }
  | { kind: 'unreadable'; detail: string };

export function describeReadInputError(e: ReadInputError): string {
  switch (e.kind) {
    case 'not-found':
      return 'no such file';
    case 'not-a-file':
      return `it is ${e.what}, not a regular file`;
    case 'too-large':
      return `it is ${mib(e.bytes)}, more than the ${mib(e.limit)} this command reads`;
    case 'unreadable':
      return e.detail;
  }
}

const mib = (bytes: number) => `${Math.ceil(bytes / 1024 ** 2)} MiB`;

function whatItIs(st: { isDirectory(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a pipe';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a file';
}

/**
 * Reads a file the user named, whole, only if it is a regular file of at most
 * `limit` bytes: /dev/zero, a pipe or a folder is refused before a byte is
 * read. Opened without blocking (a pipe with no writer would hang the open)
 * and checked on the open handle, so what is read is what was checked; never
 * more than `limit` bytes are read, even from a file that grows meanwhile.
 */
export async function readInputFile(path: string, limit: number): Promise<Result<{ bytes: Buffer; size: number; mtime: Date }, ReadInputError>> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return err({ kind: 'not-found' });
    if (code === 'EISDIR') return err({ kind: 'not-a-file', what: 'a folder' });
    return err({ kind: 'unreadable', detail: (e as Error).message });
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) return err({ kind: 'not-a-file', what: whatItIs(st) });
    if (st.size > limit) return err({ kind: 'too-large', bytes: st.size, limit });
    const buffer = Buffer.alloc(Math.min(limit + 1, st.size + 1));
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      // More than it held when checked: it is still being written.
      if (length === buffer.length) {
        if (length > limit) return err({ kind: 'too-large', bytes: length, limit });
        return err({ kind: 'unreadable', detail: 'it grew while it was read (still being written?)' });
      }
    }
    return ok({ bytes: buffer.subarray(0, length), size: length, mtime: st.mtime });
  } catch (e) {
    return err({ kind: 'unreadable', detail: (e as Error).message });
  } finally {
    await handle.close();
  }
}
