/**
 * What a failure that is not the command's own tells the person who ran it:
 * the machine or the workspace in the way (disk full, read-only, a damaged
 * database) gets a message saying so; anything else is a bug, named in one
 * line, with the stack only when EXHIBIT_DEBUG=1 asks for it.
 */

const ERRNO: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is exceeded',
  EROFS: 'the disk is read-only',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EIO: 'the disk reported an input/output error',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'a file name is too long',
};

const SQLITE: Record<string, string> = {
  SQLITE_FULL: 'the disk is full',
  SQLITE_READONLY: 'the workspace database is read-only',
  SQLITE_CORRUPT: 'the workspace database is damaged; keep this copy for examination and restore the workspace from a backup',
  SQLITE_NOTADB: 'the workspace database is not a database (damaged or replaced); keep this copy for examination and restore the workspace from a backup',
  SQLITE_IOERR: 'the disk reported an error while writing the workspace database',
  SQLITE_CANTOPEN: 'the workspace database cannot be opened',
  SQLITE_BUSY: 'the workspace database is busy (another Exhibit is writing); try again',
};

/** A message for a failure of the machine or workspace, or undefined when it is not one. */
export function describeEnvironmentError(e: unknown): string | undefined {
  if (!(e instanceof Error)) return undefined;
  const code = (e as NodeJS.ErrnoException).code;
  if (code === undefined) return undefined;
  const known = ERRNO[code] ?? SQLITE[code];
  if (known === undefined) return undefined;
  const path = (e as NodeJS.ErrnoException).path;
  return `${known}${path ? ` (${path})` : ''}: ${firstLine(e.message)}.`;
}

/**
 * A row of the workspace database that is not in the shape Exhibit wrote (the
 * store parses every row it reads): edited with another tool or damaged, so
 * the workspace is in the way, not Exhibit. Loaded only when a command failed.
 */
export async function describeDamagedRow(e: unknown): Promise<string | undefined> {
  const { RowShapeError } = await import('../core/store/rows.js');
  if (!(e instanceof RowShapeError)) return undefined;
  return `the workspace database holds a row Exhibit did not write in that shape (${firstLine(e.message)}): it was edited outside Exhibit or is damaged; keep this copy for examination and restore the workspace from a backup.`;
}

export function describeInternalError(where: string, e: unknown, debug: boolean): string {
  const name = e instanceof Error ? `${e.name}: ${firstLine(e.message)}` : firstLine(String(e));
  const detail = debug && e instanceof Error && e.stack ? `\n${e.stack}` : '';
  return `${where}: internal error (${name}). This is a bug in Exhibit: please report it with the output of the same command run with EXHIBIT_DEBUG=1.${detail}`;
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0]!.slice(0, 500);
}
