import { constants, promises as fs } from 'node:fs';
import { isAbsolute } from 'node:path';
import { err, ok, type Result } from '../../util/result.js';

/**
 * A browser path as the investigator types it in Settings: the full path of
 * a program that exists and can be run. Checked when it is saved, so a typo
 * is heard then rather than at the next capture. Whether it really is
 * Chromium shows when it starts (the capture's record names its version).
 */
export async function checkBrowserPath(path: string, platform: NodeJS.Platform = process.platform): Promise<Result<string, string>> {
  if (!isAbsolute(path)) return err(`${path}: give the full path of the browser's program (e.g. ${example(platform)}).`);
  const stat = await fs.stat(path).catch(() => null);
  if (!stat) return err(`${path}: no such file.`);
  if (stat.isDirectory()) return err(`${path} is a folder: give the browser's program inside it (e.g. ${example(platform)}).`);
  if (!stat.isFile()) return err(`${path} is not a file.`);
  // Windows has no execute bit: a file is as far as it can be checked there.
  if (platform !== 'win32' && !(await fs.access(path, constants.X_OK).then(() => true, () => false))) return err(`${path} is not an executable program.`);
  return ok(path);
}

function example(platform: NodeJS.Platform): string {
  if (platform === 'win32') return 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe';
  if (platform === 'darwin') return '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
  return '/usr/bin/chromium';
}
