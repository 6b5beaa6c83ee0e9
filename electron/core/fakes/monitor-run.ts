import { CaptureSession, checkRequest, sealPageCapture, type CaptureSetupError, type StoredCapture } from '../capture/capture-service.js';
import type { CaptureBounds } from '../capture/capture-page.js';
import { newId } from '../util/ids.js';
import { err, ok, type Result } from '../util/result.js';
import { utcNow } from '../util/time.js';
import { beat, releaseLock, takeLock, type LockHolder } from '../watch/lock.js';
import type { Workspace } from '../workspace/workspace.js';
import { catalogueView } from './brands.js';
import { listingsLeft, listMonitors, recordListingsStep, recordRun, removedListingsOf, type Monitor, type ResultSeen, type RunPage } from './monitors.js';
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
  /** how far the run is: the search under way and its pages, at each start and each page stored */
  onProgress?: (progress: MonitorProgress) => void;
}

/** The search under way: its result pages, then the listings over its threshold captured in full. */
export interface MonitorProgress {
  monitorId: string;
  url: string;
  brand: string;
  /** 1-based: the search's place among the searches of this run */
  search: number;
  searches: number;
  phase: 'pages' | 'listings';
  done: number;
  total: number;
}

export interface MonitorRunSummary {
  monitorId: string;
  url: string;
  brand: string;
  runId: string;
  /** cancelled: the page was under way when the run was cancelled (sealed partial, not read) or never reached (no capture, outcome "cancelled") */
  pages: { page: number; url: string; captureId: string | null; outcome: string; reader: string; generic: boolean; results: number; cancelled: boolean }[];
  /** true when a page was read by the generic reader: no marketplace reader knew its layout */
  generic: boolean;
  /** false when a page could not be captured or read: nothing is marked gone then */
  complete: boolean;
  /**
   * the run was cancelled: while its result pages were captured (recorded so
   * in custody, not complete), or while it captured the results over its
   * threshold in full (its result pages were all read, so it can be complete;
   * `listings` says what was captured, given up and not reached)
   */
  cancelled: boolean;
  /** the step capturing results over the threshold in full, when it ran: how many were to be captured, captured, given up under way, not reached (left for the next run) */
  listings: { above: number; captured: number; cancelled: number; notReached: number } | null;
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
    for (const [i, m] of monitors.entries()) {
      if (req.signal?.aborted) break;
      const one = await runOne(ws, session, m, req, { search: i + 1, searches: monitors.length });
      summaries.push(one);
      req.onMonitor?.(one);
    }
  } finally {
    await session.close();
  }
  return summaries;
}

/**
 * Captures the URLs on the session, `concurrency` at a time, with the note
 * given; in the order given. Once the signal aborts no page is started, and
 * a page under way is given up and sealed partial (cancelled); null for a
 * page not captured (not reached, or given up with nothing that could be sealed).
 */
async function captureAll(
  ws: Workspace,
  session: CaptureSession,
  urls: readonly string[],
  o: { note: string; concurrency: number; signal?: AbortSignal | undefined; onStored?: (done: number) => void },
): Promise<{ captures: (StoredCapture | null)[]; started: number }> {
  const out = new Array<StoredCapture | null>(urls.length).fill(null);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < urls.length && !o.signal?.aborted) {
      const i = next++;
      try {
        out[i] = await sealPageCapture(ws, await session.capturePage(new URL(urls[i]!), o.signal), { note: o.note });
      } catch (e) {
        // What a cancelled page gathered could not be sealed in time: nothing of it is kept, as batch capture does.
        if (!o.signal?.aborted) throw e;
      }
      o.onStored?.(++done);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(o.concurrency, urls.length)) }, worker));
  // Started in order: the first `next` were under way or done, the rest never reached.
  return { captures: out, started: next };
}

async function runOne(ws: Workspace, session: CaptureSession, monitor: Monitor, req: MonitorRunRequest, place: { search: number; searches: number }): Promise<MonitorRunSummary> {
  const startedAt = utcNow();
  const first = new URL(monitor.url);
  const reader = readerFor(first);
  const urls = Array.from({ length: monitor.pages }, (_, i) => reader.pageUrl(first, i + 1));
  const progress = (phase: MonitorProgress['phase'], done: number, total: number) =>
    req.onProgress?.({ monitorId: monitor.id, url: monitor.url, brand: monitor.brand, ...place, phase, done, total });
  progress('pages', 0, urls.length);
  const { captures: captured } = await captureAll(ws, session, urls, {
    note: `Watched search for ${monitor.brand}, page 1 to ${monitor.pages}`,
    concurrency: req.concurrency ?? 2,
    signal: req.signal,
    onStored: (done) => progress('pages', done, urls.length),
  });

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
    if (!c) {
      // Not reached before the cancel (or nothing of it could be sealed): no capture, nothing read.
      pages.push({ page, url: urls[i]!, captureId: null, outcome: 'cancelled', reader: 'none', generic: false, results: 0, cancelled: true });
      complete = false;
      continue;
    }
    // A page given up part way shows part of the results: none is taken as seen.
    const cancelled = c.page.partialReasons.includes('cancelled');
    const readable = !cancelled && (c.page.outcome === 'complete' || c.page.outcome === 'partial');
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
    pages.push({ page, url: urls[i]!, captureId: c.record.id, outcome: c.page.outcome, reader: reading?.reader ?? 'none', generic: reading?.generic ?? false, results: n, cancelled });
  }
  // A search that reads no result at all is more likely a page the readers failed on than every listing taken down.
  if (results.length === 0) complete = false;
  // A run cancelled part way did not see every page as it is: nothing is marked gone.
  const cancelled = req.signal?.aborted === true;
  if (cancelled) complete = false;
  const generic = pages.some((p) => p.generic);
  const runPages: RunPage[] = pages.map(({ page, url, captureId, outcome, reader }) => ({ page, url, captureId, outcome, reader }));
  const recorded = await recordRun(ws.db, monitor, { startedAt, pages: runPages, results, generic, complete, cancelled });

  const full: MonitorRunSummary['captured'] = [];
  let listings: MonitorRunSummary['listings'] = null;
  let listingsCancelled = false;
  if (monitor.captureAbove !== null && !req.signal?.aborted) {
    const above = monitor.captureAbove;
    const qualifies = (f: { seen: ResultSeen }) => f.seen.score >= above && checkRequest({ urls: [f.seen.url] }).ok;
    // New results over the threshold, then those an earlier cancel left uncaptured that the pages still show (and still score over it).
    const left = await listingsLeft(ws.db, monitor.id);
    const over = [...recorded.fresh.filter(qualifies), ...recorded.shown.filter((f) => left.has(f.resultId) && qualifies(f))];
    progress('listings', 0, over.length);
    const { captures: got, started } = await captureAll(ws, session, over.map((f) => f.seen.url), {
      note: `Search result scoring at least ${above} in the watched search for ${monitor.brand}`,
      concurrency: req.concurrency ?? 2,
      signal: req.signal,
      onStored: (done) => progress('listings', done, over.length),
    });
    listingsCancelled = req.signal?.aborted === true;
    const step = { captured: [] as { resultId: string; captureId: string }[], given: [] as { resultId: string; captureId: string | null }[], notReached: [] as string[] };
    for (const [i, c] of got.entries()) {
      const f = over[i]!;
      if (c && !c.page.partialReasons.includes('cancelled')) {
        full.push({ resultId: f.resultId, url: f.seen.url, score: f.seen.score, captureId: c.record.id, outcome: c.page.outcome });
        step.captured.push({ resultId: f.resultId, captureId: c.record.id });
      } else if (i < started) step.given.push({ resultId: f.resultId, captureId: c?.record.id ?? null });
      else step.notReached.push(f.resultId);
    }
    listings = { above: over.length, captured: step.captured.length, cancelled: step.given.length, notReached: step.notReached.length };
    // The result pages were all read before: what they showed and what was marked gone stays; the cancel is recorded, with the listings left for the next run.
    if (listingsCancelled || over.some((f) => left.has(f.resultId)))
      await recordListingsStep(ws.db, monitor.id, { runId: recorded.runId, url: monitor.url, captureAbove: above, cancelled: listingsCancelled, ...step });
  }
  return { monitorId: monitor.id, url: monitor.url, brand: monitor.brand, runId: recorded.runId, pages, generic, complete, cancelled: cancelled || listingsCancelled, listings, counts: recorded.counts, captured: full };
}

function domOf(c: StoredCapture): string {
  const dom = c.page.artifacts.find((a) => a.kind === 'dom');
  return typeof dom?.source === 'string' ? dom.source : '';
}

function pick(r: { listingId: string; url: string; title: string | null; price: string | null; currency: string | null; sellerName: string | null; sellerId: string | null; thumbnail: string | null }) {
  return { listingId: r.listingId, url: r.url, title: r.title, price: r.price, currency: r.currency, sellerName: r.sellerName, sellerId: r.sellerId, thumbnail: r.thumbnail };
}
