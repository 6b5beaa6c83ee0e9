import { describe, expect, it } from 'vitest';
import { detectBlocked } from '../../../electron/core/capture/blocked.js';
import { outcomeOfNetError, outcomeOfStatus } from '../../../electron/core/capture/outcome.js';

const page = (over: Partial<{ url: string; title: string; text: string; html: string }>) => ({ url: 'https://www.example.com/item/1', title: 'Item', text: 'A listing', html: '<html></html>', ...over });

describe('blocked pages are recognised, listings are not', () => {
  it.each([
    ['Amazon robot check', page({ url: 'https://www.amazon.de/errors/validateCaptcha?amzn=x', title: 'Amazon.de' })],
    ['Amazon sign-in wall', page({ url: 'https://www.amazon.com/ap/signin?openid.return_to=x' })],
    ['eBay challenge', page({ url: 'https://www.ebay.com/splashui/challenge?ap=1' })],
    ['Taobao slider', page({ text: '亲，请拖动下方滑块完成验证' })],
    ['AliExpress punish page', page({ url: 'https://www.aliexpress.com/_____tmd_____/punish?x5secdata=abc' })],
    ['DataDome', page({ html: '<iframe src="https://geo.captcha-delivery.com/captcha/?initialCid=1"></iframe>' })],
    ['reCAPTCHA widget', page({ html: '<div class="g-recaptcha" data-sitekey="x"></div>' })],
    ['Cloudflare check', page({ title: 'Just a moment...', text: 'Checking if the site connection is secure' })],
    ['French robot check', page({ text: "Veuillez confirmer que vous n'êtes pas un robot" })],
  ])('%s', (_name, p) => {
    expect(detectBlocked(p)).not.toBeNull();
  });

  it('a listing that mentions robots or captchas in passing is not blocked', () => {
    expect(detectBlocked(page({ title: 'Robot vacuum cleaner X200', text: 'The robot cleans while you are away. Price: 199 €' }))).toBeNull();
  });
});

describe('outcomes', () => {
  it('maps Chrome network errors', () => {
    expect(outcomeOfNetError('net::ERR_NAME_NOT_RESOLVED')).toBe('dns-failure');
    expect(outcomeOfNetError('net::ERR_CONNECTION_REFUSED')).toBe('connection-refused');
    expect(outcomeOfNetError('net::ERR_CERT_DATE_INVALID')).toBe('tls-error');
    expect(outcomeOfNetError('net::ERR_SSL_PROTOCOL_ERROR')).toBe('tls-error');
    expect(outcomeOfNetError('net::ERR_TOO_MANY_REDIRECTS')).toBe('redirect-loop');
    expect(outcomeOfNetError('net::ERR_CONNECTION_RESET')).toBe('network-error');
  });
  it('maps HTTP statuses; success is decided by the page, not here', () => {
    expect([200, 301, 404, 410, 403, 500, 503].map(outcomeOfStatus)).toEqual([null, null, 'not-found', 'gone', 'http-error', 'server-error', 'server-error']);
  });
});
