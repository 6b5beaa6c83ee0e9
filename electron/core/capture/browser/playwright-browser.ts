import type { Browser, BrowserContext, CDPSession, Page } from 'playwright';
import { drop } from '../../util/drop.js';
import type { CdpSession } from '../cdp.js';

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
}

export interface CaptureTab {
  cdp: CdpSession;
  profile: 'clean' | 'persistent';
  close(): Promise<void>;
}

/**
 * Flags that keep the browser from making requests of its own (updates,
 * sync, field trials), so the network log holds only what the page did.
 * The sandbox stays on except as root, where Chromium refuses to start with it.
 */
export function chromiumArgs(): string[] {
  const args = ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-default-apps', '--disable-features=Translate,OptimizationHints,MediaRouter'];
  if (process.getuid?.() === 0) args.unshift('--no-sandbox');
  return args;
}

/** Headless Chromium driven by Playwright: the driver for the CLI, batch and re-capture. */
export class PlaywrightBrowser {
  private constructor(
    private readonly options: LaunchOptions,
    private readonly browser: Browser | null,
    private readonly persistent: BrowserContext | null,
    readonly version: string,
  ) {}

  static async launch(options: LaunchOptions): Promise<PlaywrightBrowser> {
    const { chromium } = await loadPlaywright();
    const common = {
      executablePath: options.executablePath,
      headless: true,
      args: [...chromiumArgs(), ...(options.trustedSpki?.length ? [`--ignore-certificate-errors-spki-list=${options.trustedSpki.join(',')}`] : [])],
      // Everything goes through the proxy, loopback included: what is captured is what the proxy's country sees.
      ...(options.proxy ? { proxy: { server: options.proxy, bypass: '<-loopback>' } } : {}),
    };
    if (options.profileDir) {
      const context = await chromium.launchPersistentContext(options.profileDir, { ...common, ...contextOptions(options) });
      guard(context);
      return new PlaywrightBrowser(options, null, context, context.browser()?.version() ?? 'unknown');
    }
    const browser = await chromium.launch(common);
    return new PlaywrightBrowser(options, browser, null, browser.version());
  }

  /** A new tab; in a fresh context of its own unless a persistent profile is in use. */
  async openTab(): Promise<CaptureTab> {
    const context = this.persistent ?? (await this.browser!.newContext(contextOptions(this.options)));
    if (!this.persistent) guard(context);
    const page = await context.newPage();
    const session = await context.newCDPSession(page);
    return {
      cdp: adapt(session),
      profile: this.persistent ? 'persistent' : 'clean',
      close: async () => {
        await session.detach().catch(() => undefined);
        await page.close().catch(() => undefined);
        if (!this.persistent) await context.close().catch(() => undefined);
      },
    };
  }

  async close(): Promise<void> {
    await (this.persistent ?? this.browser)?.close();
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
