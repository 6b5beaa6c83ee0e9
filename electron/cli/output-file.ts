import { writeFileNew } from '../core/util/durable-fs.js';
import { UsageError } from './command.js';

/**
 * Writes a file the user named, whole or not at all, and never over anything
 * already there (a file or a folder): a wrong name must not cost a document.
 */
export async function writeOutputFile(path: string, data: string | Uint8Array): Promise<void> {
  let written: boolean;
  try {
    written = await writeFileNew(path, data);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'its folder does not exist'
      : code === 'EACCES' || code === 'EPERM' ? 'permission denied'
      : code === 'EROFS' ? 'the disk is read-only'
      : code === 'ENOSPC' ? 'the disk is full'
      : code === 'ENOTDIR' ? 'a part of the path is not a folder'
      : (e as Error).message;
    throw new UsageError(`Cannot write ${path}: ${why}. Nothing was written.`);
  }
  if (!written) throw new UsageError(`${path} already exists; nothing was written (Exhibit never writes over a file or folder: choose a new name).`);
}
