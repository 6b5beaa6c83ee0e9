import { ipcMain, session, WebContentsView, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { z } from 'zod';
import { BROWSER_COMMAND, type BrowserCaptured, type BrowserPanelState } from '../core/api/browser-panel-contract.js';
import { sealPageCapture } from '../core/capture/capture-service.js';
import { capturePage, DEFAULT_BOUNDS } from '../core/capture/capture-page.js';
import { parseCaptureUrl } from '../core/capture/url-policy.js';
import type { Workspace } from '../core/workspace/workspace.js';
import { TabRecording } from '../core/capture/tab-recording.js';
import { debuggerSession } from './capture/debugger-cdp.js';
import { SessionClock } from '../core/timestamp/clock.js';

/** The investigator's browser: its own partition, persistent so a login survives, never the app's session. */
export const BROWSER_PARTITION = 'persist:exhibit-browser';
export const BROWSER_CHANNEL = 'exhibit:browser';


/**
 * The browser panel: a WebContentsView where the investigator browses to a
 * listing (logging in if need be) and presses Capture. The view has no
 * preload and its own session: the captured site's code never reaches IPC.
 * The capture runs the same engine as the CLI, through the view's
 * webContents.debugger, and is sealed and filed the same way. The tab's
 * network is recorded from the moment it opens, so a capture takes the page
 * as the investigator sees it, without loading it again. "Clean
 * session" empties the partition (cache, cookies, storage); the environment
 * record says whether the capture ran on a session cleaned since the last
 * login or on the kept one.
 */
export function mountBrowserPanel(win: BrowserWindow, ws: Workspace, isAppPage: (url: string) => boolean): void {
  const view = new WebContentsView({ webPreferences: { partition: BROWSER_PARTITION, sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, disableBlinkFeatures: 'Auxclick' } });
  const contents = view.webContents;
  let cleanedAt: string | null = null;
  let attached = false;
  // The clock is checked at the panel's first capture, then every ten minutes.
  const clock = new SessionClock();
  // The debugger stays attached for the tab's life: the recording runs from before the first page.
  const dbg = debuggerSession(contents);
  let recording: TabRecording | null = null;
  const record = () =>
    TabRecording.start(dbg.cdp).then(
      (r) => (recording = r),
      () => (recording = null),
    );
  void record();
  contents.debugger.on('detach', () => {
    recording?.stop();
    recording = null;
  });
  // Nothing the browsed site asks for is granted: no camera, no notifications, no downloads prompts through the app.
  session.fromPartition(BROWSER_PARTITION).setPermissionRequestHandler((_wc, _p, callback) => callback(false));

  const state = (): BrowserPanelState => ({ url: contents.getURL(), title: contents.getTitle(), canGoBack: contents.navigationHistory.canGoBack(), canGoForward: contents.navigationHistory.canGoForward(), loading: contents.isLoading(), cleanedAt });
  const report = () => {
    if (!win.isDestroyed()) win.webContents.send(BROWSER_CHANNEL, state());
  };
  for (const e of ['did-navigate', 'did-navigate-in-page', 'page-title-updated', 'did-start-loading', 'did-stop-loading'] as const) contents.on(e as 'did-stop-loading', report);
  // Pop-ups open in the same view, where the investigator can see and capture them.
  contents.setWindowOpenHandler(({ url }) => {
    if (parseCaptureUrl(url).ok) void contents.loadURL(url);
    return { action: 'deny' };
  });

  ipcMain.handle(BROWSER_CHANNEL, async (event: IpcMainInvokeEvent, raw: unknown) => {
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null || !isAppPage(frame.url)) return { ok: false, error: { kind: 'refused', message: 'refused: not the app window' } };
    const parsed = BROWSER_COMMAND.safeParse(raw);
    if (!parsed.success) return { ok: false, error: { kind: 'invalid-input', message: z.prettifyError(parsed.error) } };
    const c = parsed.data;
    try {
      switch (c.op) {
        case 'go': {
          const url = parseCaptureUrl(c.url);
          if (!url.ok) return { ok: false, error: { kind: 'refused', message: url.error.reason } };
          await contents.loadURL(url.value.href);
          break;
        }
        case 'back':
          contents.navigationHistory.goBack();
          break;
        case 'forward':
          contents.navigationHistory.goForward();
          break;
        case 'reload':
          contents.reload();
          break;
        case 'clean': {
          const s = session.fromPartition(BROWSER_PARTITION);
          await s.clearCache();
          await s.clearStorageData();
          await s.clearAuthCache();
          cleanedAt = new Date().toISOString();
          break;
        }
        case 'show':
          if (!attached) win.contentView.addChildView(view);
          attached = true;
          view.setBounds(c.bounds);
          break;
        case 'hide':
          if (attached) win.contentView.removeChildView(view);
          attached = false;
          break;
        case 'capture': {
          const current = parseCaptureUrl(contents.getURL());
          if (!current.ok) return { ok: false, error: { kind: 'refused', message: 'Go to a web page first: there is nothing to capture.' } };
          const settings = await ws.settings();
          const { width, height } = view.getBounds();
          // Without a recording (the debugger was detached), the page is loaded again for the capture, and the record says so.
          const inPlace = recording ?? undefined;
          const cdp = inPlace ? dbg.cdp : debuggerSession(contents).cdp;
          const page = await capturePage(cdp, current.value, {
            bounds: DEFAULT_BOUNDS,
            ...(inPlace ? { inPlace } : {}),
            environment: {
              browser: { product: `Chrome/${process.versions.chrome}`, userAgent: contents.getUserAgent(), executablePath: process.execPath, source: 'the desktop app browser panel (Electron)' },
              viewport: { width, height, deviceScaleFactor: win.webContents.getZoomFactor() },
              proxy: null,
              trustedSpki: [],
              profile: cleanedAt ? { kind: 'clean' } : { kind: 'persistent', name: 'desktop browser panel' },
              investigator: { name: settings.investigator, organisation: settings.organisation },
              clock: await clock.get(settings.ntpServers),
            },
          });
          page.provenance.browserPanel = {
            sessionCleanedAt: cleanedAt,
            note: inPlace
              ? 'captured on the investigator’s own tab as it was on screen, not loaded again; its network recorded since the page was opened'
              : 'captured on the investigator’s own tab: the page was loaded again for the capture, in the same session',
          };
          if (!inPlace) void record();
          const stored = await sealPageCapture(ws, page, { caseRef: c.caseRef, note: c.note });
          report();
          const captured: BrowserCaptured = { id: stored.record.id, outcome: stored.page.outcome, filing: stored.record.filing };
          return { ok: true, value: captured };
        }
      }
      report();
      return { ok: true, value: state() };
    } catch (e) {
      return { ok: false, error: { kind: 'failed', message: e instanceof Error ? e.message : String(e) } };
    }
  });
}
