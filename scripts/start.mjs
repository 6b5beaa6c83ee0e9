// `npm start`: launches the desktop app (after `npm run build`). Where no
// Electron binary can be had (Electron 42 and later fetch it at first launch,
// not at install), it says so plainly and points to `exhibit serve`, which
// serves the same UI to a browser.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

function electronBinary() {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return join(process.env.ELECTRON_OVERRIDE_DIST_PATH, 'electron');
  let pkg;
  try {
    pkg = dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = join(pkg, 'path.txt');
  if (existsSync(pathFile)) {
    const bin = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
    if (existsSync(bin)) return bin;
  }
  // Not there yet: try Electron's own download, once.
  const r = spawnSync(process.execPath, [join(pkg, 'install.js')], { stdio: 'inherit', timeout: 180_000 });
  if (r.status === 0 && existsSync(pathFile)) {
    const bin = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
    if (existsSync(bin)) return bin;
  }
  return null;
}

const bin = electronBinary();
if (!bin) {
  process.stderr.write(`
The Electron binary could not be found or downloaded on this machine, so the
desktop app cannot start here. The same UI runs in any browser, on this
machine only:

  npx exhibit serve          (prints a URL with a one-time token: open it)

Everything else runs from the command line under plain Node: npx exhibit --help
`);
  process.exitCode = 1;
} else {
  const child = spawn(bin, [root], { stdio: 'inherit' });
  child.on('exit', (code) => {
    process.exitCode = code ?? 0;
  });
}
