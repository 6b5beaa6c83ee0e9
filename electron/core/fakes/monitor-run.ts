import { CaptureSession, checkRequest, sealPageCapture, type CaptureSetupError, type StoredCapture } from '../capture/capture-service.js';
import type { CaptureBounds } from '../capture/capture-page.js';
import { newId } from '../util/ids.js';
import { err, ok, type Result } from '../util/result.js';
import { utcNow } from '../util/time.js';
import { beat, releaseLock, takeLock, type LockHolder } from '../watch/lock.js';
import type { Workspace } from '../workspace/workspace.js';
import { catalogueView } from './brands.js';
import { listMonitors, recordRun, removedListingsOf, type Monitor, type ResultSeen, type RunPage } from './monitors.js';
import { readerFor, readSearchPage } from './readers/index.js';
import { scoreItem } from './score.js';
import { ThumbnailHashes } from './thumbnail-cache.js';
import type { ResultState } from './terms.js';
import { weightsInForce } from './weights.js';

export interface MonitorRunRequest {
  /** the monitors to run; all due ones when left out */
  monitorIds?: string[];
  browserPath?: string;
  concurrency?: number;
  bounds?: Partial<CaptureBounds>;
  /** now, for what is due (tests) */
  now?: string;
  /**
   * asks the run to stop, as batch capture's Cancel does: the pages under way
   * are given up and sealed partial (cancelled), the run is recorded as not
   * complete (nothing marked gone), and no other watched search is started
   */
  signal?: AbortSignal;
  onMonitor?: (summary: MonitorRunSummary) => void;
}

export interface MonitorRunSummary {
  monitorId: string;
  url: string;
  brand: string;
  runId: string;
  pages: { page: number; url: string; captureId: string | null; outcome: string; reader: string; generic: boolean; results: number }[];
  /** true when a page was read by the generic reader: no marketplace reader knew its layout */
  generic: boolean;
  /** false when a page could not be captured or read: nothing is marked gone then */
  complete: boolean;
  counts: Record<ResultState, number>;
  /** new results at or over --capture-above, captured in full */
  captured: { resultId: string; url: string; score: number; captureId: string; outcome: string }[];
}


/**
 * Runs watched searches: each result page is captured as evidence through
 * the capture pipeline (what was offered to the public, sealed like any
 * capture), read by the marketplace's search reader (or the generic one,
 * which says so), each result scored against the brand's catalogue, and
 * what is new, still there and gone recorded. New results at or over the
 * monitor's threshold are then captured in full.
 */
export type MonitorRunError = CaptureSetupError | { kind: 'unknown-monitor'; id: string } | { kind: 'locked'; holder: LockHolder };

const HEARTBEAT_MS = 30_000;

export async function runMonitors(ws: Workspace, req: MonitorRunRequest): Promise<Result<MonitorRunSummary[], MonitorRunError>> {
  const all = await listMonitors(ws.db);
  let monitors: Monitor[];
  if (req.monitorIds) {
    monitors = [];
    for (const id of req.monitorIds) {
      const m = all.find((x) => x.id === id);
      if (!m) return err({ kind: 'unknown-monitor', id });
      monitors.push(m);
    }
  } else monitors = await listMonitors(ws.db, { due: req.now ?? utcNow() });
  if (monitors.length === 0) return ok([]);
  // The watch queue's lock: one watch job (re-capture or watched search) at a time across processes, so a due search is not run twice at once.
  const lockId = newId();
  const locked = await takeLock(ws.db, lockId);
  if (!locked.ok) return err({ kind: 'locked', holder: locked.error });
  const heartbeat = setInterval(() => void beat(ws.db, lockId).catch(() => undefined), HEARTBEAT_MS);
  try {
    // Due as of when the lock was taken: a run that just finished elsewhere has moved its monitors on.
    if (!req.monitorIds) monitors = await listMonitors(ws.db, { due: req.now ?? utcNow() });
    return ok(await runLocked(ws, monitors, req));
  } catch (e) {
    if (e instanceof SetupFailed) return err(e.error);
    throw e;
  } finally {
    clearInterval(heartbeat);
    await releaseLock(ws.db, lockId);
  }
}

class SetupFailed extends Error {
  constructor(readonly error: CaptureSetupError) {
    super(error.kind);
  }
}

async function runLocked(ws: Workspace, monitors: Monitor[], req: MonitorRunRequest): Promise<MonitorRunSummary[]> {
  if (monitors.length === 0) return [];
  // One browser for the whole run: its pages are captured concurrently, each sealed like any capture.
  const opened = await CaptureSession.open(ws, { ...(req.browserPath ? { browserPath: req.browserPath } : {}), ...(req.bounds ? { bounds: req.bounds } : {}) });
  if (!opened.ok) throw new SetupFailed(opened.error);
  const session = opened.value;
  const summaries: MonitorRunSummary[] = [];
  try {
    for (const m of monitors) {
      if (req.signal?.aborted) break;
      const one = await runOne(ws, session, m, req);
      summaries.push(one);
      req.onMonitor?.(one);
    }
  } finally {
    await session.close();
  }
  return summaries;
}

/** Captures the URLs on the session, `concurrency` at a time, with the note given; in the order given. */
async function captureAll(ws: Workspace, session: CaptureSession, urls: readonly string[], note: string, concurrency: number, signal?: AbortSignal): Promise<StoredCapture[]> {
  const out = new Array<StoredCapture>(urls.length);
  let next = 0;
  const worker = async () => {
    while (next < urls.length) {
      const i = next++;
      out[i] = await sealPageCapture(ws, await session.capturePage(new URL(urls[i]!), signal), { note });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, urls.length)) }, worker));
  return out;
}

async function runOne(ws: Workspace, session: CaptureSession, monitor: Monitor, req: MonitorRunRequest): Promise<MonitorRunSummary> {
  const startedAt = utcNow();
  const first = new URL(monitor.url);
  const reader = readerFor(first);
  const urls = Array.from({ length: monitor.pages }, (_, i) => reader.pageUrl(first, i + 1));
  const captured = await captureAll(ws, session, urls, `Watched search for ${monitor.brand}, page 1 to ${monitor.pages}`, req.concurrency ?? 2, req.signal);

  const catalogue = await catalogueView(ws.db, monitor.brandId);
  const { weights } = await weightsInForce(ws.db);
  const thumbnails = new ThumbnailHashes(ws, catalogue);
  const removedBefore = new Map<string, number>();
  const pages: MonitorRunSummary['pages'] = [];
  const results: ResultSeen[] = [];
  const seen = new Set<string>();
  let complete = true;
  for (const [i, c] of captured.entries()) {
    const page = i + 1;
    const readable = c.page.outcome === 'complete' || c.page.outcome === 'partial';
    const reading = readable ? readSearchPage(domOf(c), c.page.finalUrl ?? c.page.requestedUrl) : null;
    if (!reading) complete = false;
    const market = reading?.marketplace ?? '';
    await thumbnails.fromCapture(c.record.id, (reading?.results ?? []).flatMap((r) => (r.thumbnail ? [r.thumbnail] : [])));
    let n = 0;
    for (const r of reading?.results ?? []) {
      if (seen.has(`${market}:${r.listingId}`)) continue;
      seen.add(`${market}:${r.listingId}`);
      const sellerKey = r.sellerId;
      let removed = 0;
      if (sellerKey) {
        const key = `${market}:${sellerKey}`;
        if (!removedBefore.has(key)) removedBefore.set(key, await removedListingsOf(ws.db, market, sellerKey));
        removed = removedBefore.get(key)!;
      }
      const imageHash = r.thumbnail ? await thumbnails.hash(r.thumbnail) : null;
      const scored = scoreItem(
        { marketplace: market, title: r.title, price: r.price, currency: r.currency, sellerKey, sellerName: r.sellerName, imageHash, seller: { removedBefore: removed, feedbackCount: r.feedbackCount ?? null } },
        catalogue,
        weights,
      );
      results.push({ page, position: r.position, captureId: c.record.id, marketplace: market, ...pick(r), score: scored.score, features: scored.features, reasons: scored.reasons });
      n++;
    }
    pages.push({ page, url: urls[i]!, captureId: c.record.id, outcome: c.page.outcome, reader: reading?.reader ?? 'none', generic: reading?.generic ?? false, results: n });
  }
  // A search that reads no result at all is more likely a page the readers failed on than every listing taken down.
  if (results.length === 0) complete = false;
  // A run cancelled part way did not see every page as it is: nothing is marked gone.
  if (req.signal?.aborted) complete = false;
  const generic = pages.some((p) => p.generic);
  const runPages: RunPage[] = pages.map(({ page, url, captureId, outcome, reader }) => ({ page, url, captureId, outcome, reader }));
  const recorded = await recordRun(ws.db, monitor, { startedAt, pages: runPages, results, generic, complete });

  const full: MonitorRunSummary['captured'] = [];
  if (monitor.captureAbove !== null && !req.signal?.aborted) {
    const over = recorded.fresh.filter((f) => f.seen.score >= monitor.captureAbove! && checkRequest({ urls: [f.seen.url] }).ok);
    const listings = await captureAll(ws, session, over.map((f) => f.seen.url), `Search result scoring at least ${monitor.captureAbove} in the watched search for ${monitor.brand}`, req.concurrency ?? 2);
    for (const [i, c] of listings.entries()) full.push({ resultId: over[i]!.resultId, url: over[i]!.seen.url, score: over[i]!.seen.score, captureId: c.record.id, outcome: c.page.outcome });
  }
  return { monitorId: monitor.id, url: monitor.url, brand: monitor.brand, runId: recorded.runId, pages, generic, complete, counts: recorded.counts, captured: full };
}

function domOf(c: StoredCapture): string {
  const dom = c.page.artifacts.find((a) => a.kind === 'dom');
  return typeof dom?.source === 'string' ? dom.source : '';
}

function pick(r: { listingId: string; url: string; title: string | null; price: string | null; currency: string | null; sellerName: string | null; sellerId: string | null; thumbnail: string | null }) {
  return { listingId: r.listingId, url: r.url, title: r.title, price: r.price, currency: r.currency, sellerName: r.sellerName, sellerId: r.sellerId, thumbnail: r.thumbnail };
}
