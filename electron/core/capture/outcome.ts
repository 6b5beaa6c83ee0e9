/** What became of one capture attempt. Every attempt is stored with one. */
export type CaptureOutcome =
  | 'complete'
  | 'partial'
  | 'blocked'
  | 'not-found'
  | 'gone'
  | 'http-error'
  | 'server-error'
  | 'dns-failure'
  | 'connection-refused'
  | 'tls-error'
  | 'redirect-loop'
  | 'network-error'
  | 'download'
  /** brought in from a file saved elsewhere: not captured by Exhibit */
  | 'imported';

/** The page could not be reached at all: nothing but the network log was captured. */
const UNREACHED: ReadonlySet<CaptureOutcome> = new Set(['dns-failure', 'connection-refused', 'tls-error', 'redirect-loop', 'network-error']);

/** Whether the server answered (with a page, an error page, a captcha or a file): the attempt captured something of it. */
export function reachedPage(outcome: CaptureOutcome): boolean {
  return !UNREACHED.has(outcome);
}

/** Chrome's net:: error for a failed navigation, as an outcome. */
export function outcomeOfNetError(errorText: string): CaptureOutcome {
  if (/ERR_NAME_NOT_RESOLVED|ERR_NAME_RESOLUTION_FAILED/.test(errorText)) return 'dns-failure';
  if (/ERR_CONNECTION_REFUSED/.test(errorText)) return 'connection-refused';
  if (/ERR_CERT_|ERR_SSL_|ERR_BAD_SSL|ERR_TLS/.test(errorText)) return 'tls-error';
  if (/ERR_TOO_MANY_REDIRECTS/.test(errorText)) return 'redirect-loop';
  return 'network-error';
}

export function outcomeOfStatus(status: number): CaptureOutcome | null {
  if (status === 404) return 'not-found';
  if (status === 410) return 'gone';
  if (status >= 500) return 'server-error';
  if (status >= 400) return 'http-error';
  return null;
}

export const OUTCOME_TEXT: Record<CaptureOutcome, string> = {
  complete: 'captured completely',
  partial: 'captured in part (see the reasons and the steps)',
  blocked: 'blocked by a captcha, robot check or login wall: not a listing',
  'not-found': 'the server answered 404 Not Found',
  gone: 'the server answered 410 Gone',
  'http-error': 'the server answered with an HTTP error',
  'server-error': 'the server answered with a 5xx error',
  'dns-failure': 'the host name could not be resolved',
  'connection-refused': 'the server refused the connection',
  'tls-error': 'the TLS certificate or connection was rejected (not bypassed)',
  'redirect-loop': 'the page redirected in a loop',
  'network-error': 'the page could not be loaded',
  download: 'the URL is a download, not a page',
  imported: 'imported from a file saved elsewhere, not captured by Exhibit',
};

/**
 * Why a capture is partial, when it is: what a court reads beside the word.
 * A step's own detail (which bound, how long) is in the capture's steps.
 */
export type PartialReason =
  /** a step ran out of its own time or failed; the steps say which */
  | 'step-incomplete'
  /** the capture's own deadline passed: what was gathered was sealed */
  | 'deadline'
  /** a script never yielded and the page stopped answering */
  | 'unresponsive'
  /** a script that never yielded was stopped, so the page could be read and photographed */
  | 'script-stopped'
  /** the page crashed its renderer (out of memory, too deep to lay out) */
  | 'renderer-crashed'
  /** the page is larger than a capture keeps; what is over the limit is noted, not kept */
  | 'too-large'
  /** the server answered, but the page has no content at all */
  | 'empty-page'
  /** the investigator cancelled the capture while it ran: what was gathered by then was sealed */
  | 'cancelled';

export const PARTIAL_REASON_TEXT: Readonly<Record<PartialReason, string>> = {
  'step-incomplete': 'a step ran out of time or failed (see the steps)',
  deadline: "the capture's deadline passed; what was gathered by then was sealed",
  unresponsive: 'the page stopped answering (a script that never yields); what was gathered was sealed',
  'script-stopped': 'a script on the page never yielded and was stopped so the page could be captured; the page is as it was when the script was stopped',
  'renderer-crashed': 'the page crashed the browser tab (out of memory or too deep); what was gathered was sealed',
  'too-large': 'the page is larger than a capture keeps; what is over the limit is noted, not kept',
  'empty-page': 'the server answered, but the page is empty',
  cancelled: 'the investigator cancelled the capture while it ran; what was gathered by then was sealed',
};

/** Every partial reason, for reading one back from a manifest. */
export const PARTIAL_REASONS: ReadonlySet<string> = new Set(Object.keys(PARTIAL_REASON_TEXT));
