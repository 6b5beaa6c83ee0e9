import { err, ok, type Result } from '../util/result.js';

export type UrlRefusal = { input: string; reason: string };

/**
 * Only web pages are captured. Refused before any browser starts: other
 * schemes (file:, javascript:, data:, chrome:, about:… could read the
 * investigator's own machine or run code), malformed URLs, and URLs with
 * embedded credentials (they would end up in the evidence and its logs).
 */
export function parseCaptureUrl(input: string): Result<URL, UrlRefusal> {
  const text = input.trim();
  if (text === '') return err({ input, reason: 'the URL is empty' });
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return err({ input, reason: 'it is not a valid URL (expected something like https://www.example.com/item/123)' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return err({ input, reason: `the ${url.protocol} scheme is not captured: only http and https pages are` });
  }
  if (url.username !== '' || url.password !== '') {
    return err({ input, reason: 'it contains a user name or password; log in through a persistent profile instead (--profile NAME)' });
  }
  if (url.hostname === '') return err({ input, reason: 'it has no host name' });
  return ok(url);
}

export function describeRefusal(r: UrlRefusal): string {
  return `Refused ${JSON.stringify(r.input)}: ${r.reason}.`;
}
