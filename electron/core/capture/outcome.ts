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
  partial: 'captured in part (a step ran out of time; see the steps)',
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
