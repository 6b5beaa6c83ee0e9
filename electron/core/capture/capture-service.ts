import { join } from 'node:path';
import type { CaptureRecord, Filing } from '../workspace/capture-record.js';
import type { Db } from '../workspace/db.js';
import { captureFiler } from '../catalogue/capture-filer.js';
import type { Settings } from '../workspace/settings.js';
import type { Workspace } from '../workspace/workspace.js';
import { err, ok, type Result } from '../util/result.js';
import { findBrowser, type BrowserChoice } from './browser/find-browser.js';
import { loadPlaywright, PlaywrightBrowser, type LaunchOptions } from './browser/playwright-browser.js';
import { AddressGuard, type AddressPolicy } from './address-guard.js';
import { withTimeout } from './cdp.js';
import { capturePage, DEFAULT_BOUNDS, type CaptureBounds, type PageCapture } from './capture-page.js';
import { parseCaptureUrl, type UrlRefusal } from './url-policy.js';
import { extractCapturedPage } from './extraction-step.js';
import { checkSessionClock, type ClockRecord } from '../timestamp/clock.js';

export interface CaptureRequest {
  urls: readonly string[];
  caseRef?: string;
  /** MARKETPLACE:ID */
  seller?: { marketplace: string; sellerKey: string };
  note?: string;
  proxy?: string;
  profile?: string;
  browserPath?: string;
  concurrency?: number;
  bounds?: Partial<CaptureBounds>;
  viewport?: { width: number; height: number; deviceScaleFactor: number };
  /** see LaunchOptions.trustedSpki */
  trustedSpki?: string[];
  /** see LaunchOptions.rendererHeapMb */
  rendererHeapMb?: number;
  /** what counts as this machine or its network, for blocking a public page's requests there (tests declare their server public) */
  addressPolicy?: AddressPolicy;
  onCaptured?: (c: StoredCapture) => void | Promise<void>;
}

export interface StoredCapture {
  record: CaptureRecord;
  page: PageCapture;
  /** time to hash, sign and store it, ms */
  sealMs: number;
}

export type CaptureSetupError =
  | { kind: 'refused-urls'; refusals: UrlRefusal[] }
  | { kind: 'bad-proxy'; proxy: string; reason: string }
  | { kind: 'bad-profile'; profile: string }
  | { kind: 'no-browser'; message: string }
  | { kind: 'browser-launch'; message: string };

/** After a cancel, what the capture gathered is sealed if it comes back within this; else nothing is kept. */
const CANCEL_MS = 5_000;

/** Rejects when the signal aborts (never, without one); dispose() stops listening. */
function abortPromise(signal: AbortSignal | undefined): { promise: Promise<never>; dispose(): void } {
  let dispose = () => undefined as void;
  const promise = new Promise<never>((_, reject) => {
    if (!signal) return;
    const onAbort = () => reject(new Error('cancelled'));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    dispose = () => signal.removeEventListener('abort', onAbort);
  });
  // Not awaited when the capture wins the race.
  promise.catch(() => undefined);
  return { promise, dispose: () => dispose() };
}

/** Opening a tab is the browser's own work, not the page's: a browser that takes longer is wedged. */
const TAB_OPEN_MS = 30_000;

export const DEFAULT_VIEWPORT = { width: 1366, height: 900, deviceScaleFactor: 1 };
const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** Checked before any browser starts: a bad URL list changes nothing. */
export function checkRequest(req: CaptureRequest): Result<URL[], CaptureSetupError> {
  const urls: URL[] = [];
  const refusals: UrlRefusal[] = [];
  for (const u of req.urls) {
    const parsed = parseCaptureUrl(u);
    if (parsed.ok) urls.push(parsed.value);
    else refusals.push(parsed.error);
  }
  if (refusals.length > 0) return err({ kind: 'refused-urls', refusals });
  if (req.proxy !== undefined) {
    try {
      const p = new URL(req.proxy);
      if (!['http:', 'https:', 'socks4:', 'socks5:'].includes(p.protocol)) return err({ kind: 'bad-proxy', proxy: req.proxy, reason: 'use http://, https://, socks4:// or socks5://' });
    } catch {
      return err({ kind: 'bad-proxy', proxy: req.proxy, reason: 'not a URL (e.g. http://proxy.example:3128 or socks5://127.0.0.1:1080)' });
    }
  }
  if (req.profile !== undefined && !PROFILE_NAME.test(req.profile)) return err({ kind: 'bad-profile', profile: req.profile });
  return ok(urls);
}

/**
 * A browser ready to capture into a workspace: one per batch. Each capture
 * runs on its own tab (in a fresh context unless a persistent profile is
 * chosen) and is sealed into the workspace, whatever its outcome.
 */
export class CaptureSession {
  /** the browser's product and user agent: the same for every tab of this session */
  private version: { userAgent: string; product: string } | undefined;

  /** the browser new captures start on; replaced when it dies or a capture had to give its page up */
  private browser: PlaywrightBrowser;
  private relaunching: Promise<PlaywrightBrowser> | null = null;
  private readonly retired = new Set<PlaywrightBrowser>();

  private constructor(
    private readonly ws: Workspace,
    private readonly req: CaptureRequest,
    browser: PlaywrightBrowser,
    private readonly launchOptions: LaunchOptions,
    private readonly browserChoice: { path: string; source: string },
    private readonly investigator: { name: string; organisation: string },
    private readonly clock: ClockRecord,
  ) {
    this.browser = browser;
  }

  static async open(ws: Workspace, req: Omit<CaptureRequest, 'urls'>): Promise<Result<CaptureSession, CaptureSetupError>> {
    const checked = checkRequest({ ...req, urls: [] });
    if (!checked.ok) return checked;
    const settings = await ws.settings();
    const found = await chooseBrowser(settings, req.browserPath);
    if (!found.ok) return err({ kind: 'no-browser', message: found.error });
    const viewport = req.viewport ?? DEFAULT_VIEWPORT;
    // Checked while the browser starts: the session's clock, once, bounded to about a second.
    const clock = checkSessionClock(settings.ntpServers);
    const launchOptions: LaunchOptions = {
      executablePath: found.value.path,
      viewport: { width: viewport.width, height: viewport.height },
      deviceScaleFactor: viewport.deviceScaleFactor,
      ...(req.proxy ? { proxy: req.proxy } : {}),
      ...(req.trustedSpki ? { trustedSpki: req.trustedSpki } : {}),
      ...(req.profile ? { profileDir: join(ws.dir, 'profiles', req.profile) } : {}),
      ...(req.rendererHeapMb ? { rendererHeapMb: req.rendererHeapMb } : {}),
    };
    let browser: PlaywrightBrowser;
    try {
      browser = await PlaywrightBrowser.launch(launchOptions);
    } catch (e) {
      return err({ kind: 'browser-launch', message: `${found.value.path} did not start: ${(e as Error).message.split('\n')[0]}` });
    }
    return ok(new CaptureSession(ws, { ...req, urls: [] }, browser, launchOptions, found.value, { name: settings.investigator, organisation: settings.organisation }, await clock));
  }

  /** signal: the investigator's cancel; the page is given up at once and what was gathered sealed as partial (cancelled) */
  async capture(url: URL, signal?: AbortSignal): Promise<StoredCapture> {
    return sealPageCapture(this.ws, await this.capturePage(url, signal), this.req);
  }

  /**
   * The page captured on a fresh tab, not yet sealed: for callers that add to
   * what is stored with it. It ends whatever the page does: past the
   * capture's deadline the page is given up, and a tab that will not close
   * takes its browser down with it; the next capture starts on a fresh one.
   */
  async capturePage(url: URL, signal?: AbortSignal): Promise<PageCapture> {
    const req = this.req;
    const viewport = req.viewport ?? DEFAULT_VIEWPORT;
    const bounds = { ...DEFAULT_BOUNDS, ...req.bounds };
    const browser = await this.healthyBrowser();
    const tab = await browser.openTab(TAB_OPEN_MS).catch(async () => {
      // A browser that cannot open a tab is wedged: one fresh browser is tried.
      this.retire(browser);
      return (await this.healthyBrowser()).openTab(TAB_OPEN_MS);
    });
    let page: PageCapture;
    let lost = false;
    try {
      this.version ??= await withTimeout(tab.cdp.send<{ userAgent: string; product: string }>('Browser.getVersion'), bounds.stepMs, 'asking the browser its version');
      const version = this.version;
      const guard = await AddressGuard.forPage(url, req.addressPolicy);
      const capturing = capturePage(tab.cdp, url, {
        bounds,
        ...(guard ? { addressGuard: guard } : {}),
        ...(signal ? { signal } : {}),
        environment: {
          browser: { product: version.product || this.browser.version, userAgent: version.userAgent, executablePath: this.browserChoice.path, source: this.browserChoice.source },
          viewport,
          proxy: req.proxy ?? null,
          trustedSpki: req.trustedSpki ?? [],
          profile: req.profile ? { kind: 'persistent', name: req.profile } : { kind: 'clean' },
          investigator: this.investigator,
          clock: this.clock,
        },
      });
      // Every browser call in the capture is bounded by its deadline; should one still hang, the
      // browser is taken down, which ends every call on it, and what was gathered is sealed.
      // A cancel does not wait for the page: its browser is taken down, which ends every call on it at once.
      const cancelled = abortPromise(signal);
      page = await withTimeout(Promise.race([capturing, cancelled.promise]), bounds.captureMs + bounds.closeMs, 'the capture')
        .catch(async () => {
          lost = true;
          browser.kill();
          return withTimeout(capturing, signal?.aborted ? CANCEL_MS : bounds.closeMs, 'the capture, after its browser was taken down');
        })
        .finally(cancelled.dispose);
      lost ||= page.partialReasons.some((r) => r === 'unresponsive' || r === 'renderer-crashed' || r === 'deadline');
    } finally {
      const closed = await tab.close(bounds.closeMs);
      if (!closed || lost || !browser.healthy) this.retire(browser);
    }
    return page;
  }

  async close(): Promise<void> {
    await Promise.all([this.browser, ...this.retired].map((b) => b.close()));
  }

  private retire(browser: PlaywrightBrowser): void {
    browser.retire();
    this.retired.add(browser);
  }

  /** The browser to start a capture on: the current one, or a fresh one if it died or was given up. */
  private async healthyBrowser(): Promise<PlaywrightBrowser> {
    if (this.browser.healthy) return this.browser;
    this.retire(this.browser);
    this.relaunching ??= PlaywrightBrowser.launch(this.launchOptions).finally(() => {
      this.relaunching = null;
    });
    const fresh = await this.relaunching;
    this.browser = fresh;
    return fresh;
  }
}

/** The browser captures use: the one given for this run, else the workspace's choice, else one found on this machine. */
export async function chooseBrowser(settings: Pick<Settings, 'browserPath'>, flag: string | undefined): Promise<Result<BrowserChoice, string>> {
  const { chromium } = await loadPlaywright();
  return findBrowser(flag, process.env, () => chromium.executablePath(), process.platform, settings.browserPath || undefined);
}

/** Captures every URL, `concurrency` at a time, after checking them all. */
export async function captureUrls(ws: Workspace, req: CaptureRequest): Promise<Result<StoredCapture[], CaptureSetupError>> {
  const checked = checkRequest(req);
  if (!checked.ok) return checked;
  const opened = await CaptureSession.open(ws, req);
  if (!opened.ok) return opened;
  const session = opened.value;
  try {
    const urls = checked.value;
    const results: StoredCapture[] = new Array<StoredCapture>(urls.length);
    let next = 0;
    const worker = async () => {
      while (next < urls.length) {
        const i = next++;
        results[i] = await session.capture(urls[i]!);
        await req.onCaptured?.(results[i]!);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(req.concurrency ?? 1, urls.length)) }, worker));
    return ok(results);
  } finally {
    await session.close();
  }
}

export interface SealRequest {
  note?: string | undefined;
  caseRef?: string | undefined;
  seller?: { marketplace: string; sellerKey: string } | undefined;
  /** the page as already read by extractCapturedPage, when the caller needed it first */
  read?: ReturnType<typeof extractCapturedPage>;
  /** more to record in the capture's own transaction, after it is filed (a re-capture's classification) */
  then?: (tx: Db, captureId: string, filing: Filing) => Promise<void>;
}

/**
 * What happens to every page capture, whichever browser made it (headless
 * Chromium here, the desktop app's own tab there): the listing is read off
 * it, and it is hashed, signed, stored and filed in one transaction.
 */
export async function sealPageCapture(ws: Workspace, page: PageCapture, req: SealRequest): Promise<StoredCapture> {
  if (req.note) page.provenance.note = req.note;
  const t0 = performance.now();
  const read = req.read ?? extractCapturedPage(page);
  const filer = captureFiler({ ...read, outcome: page.outcome, url: page.finalUrl ?? page.requestedUrl, startedAt: page.startedAt, caseRef: req.caseRef, seller: req.seller });
  const then = req.then;
  let filing: Filing = { listingId: null, sellerId: null, caseId: null };
  const record = await ws.recordCapture({
    ...page,
    filer: then
      ? {
          place: async (tx) => (filing = await filer.place(tx)),
          index: async (tx, captureId) => {
            await filer.index(tx, captureId);
            await then(tx, captureId, filing);
          },
        }
      : filer,
  });
  return { record, page, sealMs: Math.round(performance.now() - t0) };
}
