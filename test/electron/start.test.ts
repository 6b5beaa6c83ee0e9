import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp.js';

/*
 * `npm start` (scripts/start.mjs) where the desktop app cannot launch: it
 * says why and what to run instead, exits 1, and does so at once (before any
 * build). Nothing here downloads: every run either has no display, names an
 * Electron folder of its own, or sets ELECTRON_SKIP_BINARY_DOWNLOAD.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const script = join(root, 'scripts/start.mjs');
const electronPkg = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
const electronVersion = (JSON.parse(readFileSync(join(electronPkg, 'package.json'), 'utf8')) as { version: string }).version;
const electronInstalled = existsSync(join(electronPkg, 'path.txt'));
if (electronInstalled) console.warn('the missing-Electron message is not tested: an Electron binary is installed here');

function start(env: Record<string, string | undefined>, args: string[] = []) {
  const clean = { ...process.env };
  for (const k of ['DISPLAY', 'WAYLAND_DISPLAY', 'ELECTRON_OVERRIDE_DIST_PATH', 'ELECTRON_SKIP_BINARY_DOWNLOAD']) delete clean[k];
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [script, ...args], { cwd: root, env: { ...clean, ...env }, encoding: 'utf8', timeout: 30_000 });
  return { status: r.status, stderr: r.stderr, ms: Date.now() - t0 };
}

function saysWhatToRunInstead(stderr: string): void {
  expect(stderr).toContain('npm test');
  expect(stderr).toContain('npx exhibit serve');
  expect(stderr).toContain('npx exhibit --help');
}

describe('npm start where the desktop app cannot launch', () => {
  it.runIf(process.platform === 'linux')('says there is no display, and what to run instead, at once', () => {
    const r = start({ ELECTRON_SKIP_BINARY_DOWNLOAD: '1' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("Exhibit's desktop app cannot start here: there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set).");
    saysWhatToRunInstead(r.stderr);
    // Checked before building: no minute spent.
    expect(r.ms).toBeLessThan(10_000);
  });

  it.skipIf(electronInstalled)('says the Electron binary is missing and why it is not fetched (Node too old for its installer, or downloads turned off)', () => {
    const r = start({ DISPLAY: ':99', WAYLAND_DISPLAY: 'wayland-9', ELECTRON_SKIP_BINARY_DOWNLOAD: '1' });
    expect(r.status).toBe(1);
    const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
    const tooOld = major < 22 || (major === 22 && minor < 12);
    expect(r.stderr).toContain(
      tooOld
        ? `the Electron ${electronVersion} binary is not installed, and its installer needs Node 22.12 or later (this is Node ${process.versions.node}).`
        : `the Electron ${electronVersion} binary is not installed, and ELECTRON_SKIP_BINARY_DOWNLOAD is set, so it is not downloaded.`,
    );
    expect(r.stderr).not.toContain('Fetching');
    saysWhatToRunInstead(r.stderr);
    expect(r.ms).toBeLessThan(10_000);
  });

  it('names an Electron folder given in ELECTRON_OVERRIDE_DIST_PATH that holds no Electron', () => {
    const empty = tempDir();
    const r = start({ DISPLAY: ':99', ELECTRON_OVERRIDE_DIST_PATH: empty });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`ELECTRON_OVERRIDE_DIST_PATH is set to ${empty}, and there is no Electron program at ${join(empty, 'electron')}.`);
    saysWhatToRunInstead(r.stderr);
  });

  it('says so when the Electron program cannot be run', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'electron'), '#!/bin/sh\nexit 0\n');
    chmodSync(join(dir, 'electron'), 0o644);
    const r = start({ DISPLAY: ':99', ELECTRON_OVERRIDE_DIST_PATH: dir }, ['--no-build']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${join(dir, 'electron')} could not be run (spawn ${join(dir, 'electron')} EACCES).`);
    saysWhatToRunInstead(r.stderr);
  });
});

describe('npm start where Electron can launch', () => {
  it('opens the app from the project folder on the display, and exits as the app does', () => {
    const dir = tempDir();
    const seen = join(dir, 'seen.txt');
    // A program in Electron's place: it records what it was started with, then "quits" with 3.
    writeFileSync(join(dir, 'electron'), `#!/bin/sh\nprintf '%s\\n%s\\n' "$1" "$DISPLAY" > '${seen}'\nexit 3\n`);
    chmodSync(join(dir, 'electron'), 0o755);
    const r = start({ DISPLAY: ':99', ELECTRON_OVERRIDE_DIST_PATH: dir }, ['--no-build']);
    expect(r.status).toBe(3);
    expect(readFileSync(seen, 'utf8')).toBe(`${root}\n:99\n`);
  });
});
