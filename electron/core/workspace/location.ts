import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const PRODUCT_NAME = 'Exhibit';

/**
 * The folder Electron's app.getPath('userData') gives the desktop app, so the
 * CLI and the app share one workspace: %APPDATA%\Exhibit on Windows,
 * ~/Library/Application Support/Exhibit on macOS, $XDG_CONFIG_HOME/Exhibit
 * (or ~/.config/Exhibit) elsewhere.
 */
export function appDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), PRODUCT_NAME);
}

export function defaultWorkspaceDir(platform?: NodeJS.Platform, env?: NodeJS.ProcessEnv, home?: string): string {
  return join(appDataDir(platform, env, home), 'workspace');
}

/** `--workspace DIR` first, then EXHIBIT_WORKSPACE, then the default. */
export function resolveWorkspaceDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): { dir: string; source: 'flag' | 'env' | 'default' } {
  if (flag) return { dir: resolve(flag), source: 'flag' };
  if (env.EXHIBIT_WORKSPACE) return { dir: resolve(env.EXHIBIT_WORKSPACE), source: 'env' };
  return { dir: defaultWorkspaceDir(process.platform, env), source: 'default' };
}
