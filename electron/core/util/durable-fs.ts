import { promises as fs, constants } from 'node:fs';
import { dirname } from 'node:path';
import { tempBeside } from './leftovers.js';

/**
 * Makes a completed rename or link survive a crash: on POSIX the new directory
 * entry is only durable once the directory itself is fsynced. Windows cannot
 * open a directory for fsync, and NTFS journals the metadata, so it is skipped.
 */
export async function fsyncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await fs.open(dir, constants.O_RDONLY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Writes a whole file or nothing: a temporary file beside the target, fsynced,
 * then renamed over it. Readers see the old file or the new one, never a torn one.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, mode = 0o644): Promise<void> {
  const tmp = await writeTempBeside(path, data, mode);
  try {
    await fs.rename(tmp, path);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
  await fsyncDir(dirname(path));
}

/**
 * Writes a whole file where none is, or nothing: fsynced beside the target,
 * then linked into place, which fails rather than replace a file another
 * process put there meanwhile. Returns false when one was already there.
 */
export async function writeFileNew(path: string, data: string | Uint8Array, mode = 0o644): Promise<boolean> {
  const tmp = await writeTempBeside(path, data, mode);
  try {
    await fs.link(tmp, path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  } finally {
    await fs.rm(tmp, { force: true });
  }
  await fsyncDir(dirname(path));
  return true;
}

/** The data in a new, fsynced temporary file beside `path`, to be put in its place; returns its path. */
async function writeTempBeside(path: string, data: string | Uint8Array, mode: number): Promise<string> {
  const tmp = tempBeside(path, 'tmp');
  const handle = await fs.open(tmp, 'wx', mode);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (e) {
    await handle.close();
    await fs.rm(tmp, { force: true });
    throw e;
  }
  await handle.close();
  return tmp;
}
