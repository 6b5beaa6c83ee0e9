import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, Menu } from 'electron';
import { apiHandlers } from '../core/api/handlers.js';
import { LongWork } from '../core/api/long-work.js';
import { RecaptureScheduler } from '../core/watch/scheduler.js';
import { BackgroundStamper } from '../core/timestamp/background-stamper.js';
import { defaultWorkspaceDir } from '../core/workspace/location.js';
import { Workspace } from '../core/workspace/workspace.js';
import { registerArtifactScheme, serveArtifacts } from './artifact-protocol.js';
import { mountBrowserPanel } from './browser-panel.js';
import { serveApiOverIpc } from './ipc.js';
import { hardenApp } from './security.js';
import { loadWindowState, saveWindowState } from './window-state.js';

const RENDERER = fileURLToPath(new URL('../../renderer/index.html', import.meta.url));
const APP_PAGE = pathToFileURL(RENDERER).href;
const isAppPage = (url: string) => url === APP_PAGE || url.startsWith(`${APP_PAGE}#`);
/** While the app is open it re-captures what watch rules make due, looking this often. */
const WATCH_EVERY_MS = 60_000;

/**
 * The desktop shell: owns the workspace and the capture engine; the window
 * shows the renderer, sandboxed, talking only to the API over one IPC
 * channel. The same core runs under the CLI and `exhibit serve`.
 */
async function main(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  registerArtifactScheme();
  await app.whenReady();
  hardenApp(isAppPage);
  const dir = process.env.EXHIBIT_WORKSPACE || defaultWorkspaceDir();
  const first = await Workspace.open(dir);
  const opened = !first.ok && first.error.kind === 'not-found' ? await Workspace.init(dir) : first;
  if (!opened.ok) throw new Error(`the workspace ${dir} cannot be opened: ${opened.error.kind}`);
  const ws = opened.value;
  const recapture = new RecaptureScheduler(ws, { everyMs: WATCH_EVERY_MS, trigger: 'app' });
  const work = new LongWork();
  // Captures are stamped as they are stored; what waits (made offline) is retried every minute.
  const stamper = new BackgroundStamper(ws, { retryEveryMs: 60_000 });
  stamper.poke();
  serveApiOverIpc(apiHandlers(ws, { recapture, work, stamper }), isAppPage);
  recapture.start();
  serveArtifacts(ws);

  const statePath = join(app.getPath('userData'), 'window-state.json');
  const state = await loadWindowState(statePath);
  const win = new BrowserWindow({
    ...state,
    show: false,
    title: 'Exhibit',
    webPreferences: {
      preload: fileURLToPath(new URL('./preload.cjs', import.meta.url)),
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
  if (state.maximized) win.maximize();
  mountBrowserPanel(win, ws, isAppPage);
  win.once('ready-to-show', () => win.show());
  const remember = () => {
    const b = win.getNormalBounds();
    void saveWindowState(statePath, { x: b.x, y: b.y, width: b.width, height: b.height, maximized: win.isMaximized() }).catch(() => undefined);
  };
  win.on('close', remember);
  app.on('second-instance', () => {
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      { role: 'fileMenu' },
      { role: 'editMenu' },
      {
        label: 'Capture',
        submenu: [
          { label: 'Capture this page', accelerator: 'CmdOrCtrl+Shift+S', click: () => win.webContents.send('exhibit:menu', 'capture-tab') },
          { label: 'Capture addresses…', click: () => win.webContents.send('exhibit:menu', 'capture') },
        ],
      },
      { role: 'viewMenu' },
      { role: 'windowMenu' },
    ]),
  );
  await win.loadFile(RENDERER);
  app.on('window-all-closed', () => {
    // The pages being re-captured are finished and stored if they can be soon; a run cut short resumes next time.
    // A dossier being made is cancelled and its partial file removed; a verification stops.
    void Promise.all([recapture.stop({ waitMs: 15_000 }), work.stop(), stamper.close()])
      .then(() => ws.close())
      .finally(() => app.quit());
  });
}

main().catch((e: unknown) => {
  process.stderr.write(`Exhibit could not start: ${(e as Error).message}\n`);
  app.exit(2);
});
