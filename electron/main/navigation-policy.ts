/**
 * Where a page of the desktop app may go. One decision for every navigation
 * event the shell hears (will-navigate, will-redirect, window.open), as a
 * function of which view asks, where it is and where it would go, so it is
 * tested without Electron.
 *
 * - The app's own pages never navigate away: only a move within the page
 *   (its #route) is allowed. A link to the web is offered to the system
 *   browser instead (security.ts).
 * - The browser panel is a browser: it follows links and server redirects
 *   (amazon.com -> www.amazon.com, a login) to http(s) pages, but never to
 *   another scheme (file:, data:, javascript:, chrome:, devtools:…), never to
 *   the app's own pages, and never to a local `exhibit serve` it is told of,
 *   by any name of this machine (127.0.0.1, localhost, [::1]…).
 */
export type ShellView = 'app' | 'panel';

export interface NavigationContext {
  /** true for the app's own pages (the renderer), whatever their #route */
  isAppPage(url: string): boolean;
  /** ports of this machine the panel must never reach: those a running `exhibit serve` listens on; asked at each decision */
  refusedLocalPorts?(): readonly number[];
}

export type NavigationDecision = { allow: true } | { allow: false; reason: string };

const allow: NavigationDecision = { allow: true };
const refuse = (reason: string): NavigationDecision => ({ allow: false, reason });

export function decideNavigation(view: ShellView, from: string, to: string, ctx: NavigationContext): NavigationDecision {
  let target: URL;
  try {
    target = new URL(to);
  } catch {
    return refuse('not a valid address');
  }
  if (view === 'app') {
    if (ctx.isAppPage(from) && ctx.isAppPage(to) && sameDocument(from, target)) return allow;
    return refuse('the app’s own window never leaves its page');
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') return refuse(`the ${target.protocol} scheme is not opened in the browser panel: only http and https pages are`);
  if (target.username !== '' || target.password !== '') return refuse('an address with a user name or password in it is not opened');
  if (ctx.isAppPage(to)) return refuse('the app’s own pages are not opened in the browser panel');
  if (isThisMachine(target.hostname) && (ctx.refusedLocalPorts?.() ?? []).includes(portOf(target))) return refuse(`${target.host} is Exhibit’s own local server (exhibit serve): not opened in the browser panel`);
  return allow;
}

/** The names Chromium sends to this machine itself, whatever the DNS says: loopback, localhost and *.localhost, and 0.0.0.0. */
function isThisMachine(hostname: string): boolean {
  const h = hostname.replace(/\.$/, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(h) || h === '[::1]' || h === '0.0.0.0' || h === '[::]' || /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(h);
}

function portOf(url: URL): number {
  return url.port !== '' ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
}

/** The same document: only the fragment differs. */
function sameDocument(from: string, to: URL): boolean {
  try {
    const a = new URL(from);
    a.hash = '';
    const b = new URL(to.href);
    b.hash = '';
    return a.href === b.href;
  } catch {
    return false;
  }
}
