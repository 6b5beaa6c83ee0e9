import { EventEmitter } from 'node:events';
import type { CDPSession, Page } from 'playwright';
import { drop } from '../../../electron/core/util/drop.js';
import { installPreload } from './bridge.js';
import type { StandInIpcMain } from './ipc-main.js';
import { fromPage, toPage } from './scheme-proxy.js';
import type { StandInSession } from './session.js';

/** An Electron event: listeners may cancel what it announces. */
export class StandInEvent {
  defaultPrevented = false;
  constructor(props: Record<string, unknown> = {}) {
    Object.assign(this, props);
  }
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

interface Paused {
  requestId: string;
  request: { url: string };
  frameId: string;
  redirectedRequestId?: string;
}

type OpenHandler = (details: { url: string; frameName: string; features: string; disposition: string }) => { action: 'deny' | 'allow' };

let ids = 0;

/**
 * A webContents on a real Chromium page (Playwright). What the shell listens
 * to is raised as Electron documents it:
 * - will-navigate: a navigation the page starts in its main frame (a link,
 *   location.href), not one the main process starts (loadURL, goBack, reload);
 *   cancelled, the page stays where it is;
 * - will-redirect: a server redirect during any navigation, loadURL's
 *   included; cancelled, the navigation stops (loadURL rejects ERR_ABORTED);
 * - setWindowOpenHandler: asked for every window.open, target=_blank link or
 *   form; the pop-up never loads (as { action: 'deny' },
 *   all the shell answers);
 * - did-navigate, did-navigate-in-page, did-start-loading, did-stop-loading,
 *   page-title-updated, and loadURL resolving at the load event.
 * The document requests are held at the request stage (CDP Fetch on a session
 * of the stand-in's own) while the events run, so a cancelled one never
 * reaches the server. webContents.debugger is a second, real CDP session on
 * the page.
 */
export class StandInWebContents extends EventEmitter {
  readonly id = ++ids;
  readonly debugger: StandInDebugger;
  readonly navigationHistory = {
    canGoBack: () => this.history.index > 0,
    canGoForward: () => this.history.index >= 0 && this.history.index < this.history.count - 1,
    goBack: () => drop(this.programmatic((p) => p.goBack())),
    goForward: () => drop(this.programmatic((p) => p.goForward())),
  };
  /** where the main process sends to the page's preload (set by the bridge) */
  deliver: (channel: string, args: unknown[]) => void = () => undefined;
  page: Page | null = null;
  readonly ready: Promise<Page>;
  private openHandler: OpenHandler | null = null;
  private history = { index: -1, count: 0 };
  private starting = 0;
  private loading = false;
  private title = '';
  private destroyed = false;
  private mainFrameId = '';

  constructor(
    readonly session: StandInSession,
    readonly webPreferences: { preload?: string } & Record<string, unknown>,
    ipcMain: StandInIpcMain,
    created: (wc: StandInWebContents) => void,
  ) {
    super();
    this.debugger = new StandInDebugger(this);
    created(this);
    this.ready = this.open(ipcMain);
    // A failure shows at the first use; it must not be an unhandled rejection meanwhile.
    drop(this.ready);
  }

  private async open(ipcMain: StandInIpcMain): Promise<Page> {
    const page = await this.session.newPage();
    const own = await page.context().newCDPSession(page);
    own.on('Fetch.requestPaused', (p) => drop(this.onDocumentRequest(own, p as Paused)));
    own.on('Page.windowOpen', (p) => this.onWindowOpen(p as { url: string; windowName: string; windowFeatures: string[] }));
    own.on('Page.frameNavigated', (p) => {
      if (p.frame.parentId) return;
      drop(this.refreshHistory(own).then(() => this.emit('did-navigate', new StandInEvent(), fromPage(p.frame.url), 200, 'OK')));
    });
    own.on('Page.navigatedWithinDocument', (p) => {
      if (p.frameId === this.mainFrameId) drop(this.refreshHistory(own).then(() => this.emit('did-navigate-in-page', new StandInEvent(), fromPage(p.url), true)));
    });
    own.on('Page.frameStartedLoading', (p) => {
      if (p.frameId !== this.mainFrameId) return;
      this.loading = true;
      this.emit('did-start-loading', new StandInEvent());
    });
    own.on('Page.frameStoppedLoading', (p) => {
      if (p.frameId !== this.mainFrameId) return;
      drop(
        page.title().then((t) => {
          this.loading = false;
          if (t !== this.title) {
            this.title = t;
            this.emit('page-title-updated', new StandInEvent(), t, true);
          }
          this.emit('did-stop-loading', new StandInEvent());
        }),
      );
    });
    await own.send('Page.enable');
    this.mainFrameId = (await own.send('Page.getFrameTree')).frameTree.frame.id;
    await own.send('Fetch.enable', { patterns: [{ urlPattern: '*', resourceType: 'Document', requestStage: 'Request' }] });
    if (this.webPreferences.preload) await installPreload(this, page, this.webPreferences.preload, ipcMain);
    page.on('close', () => {
      this.destroyed = true;
      if (this.debugger.isAttached()) this.debugger.emit('detach', new StandInEvent(), 'target closed');
    });
    this.page = page;
    return page;
  }

  private async onDocumentRequest(own: CDPSession, p: Paused): Promise<void> {
    const url = fromPage(p.request.url);
    const isMainFrame = p.frameId === this.mainFrameId;
    let event: StandInEvent | null = null;
    if (p.redirectedRequestId !== undefined) {
      event = new StandInEvent({ url, isMainFrame, isSameDocument: false });
      this.emit('will-redirect', event, url, false, isMainFrame, 1, 1);
    } else if (isMainFrame && this.starting > 0) {
      // The navigation loadURL/goBack/reload asked for: Electron raises no will-navigate for it.
      this.starting--;
    } else if (isMainFrame) {
      event = new StandInEvent({ url, isMainFrame: true, isSameDocument: false });
      this.emit('will-navigate', event, url, false, true, 1, 1);
    }
    const cancelled = event?.defaultPrevented ?? false;
    if (cancelled) await own.send('Fetch.failRequest', { requestId: p.requestId, errorReason: 'Aborted' }).catch(() => undefined);
    else await own.send('Fetch.continueRequest', { requestId: p.requestId }).catch(() => undefined);
    // Not Electron's: tells a test the request has gone on or been stopped, so it need not wait on a clock.
    this.emit('stand-in:decided', { url, cancelled, isMainFrame });
  }

  private onWindowOpen(p: { url: string; windowName: string; windowFeatures: string[] }): void {
    // The pop-up itself is stopped by the session whatever the answer: the shell always answers deny.
    this.openHandler?.({ url: fromPage(p.url), frameName: p.windowName, features: p.windowFeatures.join(','), disposition: 'new-window' });
  }

  private async refreshHistory(own: CDPSession): Promise<void> {
    const h = await own.send('Page.getNavigationHistory');
    this.history = { index: h.currentIndex, count: h.entries.length };
  }

  private async programmatic(go: (page: Page) => Promise<unknown>): Promise<void> {
    const page = await this.ready;
    this.starting = 1;
    try {
      await go(page);
      // Electron's title is known when the load is done (page-title-updated comes as the <title> is read).
      this.title = await page.title();
    } catch (e) {
      const m = /net::(ERR_[A-Z_]+)/.exec(String(e));
      throw m ? Object.assign(new Error(`${m[1]} loading '${page.url()}'`), { code: m[1] }) : e;
    } finally {
      this.starting = 0;
    }
  }

  loadURL(url: string): Promise<void> {
    return this.programmatic(async (p) => p.goto(await toPage(url), { waitUntil: 'load' }));
  }

  reload(): void {
    drop(this.programmatic((p) => p.reload()));
  }

  setWindowOpenHandler(handler: OpenHandler): void {
    this.openHandler = handler;
  }

  /** '' until the first navigation, as Electron. */
  getURL(): string {
    const url = fromPage(this.page?.url() ?? '');
    return url === 'about:blank' && this.history.count <= 1 ? '' : url;
  }

  getTitle(): string {
    return this.title || this.getURL();
  }

  isLoading(): boolean {
    return this.loading;
  }

  getUserAgent(): string {
    return 'Mozilla/5.0 (stand-in for Electron) Chrome';
  }

  getZoomFactor(): number {
    return 1;
  }

  send(channel: string, ...args: unknown[]): void {
    this.deliver(channel, args);
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  async close(): Promise<void> {
    this.destroyed = true;
    await this.page?.close();
  }
}

/**
 * webContents.debugger: attach() opens a real CDP session on the page;
 * sendCommand goes to it; every event it hears is emitted as
 * ('message', event, method, params), and 'detach' when the page closes.
 */
export class StandInDebugger extends EventEmitter {
  private session: Promise<CDPSession> | null = null;

  constructor(private readonly wc: StandInWebContents) {
    super();
  }

  attach(): void {
    if (this.session) throw new Error('Another debugger is already attached to this target');
    this.session = this.wc.ready.then(async (page) => {
      const s = await page.context().newCDPSession(page);
      s.on('event', (e: { method: string; params?: unknown }) => this.emit('message', new StandInEvent(), e.method, e.params ?? {}, ''));
      return s;
    });
    drop(this.session);
  }

  isAttached(): boolean {
    return this.session !== null;
  }

  async sendCommand(method: string, params?: Record<string, unknown>): Promise<unknown> {
    if (!this.session) throw new Error('No target available');
    return (await this.session).send(method as 'Page.enable', params);
  }

  detach(): void {
    const s = this.session;
    this.session = null;
    if (s) drop(s.then((x) => x.detach()));
  }
}
