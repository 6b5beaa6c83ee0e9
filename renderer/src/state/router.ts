import { create } from 'zustand';

/** Where the investigator is: the hash is the whole route, so back and forward just work. */
export type Route =
  | { page: 'home' }
  | { page: 'settings' }
  | { page: 'watch' }
  | { page: 'takedowns' }
  | { page: 'triage' }
  | { page: 'browser' }
  | { page: 'dossiers' }
  | { page: 'unfiled' }
  | { page: 'links' }
  | { page: 'seller'; id: string }
  | { page: 'capture'; id: string }
  | { page: 'listing'; id: string }
  | { page: 'attention'; id: string }
  | { page: 'case'; id: string }
  | { page: 'operator'; id: string };

const PLAIN = new Set(['settings', 'watch', 'takedowns', 'browser', 'unfiled', 'triage', 'dossiers', 'links']);

export function parseRoute(hash: string): Route {
  const plain = /^#\/([a-z]+)$/.exec(hash)?.[1];
  if (plain && PLAIN.has(plain)) return { page: plain as 'settings' | 'watch' | 'takedowns' | 'browser' | 'unfiled' | 'triage' | 'dossiers' | 'links' };
  const m = /^#\/(seller|capture|listing|attention|case|operator)\/([^/]+)$/.exec(hash);
  if (!m) return { page: 'home' };
  try {
    return { page: m[1] as 'seller' | 'capture' | 'listing' | 'attention' | 'case' | 'operator', id: decodeURIComponent(m[2]!) };
  } catch {
    return { page: 'home' };
  }
}

export function hrefOf(route: Route): string {
  if (route.page === 'home') return '#/';
  if (!('id' in route)) return `#/${route.page}`;
  return `#/${route.page}/${encodeURIComponent(route.id)}`;
}

export const useRouter = create<{ route: Route }>(() => ({ route: parseRoute(window.location.hash) }));

/** Follows the address bar; returns the function that stops following it. */
export function startRouter(): () => void {
  const follow = () => useRouter.setState({ route: parseRoute(window.location.hash) });
  window.addEventListener('hashchange', follow);
  follow();
  return () => window.removeEventListener('hashchange', follow);
}

export function navigate(route: Route): void {
  window.location.hash = hrefOf(route);
}
