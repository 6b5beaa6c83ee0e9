import { drop } from '../util/drop.js';
import type { ArtifactInput } from '../workspace/capture-record.js';
import type { JsonValue } from '../util/canonical-json.js';
import { withTimeout, type CdpSession } from './cdp.js';
import { detectBlocked, type BlockedSign } from './blocked.js';
import { environmentRecord, type EnvironmentInput } from './environment.js';
import { NetworkRecorder, type Exchange } from './network-recorder.js';
import { outcomeOfNetError, outcomeOfStatus, type CaptureOutcome } from './outcome.js';
import { buildHar } from './outputs/har.js';
import { buildWarc } from './outputs/warc.js';
import { readCertificates } from './steps/certificates.js';
import { loadPage, type LoadResult } from './steps/load.js';
import { captureMhtml, readPageContent } from './steps/page-content.js';
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
}

export const DEFAULT_BOUNDS: CaptureBounds = { navigationMs: 30_000, loadMs: 30_000, settleMs: 15_000, quietMs: 500, stepMs: 60_000 };

export interface PageCaptureContext {
  bounds: CaptureBounds;
  environment: Omit<EnvironmentInput, 'started' | 'finished'>;
  /**
   * Capture the page as it is open in this tab, recorded since the tab
   * opened, instead of loading the URL: the desktop app's browser panel.
   */
  inPlace?: TabRecording;
}

export interface PageCapture {
  requestedUrl: string;
  finalUrl: string | null;
  httpStatus: number | null;
  outcome: CaptureOutcome;
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
  const recorder = inPlace?.recorder ?? new NetworkRecorder(cdp, bounds.loadMs);
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
          : Promise.all([recorder.start(), cdp.send('Page.enable'), cdp.send('Network.setCacheDisabled', { cacheDisabled: true }), cdp.send('Page.setLifecycleEventsEnabled', { enabled: true })]),
        bounds.stepMs,
        'preparing the tab',
      );
    });
    let load: LoadResult | undefined;
    if (inPlace) {
      load = { frameId: inPlace.mainFrameId, loaded: true };
      steps.mark('load', 'skipped', `not loaded again: the page as open in the investigator's tab since ${new Date(inPlace.currentPageSince).toISOString()}, its network recorded from then`);
    } else {
      load = await steps.run('load', () => loadPage(cdp, url.href, bounds), (r) => (r.errorText ? `navigation failed: ${r.errorText}` : r.loaded ? 'load event fired' : undefined));
      if (load && !load.errorText && !load.loaded) steps.mark('load', 'partial', `the page did not finish loading within ${bounds.loadMs} ms; captured what was there`);
    }
    const navigated = load !== undefined && !load.errorText;

    if (navigated) {
      const settled = await steps.run('settle', () => settle(cdp, recorder, { boundMs: bounds.settleMs, quietMs: bounds.quietMs }), (s) => `scrolled to ${s.scrolledTo} px; network ${s.networkQuiet ? 'quiet' : 'still busy'}${s.longLived.length ? `; left open (long-lived): ${s.longLived.join(', ')}` : ''}`);
      if (settled && !settled.networkQuiet) steps.mark('settle', 'partial', `the network was still busy after ${bounds.settleMs} ms (${recorder.inFlight} requests open)`);
    }
    // After a failed navigation there is no page to photograph or archive: the network log is the evidence.
    const onPage = <T>(name: string, step: () => Promise<T>, describe?: (v: T) => string | undefined) =>
      navigated ? steps.run(name, step, describe) : (steps.mark(name, 'skipped', 'no page: the navigation failed'), Promise.resolve(undefined));
    const viewport = await onPage('screenshot-viewport', () => viewportScreenshot(cdp, bounds.stepMs));
    const full = await onPage('screenshot-full', () => fullPageScreenshot(cdp, bounds.stepMs), (f) => `${f.width}×${f.height} px in ${f.tiles.length} tile(s)`);
    if (full && full.height < full.pageHeight) steps.mark('screenshot-full', 'partial', `the page is ${full.pageHeight} px tall; the first ${full.height} px were captured`);
    const content = await onPage('page-content', () => readPageContent(cdp, bounds.stepMs));
    const mhtml = await onPage('mhtml', () => captureMhtml(cdp, bounds.stepMs));
    await steps.run('response-bodies', () => withTimeout(recorder.bodiesSettled(), bounds.stepMs, 'fetching response bodies'));
    stopRecorder();
    // A copy: the tab's recorder may go on adding to its list while this capture is sealed.
    const exchanges = [...(inPlace ? inPlace.currentPage() : recorder.exchanges)];

    const mainChain = mainDocumentChain(exchanges, load?.frameId);
    const main = [...mainChain].reverse().find((e) => e.response) ?? mainChain[mainChain.length - 1];
    const https = main?.url.startsWith('https:') ?? url.protocol === 'https:';
    const certificates =
      https && main?.response?.securityDetails ? await steps.run('certificates', () => readCertificates(cdp, new URL(main.url).origin, main.response?.securityDetails, bounds.stepMs)) : undefined;

    const finished = new Date();
    const environment = environmentRecord({ ...ctx.environment, started, finished });
    const blocked = content ? detectBlocked(content) : null;
    const outcome = classify(load?.errorText, downloads.length > 0, main, blocked, steps);
    const [browserName = '', browserVersion = ''] = ctx.environment.browser.product.split('/');
    const har = buildHar(exchanges, { id: 'page_1', title: content?.title ?? '', startedAt: started.toISOString() }, { name: browserName, version: browserVersion });
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

    const finalUrl = content?.url && /^https?:/.test(content.url) ? content.url : (main?.url ?? null);
    return {
      requestedUrl: url.href,
      finalUrl,
      httpStatus: main?.response?.status ?? null,
      outcome,
      startedAt: started.toISOString(),
      finishedAt: finished.toISOString(),
      artifacts,
      provenance: toJson({
        environment,
        steps: steps.records,
        pageTitle: content?.title ?? null,
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
    for (const off of offs) off();
  }
}

/** The main frame's document requests, in order: HTTP redirect hops and client-side redirects. */
function mainDocumentChain(exchanges: readonly Exchange[], frameId: string | undefined): Exchange[] {
  return exchanges.filter((e) => e.resourceType === 'Document' && (frameId === undefined || e.frameId === frameId));
}

function classify(errorText: string | undefined, downloaded: boolean, main: Exchange | undefined, blocked: BlockedSign | null, steps: StepLog): CaptureOutcome {
  const disposition = main?.response?.headers['content-disposition'] ?? main?.response?.headers['Content-Disposition'] ?? '';
  if (downloaded || (errorText?.includes('ERR_ABORTED') && /attachment/i.test(disposition))) return 'download';
  if (errorText) return outcomeOfNetError(errorText);
  if (blocked) return 'blocked';
  const byStatus = main?.response ? outcomeOfStatus(main.response.status) : null;
  if (byStatus) return byStatus;
  if (steps.incomplete.length > 0) return 'partial';
  return 'complete';
}

/** Provenance goes into canonical JSON: drop undefined, keep the rest as plain data. */
function toJson(value: unknown): { [key: string]: JsonValue } {
  return JSON.parse(JSON.stringify(value)) as { [key: string]: JsonValue };
}
