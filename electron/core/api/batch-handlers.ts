import { runBatch } from '../capture/batch-run.js';
import type { CaptureSetupError } from '../capture/capture-service.js';
import { describeRefusal } from '../capture/url-policy.js';
import type { Workspace } from '../workspace/workspace.js';
import { ApiFailure, type Handlers } from './failure.js';
import type { LongWork } from './long-work.js';

/**
 * Batch capture in the background: one batch at a time, followed by polling;
 * a cancel gives up the pages under way at once (sealed as partial,
 * cancelled) and starts no other.
 */
export function batchHandlers(ws: Workspace, work: LongWork, browserPath: string | undefined): Pick<Handlers, 'batch.start' | 'batch.status' | 'batch.cancel'> {
  return {
    'batch.start': async (i) => {
      const started = work.batch.start(async (signal, progress) => {
        const r = await runBatch(ws, i.urls, { concurrency: i.concurrency ?? 1, ...(i.caseRef ? { caseRef: i.caseRef } : {}), ...(i.note ? { note: i.note } : {}), ...(browserPath ? { browserPath } : {}) }, signal, progress);
        if (!r.ok) return { kind: 'failed', message: describeSetupError(r.error) };
        return signal.aborted ? { kind: 'cancelled', partial: r.value } : { kind: 'done', value: r.value };
      });
      if (!started.ok) throw new ApiFailure('refused', started.error === 'busy' ? 'A batch is being captured: the capture dialog follows it, and Cancel stops it.' : 'Exhibit is closing: nothing is started.');
      return work.batch.status();
    },
    'batch.status': async () => work.batch.status(),
    'batch.cancel': async () => {
      work.batch.cancel();
      return work.batch.status();
    },
  };
}

function describeSetupError(e: CaptureSetupError): string {
  switch (e.kind) {
    case 'refused-urls':
      return e.refusals.map(describeRefusal).join(' ');
    case 'bad-proxy':
      return `The proxy ${e.proxy} cannot be used: ${e.reason}.`;
    case 'bad-profile':
      return `The browser profile name ${JSON.stringify(e.profile)} is not allowed.`;
    case 'no-browser':
    case 'browser-launch':
      return `No page was captured: ${e.message}`;
  }
}
