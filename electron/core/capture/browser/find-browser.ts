import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { err, ok, type Result } from '../../util/result.js';

export interface BrowserChoice {
  path: string;
  source: 'flag' | 'env' | 'settings' | 'playwright' | 'system';
}

/** Where Chrome, Chromium and Edge install themselves, per platform. */
function systemCandidates(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform === 'win32') {
    const roots = [env['PROGRAMFILES'], env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((r): r is string => !!r);
    return roots.flatMap((r) => [join(r, 'Google', 'Chrome', 'Application', 'chrome.exe'), join(r, 'Chromium', 'Application', 'chrome.exe'), join(r, 'Microsoft', 'Edge', 'Application', 'msedge.exe')]);
  }
  if (platform === 'darwin') {
    return [
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ];
  }
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/opt/google/chrome/chrome', '/usr/bin/microsoft-edge', '/snap/bin/chromium'];
}

/**
 * `--browser PATH`, then EXHIBIT_CHROMIUM, then the one chosen in the
 * workspace's settings, then a browser Playwright has installed, then the
 * system's Chrome, Chromium or Edge. What is given for this run (a flag, the
 * environment) goes before what the workspace keeps.
 */
export function findBrowser(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  playwrightPath: () => string | undefined = () => undefined,
  platform: NodeJS.Platform = process.platform,
  setting?: string,
): Result<BrowserChoice, string> {
  if (flag) return existsSync(flag) ? ok({ path: flag, source: 'flag' }) : err(`--browser ${flag}: no such file`);
  const fromEnv = env.EXHIBIT_CHROMIUM;
  if (fromEnv) return existsSync(fromEnv) ? ok({ path: fromEnv, source: 'env' }) : err(`EXHIBIT_CHROMIUM=${fromEnv}: no such file`);
  if (setting) return existsSync(setting) ? ok({ path: setting, source: 'settings' }) : err(`The browser chosen in Settings, ${setting}, is no longer there: choose another in Settings, or clear it to let Exhibit find one.`);
  const bundled = playwrightPath();
  if (bundled && existsSync(bundled)) return ok({ path: bundled, source: 'playwright' });
  const found = systemCandidates(platform, env).find((p) => existsSync(p));
  if (found) return ok({ path: found, source: 'system' });
  return err(
    'No Chromium-based browser found. Install Chrome, Chromium or Edge (on Debian or Ubuntu: apt-get install chromium), or point Exhibit at one in Settings, with --browser PATH or EXHIBIT_CHROMIUM=PATH.',
  );
}
