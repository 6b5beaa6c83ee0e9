import type { Workspace } from '../workspace/workspace.js';
import { err, ok, type Result } from '../util/result.js';
import { CaptureSession, type CaptureRequest, type CaptureSetupError } from './capture-service.js';
import { describeRefusal, parseCaptureUrl } from './url-policy.js';

/** One pasted address and what became of it, as the batch goes. */
export type BatchLine =
  | { url: string; state: 'waiting' | 'capturing' | 'skipped' }
  /** captured and stored, whatever the outcome (an error page is stored too) */
  | { url: string; state: 'stored'; captureId: string; outcome: string; httpStatus: number | null; partialReasons: string[]; filing: { listingId: string | null; sellerId: string | null; caseId: string | null } }
  /** not an address Exhibit captures: nothing was done */
  | { url: string; state: 'refused'; message: string }
  /** the capture itself failed (the browser could not be started again): nothing was stored */
  | { url: string; state: 'failed'; message: string }
  /** cancelled while it was being captured, and what was gathered could not be sealed in time: nothing was stored */
  | { url: string; state: 'cancelled'; message: string };

export interface BatchProgress {
  concurrency: number;
  lines: BatchLine[];
}

export type BatchRequest = Omit<CaptureRequest, 'urls' | 'concurrency' | 'onCaptured'> & { concurrency: number };

export const MAX_BATCH_CONCURRENCY = 4;

/**
 * Captures pasted addresses, `concurrency` pages at a time, on one browser.
 * Each address is judged alone: a refused one is said so on its line and the
 * others are captured. A cancel stops at once: no page is started after it,
 * and pages under way are given up and sealed as partial (cancelled).
 * onProgress gets a fresh copy of every line at each change.
 */
export async function runBatch(ws: Workspace, urls: readonly string[], req: BatchRequest, signal: AbortSignal, onProgress: (p: BatchProgress) => void): Promise<Result<BatchProgress, CaptureSetupError>> {
  const concurrency = Math.max(1, Math.min(MAX_BATCH_CONCURRENCY, Math.floor(req.concurrency)));
  const lines: BatchLine[] = urls.map((url) => ({ url, state: 'waiting' }));
  const report = () => onProgress({ concurrency, lines: lines.map((l) => ({ ...l })) });
  const todo: { i: number; url: URL }[] = [];
  urls.forEach((u, i) => {
    const parsed = parseCaptureUrl(u);
    if (parsed.ok) todo.push({ i, url: parsed.value });
    else lines[i] = { url: u, state: 'refused', message: describeRefusal(parsed.error) };
  });
  report();
  const finish = () => {
    for (const [i, l] of lines.entries()) if (l.state === 'waiting') lines[i] = { url: l.url, state: 'skipped' };
    report();
    return ok({ concurrency, lines });
  };
  if (todo.length === 0 || signal.aborted) return finish();
  const opened = await CaptureSession.open(ws, req);
  if (!opened.ok) return err(opened.error);
  const session = opened.value;
  try {
    let next = 0;
    const worker = async () => {
      while (next < todo.length && !signal.aborted) {
        const { i, url } = todo[next++]!;
        lines[i] = { url: urls[i]!, state: 'capturing' };
        report();
        lines[i] = await session.capture(url, signal).then(
          (c): BatchLine => ({ url: urls[i]!, state: 'stored', captureId: c.record.id, outcome: c.page.outcome, httpStatus: c.page.httpStatus, partialReasons: c.page.partialReasons, filing: c.record.filing }),
          (e: unknown): BatchLine =>
            signal.aborted
              ? { url: urls[i]!, state: 'cancelled', message: 'cancelled while being captured; nothing was stored' }
              : { url: urls[i]!, state: 'failed', message: e instanceof Error ? e.message : String(e) },
        );
        report();
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, todo.length) }, worker));
    return finish();
  } finally {
    await session.close();
  }
}
