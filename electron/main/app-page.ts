import { extname, resolve, sep } from 'node:path';

/*
 * Where the app's own page lives: app://exhibit/, a privileged scheme of the
 * app's (app-protocol.ts), not file://, so the page has an origin of its own,
 * gets its CSP as a response header, and can read no other file. Kept free
 * of Electron, so it is tested in plain Node.
 */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = 'app://exhibit';
export const APP_PAGE = `${APP_ORIGIN}/index.html`;

/** The app's page, whatever its #route. */
export function isAppPage(url: string): boolean {
  return url === APP_PAGE || url.startsWith(`${APP_PAGE}#`);
}

/** The renderer file an app:// URL names, or null: another host, a path out of the renderer folder, or nothing the renderer serves. */
export function rendererFile(root: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== 'exhibit') return null;
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0') || path.includes('\\')) return null;
  const base = resolve(root);
  const file = resolve(base, `.${path === '/' ? '/index.html' : path}`);
  if (!file.startsWith(base + sep)) return null;
  return MEDIA_TYPES[extname(file)] ? file : null;
}

export const MEDIA_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};
