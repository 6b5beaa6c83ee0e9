import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_BOUNDS, capturePage } from '../../../electron/core/capture/capture-page.js';
import { sealPageCapture } from '../../../electron/core/capture/capture-service.js';
import { waitForEvent, type CdpSession } from '../../../electron/core/capture/cdp.js';
import { PlaywrightBrowser } from '../../../electron/core/capture/browser/playwright-browser.js';
import { TabRecording } from '../../../electron/core/capture/tab-recording.js';
import type { Workspace } from '../../../electron/core/workspace/workspace.js';
import { ROUTES, startFixtureServer, type FixtureServer, type Handler } from '../../helpers/fixture-server.js';
import { newWorkspace } from '../../helpers/workspace.js';

const BROWSER = process.env.EXHIBIT_CHROMIUM ?? '/usr/bin/chromium';
let server: FixtureServer;
let browser: PlaywrightBrowser;
let ws: Workspace;
const hits = new Map<string, number>();
// Each load of /listing is counted: a capture that loaded the page again would show here.
const counted = (path: string, h: Handler): Handler => (q, r) => {
  hits.set(path, (hits.get(path) ?? 0) + 1);
  h(q, r);
};

beforeAll(async () => {
  server = await startFixtureServer({ ...ROUTES, '/listing': counted('/listing', ROUTES['/listing']!), '/login': counted('/login', (_q, r) => r.end('<title>Sign in</title><form method=post>password</form>')) });
  browser = await PlaywrightBrowser.launch({ executablePath: BROWSER, viewport: { width: 1366, height: 900 }, deviceScaleFactor: 1 });
  ws = await newWorkspace(undefined, 'suite');
}, 60_000);
afterAll(async () => {
  await ws?.close();
  await browser?.close();
  await server?.close();
});

/** The investigator going to an address in the tab, as the address bar does. */
async function go(cdp: CdpSession, url: string): Promise<void> {
  const loaded = waitForEvent(cdp, 'Page.loadEventFired', 15_000);
  await cdp.send('Page.navigate', { url });
  await loaded;
}

describe('capturing the page open in the investigator\u2019s own tab', () => {
  it('takes the page as it is, without loading it again, with the network recorded since the tab opened; earlier pages stay out', async () => {
    const tab = await browser.openTab();
    try {
      const recording = await TabRecording.start(tab.cdp);
      await go(tab.cdp, server.url('/login'));
      await go(tab.cdp, server.url('/listing'));
      expect(hits.get('/listing')).toBe(1);

      const page = await capturePage(tab.cdp, new URL(server.url('/listing')), {
        bounds: DEFAULT_BOUNDS,
        inPlace: recording,
        environment: {
          browser: { product: browser.version, userAgent: 'test', executablePath: BROWSER, source: 'test' },
          viewport: { width: 1366, height: 900, deviceScaleFactor: 1 },
          proxy: null,
          trustedSpki: [],
          profile: { kind: 'persistent', name: 'browser panel' },
          investigator: { name: 'Jane Roe', organisation: 'Acme Legal' },
        },
      });
      expect(hits.get('/listing')).toBe(1);
      expect(page.outcome).toBe('complete');
      expect(page.httpStatus).toBe(200);
      const steps = page.provenance.steps as { name: string; status: string; detail?: string }[];
      expect(steps.find((s) => s.name === 'load')).toMatchObject({ status: 'skipped', detail: expect.stringMatching(/not loaded again/) as unknown });
      expect(page.provenance.recording).toMatchObject({ reloaded: false });

      const har = JSON.parse(page.artifacts.find((a) => a.name === 'network.har')!.source as string) as { log: { entries: { request: { url: string } }[] } };
      const urls = har.log.entries.map((e) => e.request.url);
      expect(urls).toContain(server.url('/listing'));
      expect(urls).toContain(server.url('/api/reviews')); // the lazy part, loaded as the capture scrolled
      expect(urls.some((u) => u.includes('/login'))).toBe(false);
      expect(page.artifacts.find((a) => a.kind === 'document-body')?.source.toString()).toContain('Genuine Leather Handbag');

      const stored = await sealPageCapture(ws, page, {});
      expect(stored.record.manifest.outcome).toBe('complete');
      recording.stop();
    } finally {
      await tab.close();
    }
  });
});
