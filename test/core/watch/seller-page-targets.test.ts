import { describe, expect, it } from 'vitest';
import { MAX_SELLER_PAGES, sellerPages } from '../../../electron/core/watch/queue.js';

/* Which of a seller's pages a watch re-captures: each page once, at its latest address; the profile page a listing linked to when never captured. */

const at = (url: string, requestedUrl = url) => ({ url, requestedUrl });

describe("a watched seller's pages", () => {
  it('each page once (host and path), at the address its latest capture ended at, newest first; the profile page last when never captured', () => {
    const captures = [
      at('https://www.aliexpress.com/store/1102345678?spm=b'),
      at('https://shoprenderview.aliexpress.com/credential/showcredential.htm?storeNum=1102345678'),
      at('https://www.aliexpress.com/store/1102345678/?spm=a'),
    ];
    expect(sellerPages(captures, 'https://www.aliexpress.com/store/1102345678/pages/all-items.html')).toEqual([
      'https://www.aliexpress.com/store/1102345678?spm=b',
      'https://shoprenderview.aliexpress.com/credential/showcredential.htm?storeNum=1102345678',
      'https://www.aliexpress.com/store/1102345678/pages/all-items.html',
    ]);
  });

  it('a profile address captured already, even one that redirected elsewhere, is not added again', () => {
    const profile = 'https://www.amazon.de/gp/help/seller/at-a-glance.html?seller=A1';
    expect(sellerPages([at('https://www.amazon.de/sp?seller=A1', profile)], profile)).toEqual(['https://www.amazon.de/sp?seller=A1']);
    expect(sellerPages([], profile)).toEqual([profile]);
    expect(sellerPages([], null)).toEqual([]);
  });

  it(`at most ${MAX_SELLER_PAGES} pages, the most recently captured`, () => {
    const captures = Array.from({ length: 7 }, (_, i) => at(`https://shop.example/page-${i}`));
    expect(sellerPages(captures, 'https://shop.example/profile')).toEqual(captures.slice(0, MAX_SELLER_PAGES).map((c) => c.url));
  });
});
