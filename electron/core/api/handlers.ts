import { checkBrowserPath } from '../capture/browser/check-browser-path.js';
import { captureUrls, chooseBrowser } from '../capture/capture-service.js';
import { describeRefusal } from '../capture/url-policy.js';
import { createCase, describeCaseError, listCases } from '../catalogue/cases.js';
import { correctField, describeCorrectionError } from '../catalogue/corrections.js';
import { captureFields } from '../catalogue/fields.js';
import { captureNote, writeCaptureNote } from '../catalogue/notes.js';
import { listListings, listSellers, sellerDetail } from '../catalogue/queries.js';
import { describeSellerError, setSellerStatus } from '../catalogue/sellers.js';
import { custodyLines } from '../dossier/custody-lines.js';
import { describeImportError, importPage } from '../import/import-page.js';
import { search } from '../search/search.js';
import { getCapture } from '../workspace/capture-queries.js';
import { readCustodyLog } from '../workspace/custody.js';
import { parseManifest } from '../workspace/manifest.js';
import type { Workspace } from '../workspace/workspace.js';
import { RecaptureScheduler } from '../watch/scheduler.js';
import { ApiFailure, type Handlers } from './failure.js';
import { LongWork } from './long-work.js';
import { longWorkHandlers } from './long-work-handlers.js';
import { takedownHandlers } from './takedown-handlers.js';
import { batchHandlers } from './batch-handlers.js';
import { viewerHandlers } from './viewer-handlers.js';
import { watchHandlers } from './watch-handlers.js';
import { workbenchHandlers } from './workbench-handlers.js';
import { dossierHandlers, type DesktopFiles } from './dossier-handlers.js';
import { caseHandlers } from './case-handlers.js';
import { fakesHandlers } from './fakes-handlers.js';
import { linksHandlers } from './links-handlers.js';
import { timestampHandlers } from './timestamp-handlers.js';
import { hubHandlers } from './hub-handlers.js';
import type { BackgroundStamper } from '../timestamp/background-stamper.js';
import { ntpServerList } from '../timestamp/clock.js';
import { parseNtpServer } from '../timestamp/sntp.js';
import { countPendingStamps, stampStatus } from '../workspace/timestamps.js';
import { artifacts, captures, uiViews } from '../store/index.js';

/**
 * The operations, over one open workspace. Inputs arrive parsed; see
 * dispatch.ts. Re-captures run through the process's scheduler (the one
 * that also runs them in the background); without one, runs happen only
 * when asked for. Dossiers and verifications run as the process's long
 * work, which its owner stops before closing the workspace.
 * browserPath: the browser given for this process (exhibit serve --browser);
 * without it, captures use the one chosen in Settings, or find one.
 */
export function apiHandlers(ws: Workspace, opts: { browserPath?: string; recapture?: RecaptureScheduler; work?: LongWork; stamper?: BackgroundStamper; desktop?: DesktopFiles } = {}): Handlers {
  const scheduler = opts.recapture ?? new RecaptureScheduler(ws, { everyMs: null, ...(opts.browserPath ? { browserPath: opts.browserPath } : {}) });
  const work = opts.work ?? new LongWork();
  return {
    ...batchHandlers(ws, work, opts.browserPath),
    ...viewerHandlers(ws),
    ...watchHandlers(ws, scheduler),
    ...takedownHandlers(ws),
    ...workbenchHandlers(ws),
    ...caseHandlers(ws),
    ...fakesHandlers(ws, scheduler),
    ...linksHandlers(ws),
    ...timestampHandlers(ws, opts.stamper),
    ...longWorkHandlers(ws, work),
    ...dossierHandlers(ws, opts.desktop),
    ...hubHandlers(ws, work),
    'settings.get': () => ws.settings(),
    'settings.update': async (i) => {
      // Checked before anything is written: a refused path changes no setting.
      if (i.browserPath) {
        const checked = await checkBrowserPath(i.browserPath.trim());
        if (!checked.ok) throw new ApiFailure('invalid-input', `Browser: ${checked.error} Nothing was saved.`);
      }
      if (i.ntpServers !== undefined) {
        const bad = ntpServerList(i.ntpServers).map(parseNtpServer).find((r) => !r.ok);
        if (bad && !bad.ok) throw new ApiFailure('invalid-input', `NTP servers: ${bad.error}. Nothing was saved.`);
      }
      return ws.updateSettings(i);
    },
    'workspace.info': async () => {
      const browser = await chooseBrowser(await ws.settings(), opts.browserPath);
      return {
        dir: ws.dir,
        publicKeyFingerprint: ws.key.fingerprint,
        browser: browser.ok ? browser.value : null,
        browserProblem: browser.ok ? null : browser.error,
        keyTimestamp: await stampStatus(ws.db, 'key', ws.key.fingerprint.replace(/ /g, '')),
        pendingStamps: await countPendingStamps(ws.db),
      };
    },
    'cases.list': () => listCases(ws.db),
    'cases.create': async (i) => {
      const r = await createCase(ws.db, i.name, i.reference);
      if (!r.ok) throw new ApiFailure('refused', describeCaseError(r.error));
      return r.value;
    },
    'sellers.list': (i) => listSellers(ws.db, i),
    'sellers.get': async (i) => {
      const d = await sellerDetail(ws.db, i.ref);
      if (!d) throw new ApiFailure('not-found', describeSellerError({ kind: 'no-seller', ref: i.ref }));
      // The page asks for each thumbnail only where the capture has one.
      return { ...d, thumbnails: Object.fromEntries(await uiViews.thumbnailsOf(ws.db, d.captures.map((c) => c.id))) };
    },
    'sellers.setStatus': async (i) => {
      const r = await setSellerStatus(ws.db, i.ref, i.status, i.note ?? '');
      if (!r.ok) throw new ApiFailure('refused', describeSellerError(r.error));
      return { ok: true };
    },
    'listings.list': (i) => listListings(ws.db, i),
    'captures.get': async (i) => {
      const capture = await getCapture(ws.db, i.id);
      if (!capture) throw new ApiFailure('not-found', `No capture ${i.id} in this workspace.`);
      const parsed = parseManifest(await ws.store.read(capture.manifestSha256));
      if (!parsed.ok) throw new ApiFailure('failed', `The manifest of capture ${i.id} cannot be read; run Verify.`);
      const m = parsed.value;
      const filing = (await captures.filingOf(ws.db, i.id))!;
      const shot = (m.provenance as { screenshot?: { tiles?: { name: string }[] } | null }).screenshot;
      return {
        capture,
        filing,
        manifest: m,
        fields: [...(await captureFields(ws.db, i.id)).values()],
        custody: await custodyLines(ws.db, await readCustodyLog(ws.db, { subject: i.id })),
        screenshotTiles: shot?.tiles?.map((t) => t.name) ?? m.artifacts.filter((a) => a.kind === 'screenshot-full').map((a) => a.name),
        note: await captureNote(ws.db, i.id),
        timestamp: await stampStatus(ws.db, 'capture', i.id),
        recheckOf: await captures.recheckOf(ws.db, i.id),
      };
    },
    'captures.note.set': async (i) => {
      if (!(await getCapture(ws.db, i.id))) throw new ApiFailure('not-found', `No capture ${i.id} in this workspace.`);
      const r = await writeCaptureNote(ws.db, i.id, i.text);
      if (!r.ok) throw new ApiFailure('invalid-input', `The note: ${r.error}. Nothing was written.`);
      return r.value;
    },
    'captures.correct': async (i) => {
      const r = await correctField(ws.db, i.captureId, i.field, i.value, i.reason);
      if (!r.ok) throw new ApiFailure(r.error.kind === 'no-capture' ? 'not-found' : 'refused', describeCorrectionError(r.error));
      return r.value;
    },
    'captures.capture': async (i) => {
      const r = await captureUrls(ws, { urls: i.urls, ...(i.caseRef ? { caseRef: i.caseRef } : {}), ...(i.note ? { note: i.note } : {}), ...(opts.browserPath ? { browserPath: opts.browserPath } : {}) });
      if (!r.ok) {
        const e = r.error;
        throw new ApiFailure('refused', e.kind === 'refused-urls' ? e.refusals.map(describeRefusal).join(' ') : 'message' in e ? e.message : e.kind);
      }
      return r.value.map((c) => ({ id: c.record.id, requestedUrl: c.page.requestedUrl, outcome: c.page.outcome, httpStatus: c.page.httpStatus, filing: c.record.filing }));
    },
    'captures.import': async (i) => {
      const r = await importPage(ws, { file: i.path, url: i.url, caseRef: i.caseRef, note: i.note });
      if (!r.ok) throw new ApiFailure('refused', describeImportError(r.error));
      const m = r.value.record.manifest;
      return { id: r.value.record.id, requestedUrl: m.requestedUrl, outcome: m.outcome, httpStatus: m.httpStatus, filing: r.value.record.filing, kind: r.value.kind };
    },
    search: async (i) => {
      const r = await search(ws.db, i.text, i.limit === undefined ? {} : { limit: i.limit });
      if (!r) throw new ApiFailure('invalid-input', 'Nothing to search for: type some words.');
      return r;
    },
    'custody.log': async (i) => custodyLines(ws.db, await readCustodyLog(ws.db, i.subject === undefined ? {} : { subject: i.subject })),
  };
}

/** An artifact's file and media type, for the screenshot viewer; null when there is none by that name. */
export async function artifactFile(ws: Workspace, captureId: string, name: string): Promise<{ path: string; mediaType: string } | null> {
  const row = await artifacts.artifactNamed(ws.db, captureId, name);
  return row ? { path: ws.store.pathOf(row.sha256), mediaType: row.mediaType } : null;
}
