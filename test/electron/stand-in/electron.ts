import { EventEmitter } from 'node:events';
import { createReadStream, mkdirSync, promises as fs } from 'node:fs';
import { Readable } from 'node:stream';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright';
import { StandInIpcMain } from './ipc-main.js';
import { closeProxies, proxyScheme } from './scheme-proxy.js';
import { StandInSession } from './session.js';
import { StandInEvent, StandInWebContents } from './web-contents.js';

/*
 * A stand-in for the `electron` module, for tests where no Electron binary
 * exists: the shell's real modules (electron/main) run against it, and every
 * webContents is a real Chromium page (Playwright). It implements what the
 * shell uses, as Electron documents it, and records what has no page to show
 * (dialogs, shell.openExternal, the menu). Tests load it in place of
 * `electron` with vi.mock('electron', () => import('./stand-in/electron.js')).
 */

const BROWSER = process.env.EXHIBIT_CHROMIUM ?? '/usr/bin/chromium';

let browser: Promise<Browser> | null = null;
const launch = () =>
  (browser ??= chromium.launch({
    executablePath: BROWSER,
    // No back/forward cache, so going back is a navigation, as the shell's events expect.
    args: ['--no-sandbox', '--disable-gpu', '--disable-features=BackForwardCache'],
  }));

const contents = new Set<StandInWebContents>();
const contentsOf = (page: Page) => [...contents].find((c) => c.page === page);
const sessions = new Map<string, StandInSession>();

export const ipcMain = new StandInIpcMain();

interface AppState {
  ready: boolean;
  lockHeld: boolean;
  quitCount: number;
  userData: string;
  exitCode: number | null;
}
const state: AppState = { ready: false, lockHeld: false, quitCount: 0, userData: '', exitCode: null };

class StandInApp extends EventEmitter {
  requestSingleInstanceLock(): boolean {
    if (state.lockHeld) {
      // Electron tells the instance holding the lock; the one asking gets false and quits.
      setImmediate(() => this.emit('second-instance', new StandInEvent(), [], process.cwd(), null));
      return false;
    }
    state.lockHeld = true;
    return true;
  }
  releaseSingleInstanceLock(): void {
    state.lockHeld = false;
  }
  async whenReady(): Promise<void> {
    await launch();
    state.ready = true;
  }
  isReady(): boolean {
    return state.ready;
  }
  getPath(name: string): string {
    if (name === 'downloads') return join(state.userData, 'Downloads');
    if (name !== 'userData') throw new Error(`the stand-in knows only app.getPath('userData') and 'downloads', not ${name}`);
    return state.userData;
  }
  quit(): void {
    state.quitCount++;
    this.emit('before-quit', new StandInEvent());
    this.emit('will-quit', new StandInEvent());
    this.emit('quit', new StandInEvent(), 0);
  }
  exit(code = 0): void {
    state.exitCode = code;
  }
}
export const app = new StandInApp();

const webContentsFor = (partition: string, prefs: Record<string, unknown>) => {
  const wc = new StandInWebContents(sessionFor(partition), prefs, ipcMain, (c) => app.emit('web-contents-created', new StandInEvent(), c));
  contents.add(wc);
  return wc;
};

function sessionFor(partition: string): StandInSession {
  let s = sessions.get(partition);
  if (!s) {
    s = new StandInSession(partition, launch, contentsOf);
    sessions.set(partition, s);
  }
  return s;
}

export const session = {
  get defaultSession() {
    return sessionFor('');
  },
  fromPartition: (partition: string) => sessionFor(partition),
};

interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export class WebContentsView {
  readonly webContents: StandInWebContents;
  private bounds: Bounds = { x: 0, y: 0, width: 0, height: 0 };
  constructor(o: { webPreferences?: { partition?: string; preload?: string } & Record<string, unknown> } = {}) {
    this.webContents = webContentsFor(o.webPreferences?.partition ?? '', o.webPreferences ?? {});
  }
  setBounds(b: Bounds): void {
    this.bounds = { ...b };
    if (b.width > 0 && b.height > 0) void this.webContents.ready.then((p) => p.setViewportSize({ width: b.width, height: b.height })).catch(() => undefined);
  }
  getBounds(): Bounds {
    return { ...this.bounds };
  }
}

const windows = new Set<BrowserWindow>();

export class BrowserWindow extends EventEmitter {
  static getAllWindows(): BrowserWindow[] {
    return [...windows];
  }
  readonly webContents: StandInWebContents;
  readonly contentView = {
    children: [] as WebContentsView[],
    addChildView: (v: WebContentsView) => {
      if (!this.contentView.children.includes(v)) this.contentView.children.push(v);
    },
    removeChildView: (v: WebContentsView) => {
      this.contentView.children = this.contentView.children.filter((c) => c !== v);
    },
  };
  private bounds: Bounds;
  private maximized = false;
  private minimized = false;
  private destroyed = false;
  visible: boolean;
  focusCount = 0;

  constructor(o: Partial<Bounds> & { show?: boolean; title?: string; webPreferences?: Record<string, unknown> } = {}) {
    super();
    if (!state.ready) throw new Error('Cannot create BrowserWindow before app is ready');
    this.bounds = { x: o.x ?? 0, y: o.y ?? 0, width: o.width ?? 800, height: o.height ?? 600 };
    this.visible = o.show ?? true;
    this.webContents = webContentsFor('', o.webPreferences ?? {});
    this.webContents.once('did-stop-loading', () => this.emit('ready-to-show', new StandInEvent()));
    windows.add(this);
  }
  loadFile(path: string): Promise<void> {
    return this.webContents.loadURL(pathToFileURL(path).href);
  }
  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url);
  }
  show(): void {
    this.visible = true;
  }
  isVisible(): boolean {
    return this.visible;
  }
  maximize(): void {
    this.maximized = true;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  minimize(): void {
    this.minimized = true;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
    this.maximized = false;
  }
  focus(): void {
    this.focusCount++;
  }
  setBounds(b: Partial<Bounds>): void {
    this.bounds = { ...this.bounds, ...b };
  }
  getBounds(): Bounds {
    return { ...this.bounds };
  }
  /** the bounds the window has when neither maximized nor minimized */
  getNormalBounds(): Bounds {
    return { ...this.bounds };
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** As the user closing it: 'close' (cancellable), 'closed', then the app's 'window-all-closed' when it was the last. */
  async close(): Promise<void> {
    const e = new StandInEvent();
    this.emit('close', e);
    if (e.defaultPrevented) return;
    this.destroyed = true;
    await this.webContents.close();
    windows.delete(this);
    this.emit('closed');
    if (windows.size === 0) app.emit('window-all-closed');
  }
}

type ProtocolHandler = (request: Request) => Response | Promise<Response>;
const schemes = { privileged: [] as { scheme: string; privileges: Record<string, unknown> }[], handlers: new Map<string, ProtocolHandler>() };

export const protocol = {
  registerSchemesAsPrivileged(list: { scheme: string; privileges: Record<string, unknown> }[]): void {
    if (state.ready) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    schemes.privileged.push(...list);
  },
  handle(scheme: string, handler: ProtocolHandler): void {
    if (schemes.handlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    schemes.handlers.set(scheme, handler);
    proxyScheme(scheme, handler);
  },
};

export const net = {
  /** file: as Electron's net.fetch reads it; everything else through Node's fetch */
  async fetch(url: string): Promise<Response> {
    if (!url.startsWith('file:')) return fetch(url);
    const path = fileURLToPath(url);
    await fs.access(path);
    return new Response(Readable.toWeb(createReadStream(path)) as ReadableStream);
  },
};

const recorded = { dialogs: [] as unknown[], external: [] as string[], opened: [] as string[], shownInFolder: [] as string[], menu: null as unknown, dialogAnswer: 1, saveDialogs: [] as { defaultPath?: string }[], saveAnswer: null as string | null };

export const dialog = {
  async showMessageBox(o: Record<string, unknown>): Promise<{ response: number; checkboxChecked: boolean }> {
    recorded.dialogs.push(o);
    return { response: recorded.dialogAnswer, checkboxChecked: false };
  },
  /** As Electron's: (window, options) or (options); answers with the path the test set, or cancelled. */
  async showSaveDialog(a: unknown, b?: { defaultPath?: string }): Promise<{ canceled: boolean; filePath: string }> {
    recorded.saveDialogs.push((b ?? a) as { defaultPath?: string });
    return { canceled: recorded.saveAnswer === null, filePath: recorded.saveAnswer ?? '' };
  },
};

export const shell = {
  async openExternal(url: string): Promise<void> {
    recorded.external.push(url);
  },
  async openPath(path: string): Promise<string> {
    recorded.opened.push(path);
    return '';
  },
  showItemInFolder(path: string): void {
    recorded.shownInFolder.push(path);
  },
};

export const Menu = {
  buildFromTemplate: (template: unknown[]) => ({ items: template }),
  setApplicationMenu: (menu: unknown) => (recorded.menu = menu),
};

/** The test's handle on the stand-in. */
export const standIn = {
  state,
  recorded,
  schemes,
  sessionFor,
  windows: () => [...windows],
  contents: () => [...contents],
  /** A request to a custom scheme, as Chromium would hand it to protocol.handle. */
  async fetchScheme(url: string): Promise<Response> {
    const handler = schemes.handlers.get(new URL(url).protocol.slice(0, -1));
    if (!handler) throw new Error(`no handler for ${url}`);
    return handler(new Request(url));
  },
  /** As a fresh launch of the app (the browser stays up between launches of one test file). */
  async relaunch(userData: string): Promise<void> {
    for (const w of windows) await w.close().catch(() => undefined);
    for (const c of contents) await c.close().catch(() => undefined);
    contents.clear();
    for (const s of sessions.values()) if (!s.partition.startsWith('persist:')) await s.close();
    for (const [k, s] of sessions) if (!s.partition.startsWith('persist:')) sessions.delete(k);
    app.removeAllListeners();
    ipcMain.reset();
    schemes.privileged.length = 0;
    schemes.handlers.clear();
    await closeProxies();
    // Electron makes the userData folder before the app's code runs.
    mkdirSync(userData, { recursive: true });
    Object.assign(state, { ready: false, lockHeld: false, quitCount: 0, userData, exitCode: null });
    Object.assign(recorded, { dialogs: [], external: [], menu: null, dialogAnswer: 1, saveDialogs: [], saveAnswer: null });
  },
  async shutdown(): Promise<void> {
    for (const s of sessions.values()) await s.close().catch(() => undefined);
    sessions.clear();
    contents.clear();
    windows.clear();
    await closeProxies();
    const b = browser;
    browser = null;
    if (b) await (await b).close();
  },
};
