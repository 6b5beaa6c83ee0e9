import type { Browser, BrowserContext, CDPSession, Page } from 'playwright';
import { drop } from '../../util/drop.js';
import { withTimeout, type CdpSession } from '../cdp.js';

export interface LaunchOptions {
  executablePath: string;
  /** e.g. http://proxy.example:8080 or socks5://127.0.0.1:1080 */
  proxy?: string;
  /** a persistent, logged-in profile folder; absent means a fresh context per capture */
  profileDir?: string;
  viewport: { width: number; height: number };
  deviceScaleFactor: number;
  /**
   * Base64 SHA-256 of the public keys of certificates to accept although no
   * authority vouches for them (a TLS-inspecting corporate proxy, a test
   * server). Explicit and recorded in the environment: never a silent bypass.
   */
  trustedSpki?: string[];
  /** each renderer's JavaScript heap, MB: a page that hogs memory crashes its own tab, not the machine */
  rendererHeapMb?: number;
}

export interface CaptureTab {
  cdp: CdpSession;
  profile: 'clean' | 'persistent';
  /** Closes the tab within ms; false when it did not close (the browser should then be taken down). */
  close(ms?: number): Promise<boolean>;
}

export const DEFAULT_RENDERER_HEAP_MB = 2048;

/**
 * Chromium features turned off for captures. Chromium keeps the last
 * --disable-features it is given, so this list replaces Playwright's own
 * (test-automation) list rather than adding to it: it names everything a
 * capture needs off. Off: what makes requests of the browser's own (hints,
 * network time, search preconnects, AI mode, Lens, translation, casting),
 * profile teardown, and the CORS loader restart that aborts preflighted
 * cross-origin redirects while requests are intercepted (Chromium 155+; the
 * network recorder intercepts documents). Left on, as in the investigator's
 * own Chrome, so a page behaves in a capture as it does for the public:
 * third-party storage partitioning, HTTPS upgrades and paint holding
 * (Playwright turns these off for its tests).
 */
export const DISABLED_FEATURES = [
  'Translate',
  'OptimizationHints',
  'MediaRouter',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'LensOverlay',
  'DestroyProfileOnBrowserClose',
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'AvoidCorsURLLoaderRestartOnRedirect',
] as const;

/**
 * Flags that keep the browser from making requests of its own (updates,
 * sync, field trials), so the network log holds only what the page did.
 * The sandbox stays on except as root, where Chromium refuses to start with it.
 */
export function chromiumArgs(rendererHeapMb = DEFAULT_RENDERER_HEAP_MB): string[] {
  const args = [`--js-flags=--max-old-space-size=${rendererHeapMb}`, '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-default-apps', `--disable-features=${DISABLED_FEATURES.join(',')}`];
  if (process.getuid?.() === 0) args.unshift('--no-sandbox');
  return args;
}

/** Headless Chromium driven by Playwright: the driver for the CLI, batch and re-capture. */
export class PlaywrightBrowser {
  private openTabs = 0;
  private connected = true;
  private retired = false;

  private constructor(
    private readonly options: LaunchOptions,
    private readonly browser: Browser | null,
    private readonly persistent: BrowserContext | null,
    readonly version: string,
    /** the browser's own process, leader of its process group (Playwright starts it detached) */
    private readonly pid: number | null,
  ) {
    const onGone = () => {
      this.connected = false;
    };
    if (browser) browser.on('disconnected', onGone);
    else persistent?.on('close', onGone);
  }

  /** Still connected, and not given up: a new capture may start on it. */
  get healthy(): boolean {
    return this.connected && !this.retired;
  }

  static async launch(options: LaunchOptions): Promise<PlaywrightBrowser> {
    const { chromium } = await loadPlaywright();
    const common = {
      executablePath: options.executablePath,
      headless: true,
      args: [...chromiumArgs(options.rendererHeapMb), ...(options.trustedSpki?.length ? [`--ignore-certificate-errors-spki-list=${options.trustedSpki.join(',')}`] : [])],
      // Everything goes through the proxy, loopback included: what is captured is what the proxy's country sees.
      ...(options.proxy ? { proxy: { server: options.proxy, bypass: '<-loopback>' } } : {}),
    };
    if (options.profileDir) {
      const context = await chromium.launchPersistentContext(options.profileDir, { ...common, ...contextOptions(options) });
      guard(context);
      const page = context.pages()[0] ?? (await context.newPage());
      const pid = await browserPid(await context.newCDPSession(page));
      return new PlaywrightBrowser(options, null, context, context.browser()?.version() ?? 'unknown', pid);
    }
    const browser = await chromium.launch(common);
    return new PlaywrightBrowser(options, browser, null, browser.version(), await browserPid(await browser.newBrowserCDPSession()));
  }

  /** A new tab; in a fresh context of its own unless a persistent profile is in use. */
  async openTab(ms = 30_000): Promise<CaptureTab> {
    this.openTabs++;
    let context: BrowserContext | null = null;
    try {
      const opened = await withTimeout(
        (async () => {
          context = this.persistent ?? (await this.browser!.newContext(contextOptions(this.options)));
          if (!this.persistent) guard(context);
          const page = await context.newPage();
          return { context, page, session: await context.newCDPSession(page) };
        })(),
        ms,
        'opening a tab',
      );
      const { page, session } = opened;
      let closed = false;
      return {
        cdp: adapt(session),
        profile: this.persistent ? 'persistent' : 'clean',
        close: async (closeMs = 10_000) => {
          if (closed) return true;
          closed = true;
          // Each call bounded: a renderer stuck in a script never answers a detach or a close.
          const ok = await withTimeout(
            (async () => {
              await session.detach().catch(() => undefined);
              await page.close({ runBeforeUnload: false }).catch(() => undefined);
              if (!this.persistent) await opened.context.close().catch(() => undefined);
            })(),
            closeMs,
            'closing the tab',
          ).then(
            () => true,
            () => false,
          );
          this.tabEnded();
          return ok;
        },
      };
    } catch (e) {
      if (context && !this.persistent) drop((context as BrowserContext).close());
      this.tabEnded();
      throw e;
    }
  }

  /**
   * No new capture starts on this browser; it is taken down as soon as the
   * captures still running on it have ended (they are bounded).
   */
  retire(): void {
    this.retired = true;
    if (this.openTabs === 0) this.kill();
  }

  /** Closes the browser within ms, and kills its whole process group if it has not gone by then. */
  async close(ms = 10_000): Promise<void> {
    this.retired = true;
    const target = this.persistent ?? this.browser;
    const closed = await withTimeout(Promise.resolve(target?.close()), ms, 'closing the browser').then(
      () => true,
      () => false,
    );
    if (!closed) this.kill();
  }

  /** Kills the browser and every process it started: they share its process group. */
  kill(): void {
    this.connected = false;
    if (this.pid === null) return;
    for (const target of process.platform === 'win32' ? [this.pid] : [-this.pid, this.pid]) {
      try {
        process.kill(target, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }

  private tabEnded(): void {
    this.openTabs--;
    if (this.retired && this.openTabs === 0) this.kill();
  }
}

/** The browser process's id, as the browser itself reports it. */
async function browserPid(session: CDPSession): Promise<number | null> {
  try {
    const info = await withTimeout(session.send('SystemInfo.getProcessInfo'), 10_000, 'asking the browser for its process');
    const pid = info.processInfo.find((p) => p.type === 'browser')?.id ?? null;
    await session.detach().catch(() => undefined);
    return pid;
  } catch {
    return null;
  }
}

function contextOptions(o: LaunchOptions) {
  return { viewport: o.viewport, deviceScaleFactor: o.deviceScaleFactor, acceptDownloads: false, ignoreHTTPSErrors: false, serviceWorkers: 'block' as const };
}

/** Pop-ups are closed as they open; the engine records that they were attempted. */
function guard(context: BrowserContext): void {
  context.on('page', (page: Page) => {
    drop(page.opener().then((opener) => (opener ? page.close() : undefined)));
  });
}

function adapt(session: CDPSession): CdpSession {
  return {
    send: <T>(method: string, params?: Record<string, unknown>) => (session.send as (m: string, p?: Record<string, unknown>) => Promise<T>)(method, params),
    on: (event, handler) => {
      const s = session as unknown as { on(e: string, h: (p: unknown) => void): void; off(e: string, h: (p: unknown) => void): void };
      s.on(event, handler);
      return () => s.off(event, handler);
    },
  };
}

/**
 * Playwright takes a fifth of a second to load: only commands that capture
 * pay for it, not verify, log or show.
 */
export function loadPlaywright(): Promise<typeof import('playwright')> {
  return import('playwright');
}
