import { EventEmitter } from 'node:events';
import type { Browser, BrowserContext, Page } from 'playwright';
import { drop } from '../../../electron/core/util/drop.js';
import { StandInEvent, type StandInWebContents } from './web-contents.js';

type PermissionCheck = (wc: unknown, permission: string, origin: string, details: unknown) => boolean;
type PermissionRequest = (wc: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void;
type HeadersListener = (details: { url: string; responseHeaders?: Record<string, string[]> }, callback: (r: { responseHeaders?: Record<string, string[]> }) => void) => void;

/** What Electron would have done with a download no handler took: show a save dialog. */
export interface DownloadSeen {
  url: string;
  filename: string;
  outcome: 'cancelled' | 'saved' | 'save-dialog';
}

/**
 * A session is a Playwright browser context: its own cookies, cache and
 * storage, as a partition is. Pop-ups never load (see StandInWebContents).
 * A download is raised as will-download with a DownloadItem; one no listener
 * cancelled or gave a save path is recorded as the save dialog Electron would
 * have shown.
 */
export class StandInSession extends EventEmitter {
  private context: Promise<BrowserContext> | null = null;
  private readonly popups = new WeakSet<Page>();
  permissionCheck: PermissionCheck | null = null;
  permissionRequest: PermissionRequest | null = null;
  headersListener: HeadersListener | null = null;
  readonly downloads: DownloadSeen[] = [];
  readonly webRequest = { onHeadersReceived: (l: HeadersListener) => (this.headersListener = l) };

  constructor(
    readonly partition: string,
    private readonly browser: () => Promise<Browser>,
    private readonly contentsOf: (page: Page) => StandInWebContents | undefined,
  ) {
    super();
  }

  private open(): Promise<BrowserContext> {
    this.context ??= this.browser().then(async (b) => {
      const ctx = await b.newContext({ acceptDownloads: true, viewport: { width: 1000, height: 700 } });
      ctx.on('page', (p) => {
        drop(
          p.opener().then((o) => {
            if (!o) return;
            this.popups.add(p);
            return p.close();
          }),
        );
      });
      // A pop-up's first request: its frame does not exist yet, or it is a known pop-up.
      await ctx.route('**/*', (route) => {
        let page: Page | null = null;
        try {
          page = route.request().frame().page();
        } catch {
          page = null;
        }
        return page && !this.popups.has(page) ? route.fallback() : route.abort();
      });
      return ctx;
    });
    return this.context;
  }

  async newPage(): Promise<Page> {
    const page = await (await this.open()).newPage();
    page.on('download', (d) => {
      const wc = this.contentsOf(page);
      let outcome: DownloadSeen['outcome'] | null = null;
      let savePath = '';
      const item = {
        getURL: () => d.url(),
        getFilename: () => d.suggestedFilename(),
        getMimeType: () => '',
        cancel: () => (outcome = 'cancelled'),
        setSavePath: (p: string) => (savePath = p),
      };
      this.emit('will-download', new StandInEvent(), item, wc);
      if (!outcome) outcome = savePath ? 'saved' : 'save-dialog';
      this.downloads.push({ url: d.url(), filename: d.suggestedFilename(), outcome });
      drop(outcome === 'saved' ? d.saveAs(savePath) : d.cancel());
    });
    return page;
  }

  setPermissionCheckHandler(h: PermissionCheck | null): void {
    this.permissionCheck = h;
  }

  setPermissionRequestHandler(h: PermissionRequest | null): void {
    this.permissionRequest = h;
  }

  async clearStorageData(): Promise<void> {
    const ctx = await this.open();
    await ctx.clearCookies();
    for (const p of ctx.pages()) await p.evaluate(() => {
      try {
        const g = globalThis as unknown as { localStorage: { clear(): void }; sessionStorage: { clear(): void } };
        g.localStorage.clear();
        g.sessionStorage.clear();
      } catch {
        // an opaque origin has no storage
      }
    });
  }

  async clearCache(): Promise<void> {
    const ctx = await this.open();
    const page = ctx.pages()[0];
    if (page) {
      const s = await ctx.newCDPSession(page);
      await s.send('Network.clearBrowserCache');
      await s.detach();
    }
  }

  async clearAuthCache(): Promise<void> {}

  async cookies(url: string): Promise<{ name: string; value: string }[]> {
    return (await this.open()).cookies(url);
  }

  async close(): Promise<void> {
    const ctx = this.context;
    this.context = null;
    if (ctx) await (await ctx).close();
  }
}
