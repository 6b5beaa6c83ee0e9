import { describe, expect, it } from 'vitest';
import { parseCaptureUrl } from '../../../electron/core/capture/url-policy.js';

describe('capture URL policy', () => {
  it('accepts http and https pages', () => {
    const r = parseCaptureUrl('  https://www.ebay.com/itm/1234567890?hash=x  ');
    expect(r.ok && r.value.href).toBe('https://www.ebay.com/itm/1234567890?hash=x');
    expect(parseCaptureUrl('http://127.0.0.1:8080/listing').ok).toBe(true);
  });

  it.each([
    ['file:///etc/passwd', 'the file: scheme is not captured'],
    ['javascript:alert(1)', 'the javascript: scheme is not captured'],
    ['data:text/html,<h1>x</h1>', 'the data: scheme is not captured'],
    ['chrome://settings', 'the chrome: scheme is not captured'],
    ['about:blank', 'the about: scheme is not captured'],
    ['ftp://example.com/x', 'the ftp: scheme is not captured'],
    ['not a url', 'not a valid URL'],
    ['https://', 'not a valid URL'],
    ['', 'empty'],
    ['https://user:secret@www.amazon.com/dp/B000', 'contains a user name or password'],
  ])('refuses %s', (input, reason) => {
    const r = parseCaptureUrl(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.reason).toContain(reason);
  });
});
