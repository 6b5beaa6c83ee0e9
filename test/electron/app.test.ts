import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { tempDir } from '../helpers/tmp.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The Electron binary if it is already on this machine; never downloads (Electron 42+ would try at first launch). */
function electronBinary(): string | null {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const bin = join(process.env.ELECTRON_OVERRIDE_DIST_PATH, 'electron');
    return existsSync(bin) ? bin : null;
  }
  const pkg = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const bin = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(bin) ? bin : null;
}

const bin = electronBinary();
if (!bin) {
  process.stderr.write('SKIPPED test/electron/app.test.ts: no Electron binary on this machine (Electron 42+ fetch it at first launch, and it cannot be downloaded here). Set ELECTRON_OVERRIDE_DIST_PATH to an Electron 45 folder to run it.\n');
}

describe.skipIf(!bin)('the desktop app (needs an Electron binary)', () => {
  let server: FixtureServer;
  beforeAll(async () => {
    server = await startFixtureServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('launches sandboxed, exposes only the API to its page, and captures a page through it', async () => {
    const { _electron } = await import('playwright');
    const app = await _electron.launch({ executablePath: bin!, args: [root], env: { ...process.env, EXHIBIT_WORKSPACE: join(tempDir(), 'ws') } });
    try {
      const win = await app.firstWindow();
      expect(await win.title()).toContain('Exhibit');
      const exposed = await win.evaluate(() => ({ keys: Object.keys((globalThis as unknown as { exhibit: object }).exhibit).sort(), node: typeof (globalThis as unknown as { require?: unknown }).require }));
      expect(exposed).toEqual({ keys: ['artifactUrl', 'browser', 'call', 'onMenu'], node: 'undefined' });
      const captured = await win.evaluate(async (url) => (globalThis as unknown as { exhibit: { call(op: string, args: unknown): Promise<{ ok: boolean; value?: { outcome: string }[] }> } }).exhibit.call('captures.capture', { urls: [url] }), server.url('/listing'));
      expect(captured).toMatchObject({ ok: true, value: [{ outcome: 'complete' }] });
      // The browser panel: the investigator's own tab, captured through webContents.debugger.
      type Browser = { command(c: unknown): Promise<{ ok: boolean; value?: { outcome?: string } }> };
      const tab = await win.evaluate(async (url) => {
        const b = (globalThis as unknown as { exhibit: { browser: Browser } }).exhibit.browser;
        await b.command({ op: 'show', bounds: { x: 300, y: 60, width: 1000, height: 700 } });
        await b.command({ op: 'go', url });
        return b.command({ op: 'capture' });
      }, server.url('/listing'));
      expect(tab).toMatchObject({ ok: true, value: { outcome: 'complete' } });
      const refused = await win.evaluate(() => (globalThis as unknown as { exhibit: { browser: Browser } }).exhibit.browser.command({ op: 'go', url: 'file:///etc/passwd' }));
      expect(refused).toMatchObject({ ok: false });
    } finally {
      await app.close();
    }
  }, 120_000);
});
