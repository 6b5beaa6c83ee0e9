import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs } from '../../../electron/core/capture/browser/playwright-browser.js';
import { browserPath } from '../../e2e/ui-helpers.js';

/**
 * A page seen in a capture behaves as in the investigator's own Chrome: a
 * third-party frame gets storage of its own (partitioned), where Playwright's
 * test defaults deny it storage altogether. Chromium keeps the last
 * --disable-features it is given, so this shows the capture's list is the
 * one in force.
 */
let server: Server;
let port: number;

beforeAll(async () => {
  server = createServer((req, res) => {
    res.setHeader('content-type', 'text/html');
    if (req.url === '/remember') res.end('<script>localStorage.setItem("seen", "first-party")</script>');
    else if (req.url === '/frame') res.end('<p>frame</p>');
    else res.end(`<iframe src="http://localhost:${port}/frame"></iframe>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function thirdPartyStorage(args: string[]): Promise<string> {
  const executablePath = browserPath();
  const browser = await chromium.launch({ ...(executablePath ? { executablePath } : {}), args });
  try {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`http://localhost:${port}/remember`);
    await page.goto(`http://127.0.0.1:${port}/listing`);
    const frame = page.frames().find((f) => f.url().endsWith('/frame'));
    if (!frame) throw new Error('the third-party frame did not load');
    await frame.waitForLoadState();
    // evaluated in the frame (the tests are typed without the DOM)
    return await frame.evaluate<string>(`(() => {
      try {
        return 'storage: ' + String(localStorage.getItem('seen'));
      } catch (e) {
        return 'denied: ' + e.message;
      }
    })()`);
  } finally {
    await browser.close();
  }
}

describe("the capture browser's Chromium features", () => {
  it('a third-party frame gets partitioned storage, as in Chrome, not the denial of Playwright’s test defaults', async () => {
    expect(await thirdPartyStorage(chromiumArgs())).toBe('storage: null');
    expect(await thirdPartyStorage(['--disable-gpu', ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])])).toMatch(/^denied: .*Access is denied/);
  }, 60_000);
});
