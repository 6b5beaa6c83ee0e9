// `npm start`: checks first that Electron can launch here, then builds
// Exhibit and opens the desktop app. Where it cannot launch (no display, no
// Electron binary and no way to fetch it, a Node too old for Electron's
// installer) it says why and what to run instead, and exits 1 at once,
// before the minute a build takes. `--no-build` launches what is built.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
/** What Electron 45's own installer (@electron/get) requires. */
const INSTALLER_NODE = [22, 12];

const instead = `
Instead:
  npm test                   runs every test, the desktop shell's included (on a
                             stand-in for Electron built on Chromium)
  npx exhibit serve          serves the same UI to a browser on this machine only
                             (prints a URL with a one-time token: open it)
  npx exhibit --help         everything else, from the command line under plain Node
`;

function cannotStart(why) {
  process.stderr.write(`Exhibit's desktop app cannot start here: ${why}\n${instead}`);
  process.exit(1);
}

function isFile(path) {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function nodeTooOld() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  return major < INSTALLER_NODE[0] || (major === INSTALLER_NODE[0] && minor < INSTALLER_NODE[1]);
}

/** The Electron program, or the reason there is none; fetches it (once) only where that can work. */
function electronBinary() {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const bin = join(override, process.platform === 'win32' ? 'electron.exe' : process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron');
    return isFile(bin) ? { bin } : { why: `ELECTRON_OVERRIDE_DIST_PATH is set to ${override}, and there is no Electron program at ${bin}.` };
  }
  let pkg;
  try {
    pkg = dirname(require.resolve('electron/package.json'));
  } catch {
    return { why: "the electron package is not installed (run 'npm install')." };
  }
  const version = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')).version;
  const installed = () => {
    const pathFile = join(pkg, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const bin = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
    return isFile(bin) ? bin : null;
  };
  const bin = installed();
  if (bin) return { bin };
  // Electron 42 and later fetch their binary at first launch, not at install.
  if (nodeTooOld()) {
    return { why: `the Electron ${version} binary is not installed, and its installer needs Node ${INSTALLER_NODE.join('.')} or later (this is Node ${process.versions.node}).` };
  }
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    return { why: `the Electron ${version} binary is not installed, and ELECTRON_SKIP_BINARY_DOWNLOAD is set, so it is not downloaded.` };
  }
  process.stderr.write(`Fetching the Electron ${version} binary (once)…\n`);
  const r = spawnSync(process.execPath, [join(pkg, 'install.js')], { stdio: 'inherit', timeout: 120_000 });
  const fetched = r.status === 0 ? installed() : null;
  return fetched ? { bin: fetched } : { why: `the Electron ${version} binary is not installed, and it could not be downloaded${r.error ? ` (${r.error.message})` : ''}.` };
}

// A Linux desktop needs an X or Wayland display; Electron would only crash without one.
if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  cannotStart('there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set).');
}
const found = electronBinary();
if (!found.bin) cannotStart(found.why);

if (!process.argv.includes('--no-build')) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const built = spawnSync(npm, ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (built.status !== 0) {
    process.stderr.write('The build failed (above): the desktop app is not started.\n');
    process.exit(built.status ?? 1);
  }
}

const child = spawn(found.bin, [root], { stdio: 'inherit' });
child.on('error', (e) => cannotStart(`${found.bin} could not be run (${e.message}).`));
child.on('exit', (code, signal) => {
  if (signal) process.stderr.write(`The desktop app was stopped by ${signal}.\n`);
  process.exitCode = code ?? 1;
});
