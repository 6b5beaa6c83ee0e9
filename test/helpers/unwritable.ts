import { spawnSync } from 'node:child_process';
import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Makes a folder unwritable for this process. chmod is not enough for root
 * (CI runs as root), so there the folder is made immutable with chattr.
 * Returns how to undo it, or null when neither works on this file system.
 */
export function makeUnwritable(dir: string): (() => void) | null {
  const probe = join(dir, '.probe');
  const writable = () => {
    try {
      writeFileSync(probe, 'x');
      rmSync(probe);
      return true;
    } catch {
      return false;
    }
  };
  chmodSync(dir, 0o555);
  if (!writable()) return () => chmodSync(dir, 0o755);
  chmodSync(dir, 0o755);
  if (spawnSync('chattr', ['+i', dir]).status === 0 && !writable()) return () => void spawnSync('chattr', ['-i', dir]);
  return null;
}
