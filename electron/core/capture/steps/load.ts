import { withTimeout, type CdpSession } from '../cdp.js';

export interface LoadResult {
  frameId: string;
  loaderId?: string;
  errorText?: string;
  /** false when the load event did not come within the bound */
  loaded: boolean;
}

/**
 * Navigates and waits for the load event, within bounds. A page that never
 * finishes loading is not an error: the capture goes on with what is there.
 */
export async function loadPage(cdp: CdpSession, url: string, bounds: { navigationMs: number; loadMs: number }, stop?: Promise<void>): Promise<LoadResult> {
  let loadFired = false;
  let resolveLoad: () => void = () => undefined;
  const loadEvent = new Promise<void>((resolve) => (resolveLoad = resolve));
  const off = cdp.on('Page.loadEventFired', () => {
    loadFired = true;
    resolveLoad();
  });
  try {
    const nav = await withTimeout(cdp.send<{ frameId: string; loaderId?: string; errorText?: string }>('Page.navigate', { url }), bounds.navigationMs, 'navigation');
    if (nav.errorText) return { frameId: nav.frameId, ...(nav.loaderId ? { loaderId: nav.loaderId } : {}), errorText: nav.errorText, loaded: false };
    await withTimeout(stop ? Promise.race([loadEvent, stop]) : loadEvent, bounds.loadMs, 'the load event').catch(() => undefined);
    return { frameId: nav.frameId, ...(nav.loaderId ? { loaderId: nav.loaderId } : {}), loaded: loadFired };
  } finally {
    off();
  }
}
