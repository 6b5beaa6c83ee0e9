import { drop } from '../util/drop.js';
import type { ArtifactInput } from '../workspace/capture-record.js';
import type { JsonValue } from '../util/canonical-json.js';
import { withTimeout, type CdpSession } from './cdp.js';
import { detectBlocked } from './blocked.js';
import { environmentRecord, type EnvironmentInput } from './environment.js';
import { NetworkRecorder } from './network-recorder.js';
import { PARTIAL_REASON_TEXT, type CaptureOutcome, type PartialReason } from './outcome.js';
import { classifyCapture, mainDocumentChain } from './page-outcome.js';
import { PageHealth } from './steps/page-health.js';
import type { AddressGuard } from './address-guard.js';
import { buildHar } from './outputs/har.js';
import { buildWarc } from './outputs/warc.js';
import { readCertificates } from './steps/certificates.js';
import { loadPage, type LoadResult } from './steps/load.js';
import { captureMhtml, MAX_DOM_CHARS, readPageContent } from './steps/page-content.js';
import { fullPageScreenshot, viewportScreenshot } from './steps/screenshots.js';
import { settle } from './steps/settle.js';
import { StepLog } from './steps/step-log.js';
import type { TabRecording } from './tab-recording.js';

export interface CaptureBounds {
  navigationMs: number;
  loadMs: number;
  settleMs: number;
  quietMs: number;
  stepMs: number;
  /** the whole capture: past it the page is given up and what was gathered is sealed, partial */
  captureMs: number;
  /** closing the tab; past it the browser is taken down and the next capture gets a fresh one */
  closeMs: number;
}

export const DEFAULT_BOUNDS: CaptureBounds = { navigationMs: 30_000, loadMs: 30_000, settleMs: 15_000, quietMs: 500, stepMs: 60_000, captureMs: 180_000, closeMs: 10_000 };

export interface PageCaptureContext {
  bounds: CaptureBounds;
  environment: Omit<EnvironmentInput, 'started' | 'finished'>;
  /**
   * Capture the page as it is open in this tab, recorded since the tab
   * opened, instead of loading the URL: the desktop app's browser panel.
   */
  inPlace?: TabRecording;
  /** blocks a public page's requests to this machine and its network (absent: nothing blocked) */
  addressGuard?: AddressGuard;
  /** the investigator cancelled: no more steps on the page; what was gathered is sealed as partial (cancelled) */
  signal?: AbortSignal;
}

export interface PageCapture {
  requestedUrl: string;
  finalUrl: string | null;
  httpStatus: number | null;
  outcome: CaptureOutcome;
  /** why the capture is not whole (also in the provenance); empty when it is */
  partialReasons: PartialReason[];
  startedAt: string;
  finishedAt: string;
  artifacts: ArtifactInput[];
  provenance: { [key: string]: JsonValue };
}

const MIME_EXTENSIONS: Record<string, string> = { 'text/html': 'html', 'application/pdf': 'pdf', 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp', 'application/json': 'json', 'text/plain': 'txt', 'application/xhtml+xml': 'xhtml' };

/**
 * One capture on one browser tab, as a sequence of named steps: prepare →
 * load → settle → screenshots → page content → archives → certificates →
 * network log. Every step is bounded; what a step could not do is recorded
 * and makes the capture partial. Nothing here is Playwright-specific: the tab
 * is only a CDP session, so the desktop app runs the same code on its own tab.
 */
export async function capturePage(cdp: CdpSession, url: URL, ctx: PageCaptureContext): Promise<PageCapture> {
  const started = new Date();
  const steps = new StepLog();
  const { bounds } = ctx;
  const inPlace = ctx.inPlace;
  const recorder = inPlace?.recorder ?? new NetworkRecorder(cdp, bounds.loadMs, ctx.addressGuard);
  const health = new PageHealth(cdp, bounds.captureMs, started.getTime());
  const onCancel = () => health.cancel();
  if (ctx.signal?.aborted) onCancel();
  ctx.signal?.addEventListener('abort', onCancel, { once: true });
  const reasons: PartialReason[] = [];
  const because = (r: PartialReason) => {
    if (!reasons.includes(r)) reasons.push(r);
  };
  // The tab's recorder outlives the capture: it goes on recording the investigator's browsing.
  const stopRecorder = () => {
    if (!inPlace) recorder.stop();
  };
  const dialogs: JsonValue[] = [];
  const popups: string[] = [];
  const downloads: JsonValue[] = [];
  const offs = [
    cdp.on('Page.javascriptDialogOpening', (p) => {
      const d = p as { type: string; message: string; url: string };
      dialogs.push({ type: d.type, message: d.message.slice(0, 2000), url: d.url });
      // Dismissed: a capture never clicks "OK" on the page's behalf.
      drop(cdp.send('Page.handleJavaScriptDialog', { accept: false }));
    }),
    cdp.on('Page.windowOpen', (p) => popups.push((p as { url: string }).url)),
    cdp.on('Page.downloadWillBegin', (p) => {
      const d = p as { url: string; suggestedFilename: string };
      downloads.push({ url: d.url, suggestedFilename: d.suggestedFilename });
    }),
  ];

  try {
    await steps.run('prepare', async () => {
      await withTimeout(
        inPlace
          ? cdp.send('Page.enable')
          : Promise.all([recorder.start(), cdp.send('Page.enable'), cdp.send('Inspector.enable'), cdp.send('Network.setCacheDisabled', { cacheDisabled: true }), cdp.send('Page.setLifecycleEventsEnabled', { enabled: true })]),
        health.bound(bounds.stepMs),
        'preparing the tab',
      );
    });
    let load: LoadResult | undefined;
    if (inPlace) {
      load = { frameId: inPlace.mainFrameId, loaded: true };
      steps.mark('load', 'skipped', `not loaded again: the page as open in the investigator's tab since ${new Date(inPlace.currentPageSince).toISOString()}, its network recorded from then`);
    } else {
      load = await steps.run('load', () => loadPage(cdp, url.href, { navigationMs: health.bound(bounds.navigationMs), loadMs: health.bound(bounds.loadMs) }, health.whenCancelled), (r) => (r.errorText ? `navigation failed: ${r.errorText}` : r.loaded ? 'load event fired' : undefined));
      if (load && !load.errorText && !load.loaded) steps.mark('load', 'partial', `the page did not finish loading within ${bounds.loadMs} ms; captured what was there`);
    }
    const navigated = load !== undefined && !load.errorText;

    // After a failed navigation there is no page to photograph or archive: the network log is the evidence.
    // A page lost (crashed, not answering, out of time) is not asked again: each step would wait out its bound.
    const onPage = async <T>(name: string, step: () => Promise<T>, describe?: (v: T) => string | undefined): Promise<T | undefined> => {
      if (!navigated) return (steps.mark(name, 'skipped', 'no page: the navigation failed'), undefined);
      const lost = health.pageLost;
      if (lost) return (because(lost.reason), steps.mark(name, 'skipped', lost.detail), undefined);
      const value = await steps.run(name, step, describe);
      if (value === undefined && steps.records[steps.records.length - 1]?.status === 'partial') await health.afterTimeout();
      return value;
    };
    const settled = await onPage('settle', () => settle(cdp, recorder, { boundMs: health.bound(bounds.settleMs), quietMs: bounds.quietMs }), (s) => `scrolled to ${s.scrolledTo} px; network ${s.networkQuiet ? 'quiet' : 'still busy'}${s.longLived.length ? `; left open (long-lived): ${s.longLived.join(', ')}` : ''}`);
    if (settled && !settled.networkQuiet) steps.mark('settle', 'partial', `the network was still busy after ${bounds.settleMs} ms (${recorder.inFlight} requests open)`);
    const viewport = await onPage('screenshot-viewport', () => viewportScreenshot(cdp, health.bound(bounds.stepMs)));
    const full = await onPage('screenshot-full', () => fullPageScreenshot(cdp, health.bound(bounds.stepMs)), (f) => `${f.width}×${f.height} px in ${f.tiles.length} tile(s)`);
    if (full && full.height < full.pageHeight) steps.mark('screenshot-full', 'partial', `the page is ${full.pageHeight} px tall; the first ${full.height} px were captured`);
    const read = await onPage('page-content', () => readPageContent(cdp, health.bound(bounds.stepMs)));
    if (read?.tooLarge) {
      because('too-large');
      steps.mark('page-content', 'partial', `the DOM is ${read.tooLarge.htmlChars} characters and its text ${read.tooLarge.textChars}: over the ${MAX_DOM_CHARS}-character limit, not kept`);
    }
    const content = read && !read.tooLarge ? read : undefined;
    const mhtml = read?.tooLarge ? (steps.mark('mhtml', 'skipped', 'the page is over the size a capture keeps'), undefined) : await onPage('mhtml', () => captureMhtml(cdp, health.bound(bounds.stepMs)));
    if (health.cancelled) steps.mark('response-bodies', 'skipped', 'the capture was cancelled');
    else await steps.run('response-bodies', () => withTimeout(recorder.bodiesSettled(), health.bound(bounds.stepMs), 'fetching response bodies'));
    const lost = health.pageLost;
    if (lost && (navigated || health.cancelled)) because(lost.reason);
    if (recorder.overLimit) because('too-large');
    if (health.scriptsStopped) because('script-stopped');
    stopRecorder();
    // A copy: the tab's recorder may go on adding to its list while this capture is sealed.
    const exchanges = [...(inPlace ? inPlace.currentPage() : recorder.exchanges)];

    const mainChain = mainDocumentChain(exchanges, load?.frameId);
    const main = [...mainChain].reverse().find((e) => e.response) ?? mainChain[mainChain.length - 1];
    const https = main?.url.startsWith('https:') ?? url.protocol === 'https:';
    const certificates =
      https && main?.response?.securityDetails && !health.cancelled ? await steps.run('certificates', () => readCertificates(cdp, new URL(main.url).origin, main.response?.securityDetails, health.bound(bounds.stepMs))) : undefined;

    const finished = new Date();
    const environment = environmentRecord({ ...ctx.environment, started, finished });
    const blocked = content ? detectBlocked(content) : null;
    if (steps.incomplete.length > 0 && reasons.length === 0) because('step-incomplete');
    // A viewer (PDF, image) has no DOM of its own: only an HTML page with nothing in it, or no bytes at all, is empty.
    const html = /html/i.test(main?.response?.mimeType ?? '');
    if (main?.response && main.response.status < 300 && ((html && content?.empty) || main.body?.length === 0)) {
      because('empty-page');
      steps.mark('page-content', 'partial', 'the page has no element and no text: the server answered with nothing to see');
    }
    const outcome = classifyCapture({ errorText: load?.errorText, downloaded: downloads.length > 0, main, blocked, reasons });
    const [browserName = '', browserVersion = ''] = ctx.environment.browser.product.split('/');
    const har = buildHar(exchanges, { id: 'page_1', title: read?.title ?? '', startedAt: started.toISOString() }, { name: browserName, version: browserVersion });
    const warc = await steps.run('warc', () =>
      buildWarc(exchanges, { 'http-header-user-agent': ctx.environment.browser.userAgent, operator: ctx.environment.investigator.name, hostname: environment.hostname, 'exhibit-requested-url': url.href }),
    );

    const artifacts: ArtifactInput[] = [];
    for (const tile of full?.tiles ?? []) artifacts.push({ name: tile.name, kind: 'screenshot-full', mediaType: 'image/png', source: tile.png });
    if (viewport) artifacts.push({ name: 'screenshot-viewport.png', kind: 'screenshot-viewport', mediaType: 'image/png', source: viewport });
    if (mhtml) artifacts.push({ name: 'page.mhtml', kind: 'mhtml', mediaType: 'multipart/related', source: mhtml });
    if (warc) artifacts.push({ name: 'page.warc.gz', kind: 'warc', mediaType: 'application/warc', source: warc });
    if (content) {
      artifacts.push({ name: 'dom.html', kind: 'dom', mediaType: 'text/html; charset=utf-8', source: content.html });
      artifacts.push({ name: 'text.txt', kind: 'text', mediaType: 'text/plain; charset=utf-8', source: content.text });
    }
    if (main?.body) {
      const mime = main.response?.mimeType ?? 'application/octet-stream';
      artifacts.push({ name: `response-body.${MIME_EXTENSIONS[mime] ?? 'bin'}`, kind: 'document-body', mediaType: mime, source: main.body });
    }
    artifacts.push({ name: 'network.har', kind: 'har', mediaType: 'application/json', source: JSON.stringify(har, null, 1) });
    if (certificates) artifacts.push({ name: 'certificate-chain.pem', kind: 'certificate-chain', mediaType: 'application/x-pem-file', source: certificates.pemChain });

    // Both addresses are kept, neither trusted alone: the page's script can rewrite
    // its own (history.replaceState), the network's is where the document came from.
    const documentUrl = read?.url && /^https?:/.test(read.url) ? read.url : null;
    const networkUrl = main?.url ?? null;
    // The investigator's own tab may have moved within the page (an app's pushState): what was on screen is filed.
    const finalUrl = inPlace ? (documentUrl ?? networkUrl) : (networkUrl ?? documentUrl);
    return {
      requestedUrl: url.href,
      finalUrl,
      httpStatus: main?.response?.status ?? null,
      outcome,
      partialReasons: outcome === 'partial' ? reasons : [],
      startedAt: started.toISOString(),
      finishedAt: finished.toISOString(),
      artifacts,
      provenance: toJson({
        environment,
        steps: steps.records,
        partialReasons: reasons.map((r) => ({ reason: r, text: PARTIAL_REASON_TEXT[r] })),
        urls: { network: networkUrl, document: documentUrl, differ: networkUrl !== null && documentUrl !== null && networkUrl !== documentUrl },
        pageSize: read?.tooLarge ?? null,
        scriptsStopped: health.scriptsStopped,
        blockedRequests: recorder.blockedRequests,
        pageTitle: read?.title ?? null,
        redirectChain: mainChain.map((e) => ({ url: e.url, status: e.response?.status ?? null, location: e.response?.headers.location ?? e.response?.headers.Location ?? null, serverIp: e.response?.remoteIPAddress ?? null })),
        mainDocument: main
          ? { url: main.url, status: main.response?.status ?? null, mimeType: main.response?.mimeType ?? null, serverIp: main.response?.remoteIPAddress ?? null, serverPort: main.response?.remotePort ?? null, protocol: main.response?.protocol ?? null, bodyNote: main.bodyNote ?? null }
          : null,
        navigationError: load?.errorText ?? null,
        tls: certificates?.tls ?? null,
        certificateChain: certificates?.chain ?? null,
        screenshot: full ? { width: full.width, height: full.height, pageHeight: full.pageHeight, deviceScaleFactor: ctx.environment.viewport.deviceScaleFactor, join: 'tiles stack top to bottom in name order, edge to edge, without overlap', tiles: full.tiles.map((t) => ({ name: t.name, y: t.y, height: t.height })) } : null,
        blocked,
        dialogs,
        popupsBlocked: popups,
        downloads,
        requests: exchanges.length,
        ...(inPlace ? { recording: { tabOpenedAt: new Date(inPlace.openedAt).toISOString(), pageSince: new Date(inPlace.currentPageSince).toISOString(), reloaded: false } } : {}),
      }),
    };
  } finally {
    stopRecorder();
    ctx.signal?.removeEventListener('abort', onCancel);
    health.dispose();
    for (const off of offs) off();
  }
}

/** Provenance goes into canonical JSON: drop undefined, keep the rest as plain data. */
function toJson(value: unknown): { [key: string]: JsonValue } {
  return JSON.parse(JSON.stringify(value)) as { [key: string]: JsonValue };
}
