import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** What Exhibit's writers call the hidden files they build beside their output. */
export type TempKind = 'partial' | 'stamping' | 'tmp';

/**
 * The hidden file a writer builds beside `path` before putting it in place:
 * `.NAME.PID-RANDOM.KIND`. The writer's process id is in the name so that a
 * later run can tell the leftovers of a killed writer from the work of a
 * running one.
 */
export function tempBeside(path: string, kind: TempKind): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}-${randomBytes(4).toString('hex')}.${kind}`);
}

const LEFTOVER = /^\..+\.(\d+)-[0-9a-f]{8}\.(?:partial|stamping|tmp)$/;

/** A writer untouched this long is gone even if its process id now names another process. */
const ABANDONED_AFTER_MS = 24 * 60 * 60 * 1000;

/** Whether a process with this id runs on this machine (EPERM: it does, run by someone else). */
export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes from `dir` what killed writers left there: only files named as
 * tempBeside names them, only regular files, and only when the process that
 * wrote one is gone (or has not touched it for a day). Anything else, the
 * user's files above all, is never touched. Returns the names removed; a
 * folder that cannot be read or written is left as it is.
 */
export async function removeLeftovers(dir: string, now = Date.now()): Promise<string[]> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    const m = LEFTOVER.exec(name);
    if (!m) continue;
    const path = join(dir, name);
    const st = await fs.lstat(path).catch(() => null);
    if (!st?.isFile()) continue;
    if (processAlive(Number(m[1])) && now - st.mtimeMs < ABANDONED_AFTER_MS) continue;
    if (await fs.rm(path).then(() => true, () => false)) removed.push(name);
  }
  return removed;
}
