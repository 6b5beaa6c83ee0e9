import type { BlockedSign } from './blocked.js';
import type { Exchange } from './network-recorder.js';
import { outcomeOfNetError, outcomeOfStatus, type CaptureOutcome, type PartialReason } from './outcome.js';

/** The main frame's document requests, in order: HTTP redirect hops and client-side redirects. */
export function mainDocumentChain(exchanges: readonly Exchange[], frameId: string | undefined): Exchange[] {
  return exchanges.filter((e) => e.resourceType === 'Document' && (frameId === undefined || e.frameId === frameId));
}

export interface OutcomeInput {
  errorText: string | undefined;
  downloaded: boolean;
  main: Exchange | undefined;
  blocked: BlockedSign | null;
  /** why the capture is not whole, whatever the page's own outcome */
  reasons: readonly PartialReason[];
}

/** What became of the attempt: the page's own answer first, then whether the capture of it is whole. */
export function classifyCapture(x: OutcomeInput): CaptureOutcome {
  const disposition = x.main?.response?.headers['content-disposition'] ?? x.main?.response?.headers['Content-Disposition'] ?? '';
  // Stopped by the investigator: whatever the page did, what was gathered is partial, and says why.
  if (x.reasons.includes('cancelled')) return 'partial';
  if (x.downloaded || (x.errorText?.includes('ERR_ABORTED') && /attachment/i.test(disposition))) return 'download';
  // Exhibit itself refused to hand an over-limit document to the browser: the page answered, and is noted, not kept.
  if (x.errorText?.includes('ERR_BLOCKED_BY_CLIENT') && x.reasons.includes('too-large')) return 'partial';
  if (x.errorText) return outcomeOfNetError(x.errorText);
  if (x.blocked) return 'blocked';
  const byStatus = x.main?.response ? outcomeOfStatus(x.main.response.status) : null;
  if (byStatus) return byStatus;
  if (x.reasons.length > 0) return 'partial';
  return 'complete';
}
