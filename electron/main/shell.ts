import { join } from 'node:path';
import { app, BrowserWindow, dialog, Menu, shell } from 'electron';
import { z } from 'zod';
import { dispatch } from '../core/api/dispatch.js';
import { apiHandlers } from '../core/api/handlers.js';
import { LongWork } from '../core/api/long-work.js';
import { RecaptureScheduler } from '../core/watch/scheduler.js';
import { BackgroundStamper } from '../core/timestamp/background-stamper.js';
import { servePorts } from '../core/workspace/serve-runtime.js';
import { logWarning } from '../core/util/log.js';
import { Workspace } from '../core/workspace/workspace.js';
import { APP_PAGE, isAppPage } from './app-page.js';
import { registerSchemes, serveRenderer } from './app-protocol.js';
import { serveArtifacts } from './artifact-protocol.js';
import { mountBrowserPanel } from './browser-panel.js';
import { CHANNEL, handleFromApp } from './ipc.js';
import type { NavigationContext } from './navigation-policy.js';
import { hardenApp } from './security.js';
import { loadWindowState, saveWindowState } from './window-state.js';

/** While the app is open it re-captures what watch rules make due, looking this often. */
const WATCH_EVERY_MS = 60_000;

export interface ShellOptions {
  /** the renderer's built folder (index.html and its assets), served as app://exhibit/ */
  renderer: string;
  /** the built preload script (CommonJS) */
  preload: string;
  workspaceDir: string;
}

export type ShellStarted =
  /** another Exhibit holds the single-instance lock: it was told (second-instance) and this one quits */
  | { kind: 'second-instance' }
  | { kind: 'started'; win: BrowserWindow; ws: Workspace; recapture: RecaptureScheduler; quit: Promise<void> };

/**
 * The desktop shell: owns the workspace and the capture engine; the window
 * shows the renderer, sandboxed, talking to the shell over IPC through one
 * validated wrapper (ipc.ts): the API channel, the browser panel's channel
 * and the menu's. The same core runs under the CLI and `exhibit serve`.
 */
export async function startShell(o: ShellOptions): Promise<ShellStarted> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return { kind: 'second-instance' };
  }
  registerSchemes();
  await app.whenReady();
  // The panel never opens an `exhibit serve` of this workspace, even one started after the app.
  const navigation: NavigationContext = { isAppPage, refusedLocalPorts: () => servePorts(o.workspaceDir) };
  hardenApp(navigation);
  const first = await Workspace.open(o.workspaceDir);
  const opened = !first.ok && first.error.kind === 'not-found' ? await Workspace.init(o.workspaceDir) : first;
  if (!opened.ok) throw new Error(`the workspace ${o.workspaceDir} cannot be opened: ${opened.error.kind}`);
  const ws = opened.value;
  const recapture = new RecaptureScheduler(ws, { everyMs: WATCH_EVERY_MS, trigger: 'app' });
  const work = new LongWork();
  // Captures are stamped as they are stored; what waits (made offline) is retried every minute.
  const stamper = new BackgroundStamper(ws, { retryEveryMs: 60_000 });
  stamper.poke();
  // A dossier opens in the system's reader or is shown in its folder: by the path its custody entry records.
  // A capture's file is saved where the user says in the system's own dialog, never at a path the page sends.
  let mainWindow: BrowserWindow | null = null;
  const desktop = {
    open: (path: string) => shell.openPath(path),
    showInFolder: (path: string) => shell.showItemInFolder(path),
    chooseSavePath: async (suggestedName: string) => {
      const options = { defaultPath: join(app.getPath('downloads'), suggestedName) };
      const chosen = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
      return chosen.canceled || !chosen.filePath ? null : chosen.filePath;
    },
  };
  const handlers = apiHandlers(ws, { recapture, work, stamper, desktop });
  // The operation and its arguments are parsed by the same dispatch the HTTP transport uses.
  handleFromApp(CHANNEL.api, z.tuple([z.unknown(), z.unknown().optional()]), isAppPage, ([op, args]) => dispatch(handlers, op, args, 'desktop'));
  recapture.start();
  serveArtifacts(ws);
  serveRenderer(o.renderer);

  const statePath = join(app.getPath('userData'), 'window-state.json');
  const state = await loadWindowState(statePath);
  const win = new BrowserWindow({
    ...state,
    show: false,
    title: 'Exhibit',
    webPreferences: {
      preload: o.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      // A middle click must not open a window the handlers above never see.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  mainWindow = win;
  if (state.maximized) win.maximize();
  mountBrowserPanel(win, ws, navigation);
  win.once('ready-to-show', () => win.show());
  // Waited for before the app quits: a write cut short would lose the place (never damage it: the write is atomic).
  let saving: Promise<void> = Promise.resolve();
  const remember = () => {
    const b = win.getNormalBounds();
    saving = saveWindowState(statePath, { x: b.x, y: b.y, width: b.width, height: b.height, maximized: win.isMaximized() });
  };
  win.on('close', remember);
  app.on('second-instance', () => {
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  const menu = (command: string) => () => win.webContents.send(CHANNEL.menu, command);
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      { role: 'fileMenu' },
      { role: 'editMenu' },
      {
        label: 'Capture',
        submenu: [
          { label: 'Capture this page', accelerator: 'CmdOrCtrl+Shift+S', click: menu('capture-tab') },
          { label: 'Capture addresses…', click: menu('capture') },
        ],
      },
      { role: 'viewMenu' },
      { role: 'windowMenu' },
    ]),
  );
  const quit = new Promise<void>((resolve) => {
    app.on('window-all-closed', () => {
      // The pages being re-captured are finished and stored if they can be soon; a run cut short resumes next time.
      // A dossier being made is cancelled and its partial file removed; a verification stops.
      void Promise.all([recapture.stop({ waitMs: 15_000 }), work.stop(), stamper.close(), saving])
        .then(() => ws.close())
        .catch((e: unknown) => logWarning('quit', 'closing the workspace and its background work failed; the app quits all the same', e))
        .finally(() => {
          app.quit();
          resolve();
        });
    });
  });
  await win.loadURL(APP_PAGE);
  return { kind: 'started', win, ws, recapture, quit };
}
