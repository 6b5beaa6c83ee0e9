import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];
const madeForSuite: string[] = [];

/** A fresh folder under the system temp dir, removed after the test. */
export function tempDir(prefix = 'exhibit-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Removes the folders tempDir made: after each test (test/setup/temp-folders.ts). */
export function removeTestFolders(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A folder made in beforeAll, kept for the whole file and removed after it. */
export function suiteTempDir(prefix = 'exhibit-suite-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  madeForSuite.push(dir);
  return dir;
}

/** Removes the folders suiteTempDir made: after each file (test/setup/temp-folders.ts). */
export function removeSuiteFolders(): void {
  for (const dir of madeForSuite.splice(0)) rmSync(dir, { recursive: true, force: true });
}
