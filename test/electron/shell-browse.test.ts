import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Page } from 'playwright';
import { artifactFile } from '../../electron/core/api/handlers.js';
import { APP_PAGE, isAppPage } from '../../electron/main/app-page.js';
import type { ShellStarted } from '../../electron/main/shell.js';
import { EXHIBIT_BIN } from '../helpers/cli.js';
import { ROUTES, startFixtureServer, type FixtureServer, type Handler } from '../helpers/fixture-server.js';
import { suiteTempDir } from '../helpers/tmp.js';
import { appPage, appWorkspace, decided, navigatedTo, panelContents, panelShows, PRELOAD, RENDERER, rendererBuilt } from './shell-harness.js';
import { standIn } from './stand-in/electron.js';

// The shell's real modules, with `electron` answered by the stand-in on real Chromium.
vi.mock('electron', () => import('./stand-in/electron.js'));
const { startShell } = await import('../../electron/main/shell.js');

const hits = new Map<string, number>();
const counted = (path: string, h: Handler): Handler => (q, r) => {
  hits.set(path, (hits.get(path) ?? 0) + 1);
  h(q, r);
};
const page = (body: string): Handler => (_q, r) => {
  r.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  r.end(body);
};
let server: FixtureServer;
let shell: Extract<ShellStarted, { kind: 'started' }>;
let app: Page;
let capturedId = '';
let wsDir = '';
let serveRedirect = '';

beforeAll(async () => {
  if (!rendererBuilt()) throw new Error('dist/renderer is not built: run npm run build (npm test does it first)');
  const routes: Record<string, Handler> = {
    ...ROUTES,
    '/listing': counted('/listing', ROUTES['/listing']!),
    '/r1': counted('/r1', ROUTES['/r1']!),
    '/login': counted('/login', page('<title>Sign in</title><form method=post>password</form>')),
    '/search': page('<title>Search results</title><a id=to-listing href="/r1">Genuine Leather Handbag</a>'),
    '/opens': page('<title>Opens</title><button id=b onclick="window.open(\'/listing\', \'_blank\')">open</button><a id=blank target=_blank href="/listing">new tab</a>'),
    '/hostile': page(`<title>Hostile</title><script>
      const g = globalThis;
      window.reached = { exhibit: typeof g.exhibit, require: typeof g.require, process: typeof g.process, ipc: typeof g.ipcRenderer, electron: typeof g.electron, bridge: Object.getOwnPropertyNames(g).filter((n) => /standin|bridge|exhibit|ipc/i.test(n)) };
    </script>`),
    '/app-target': counted('/app-target', page('<title>Elsewhere</title>')),
    '/to-serve': page('<title>To serve</title><a id=serve-link href="#">the app</a>'),
    '/redirect-to-serve': (_q, r) => {
      r.writeHead(302, { location: serveRedirect });
      r.end();
    },
  };
  server = await startFixtureServer(routes);
  const dir = suiteTempDir();
  wsDir = join(dir, 'ws');
  await appWorkspace(wsDir);
  await standIn.relaunch(join(dir, 'user-data'));
  const started = await startShell({ renderer: RENDERER, preload: PRELOAD, workspaceDir: join(dir, 'ws') });
  if (started.kind !== 'started') throw new Error('the shell did not start');
  shell = started;
  app = (await (shell.win.webContents as unknown as { ready: Promise<Page> }).ready);
  await appPage.browser(app, { op: 'show', bounds: { x: 300, y: 60, width: 1000, height: 700 } });
}, 60_000);

afterAll(async () => {
  await standIn.shutdown();
  await shell?.ws.close().catch(() => undefined);
  await server?.close();
});

describe('the browser panel browses', () => {
  it('follows a link, and the server redirects after it, to the listing', async () => {
    expect(await appPage.browser(app, { op: 'go', url: server.url('/search') })).toMatchObject({ ok: true, value: { url: server.url('/search'), title: 'Search results' } });
    const before = hits.get('/listing') ?? 0;
    const arrived = navigatedTo(panelContents(), server.url('/listing'));
    await panelContents().page!.click('#to-listing');
    await arrived;
    expect(panelContents().getURL()).toBe(server.url('/listing'));
    expect(hits.get('/r1')).toBe(1);
    expect(hits.get('/listing')).toBe(before + 1);
    expect(panelContents().getTitle()).toContain('Genuine Leather Handbag');
    expect(panelContents().navigationHistory.canGoBack()).toBe(true);
  });

  it('goes to an address through a redirect, and back', async () => {
    await appPage.browser(app, { op: 'go', url: server.url('/search') });
    expect(await appPage.browser(app, { op: 'go', url: server.url('/r1') })).toMatchObject({ ok: true, value: { url: server.url('/listing') } });
    await appPage.browser(app, { op: 'back' });
    await panelShows('/search', server.url);
  });

  it('refuses to go out of the web, or to the app itself', async () => {
    await appPage.browser(app, { op: 'go', url: server.url('/search') });
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,hi', APP_PAGE]) {
      expect(await appPage.browser(app, { op: 'go', url })).toMatchObject({ ok: false, error: { kind: 'refused' } });
    }
    expect(panelContents().getURL()).toBe(server.url('/search'));
  });

  it('opens a pop-up of the page (window.open, a target=_blank link) in the panel itself, and no window besides', async () => {
    await appPage.browser(app, { op: 'go', url: server.url('/opens') });
    await panelContents().page!.click('#b');
    await panelShows('/listing', server.url);
    await appPage.browser(app, { op: 'back' });
    await panelShows('/opens', server.url);
    await panelContents().page!.click('#blank');
    await panelShows('/listing', server.url);
    const pages = (await panelContents().ready).context().pages().filter((p) => !p.isClosed());
    await expect.poll(() => pages.filter((p) => !p.isClosed()).length, { timeout: 10_000 }).toBe(1);
    expect(standIn.recorded.dialogs).toEqual([]);
  });

  it('keeps a login cookie, and "Clean session" forgets it', async () => {
    await appPage.browser(app, { op: 'go', url: server.url('/account') });
    expect(panelContents().getTitle()).toBe('Account');
    await appPage.browser(app, { op: 'reload' });
    await expect.poll(() => panelContents().page!.textContent('h1'), { timeout: 10_000 }).toBe('Welcome back, jane');
    const cleaned = (await appPage.browser(app, { op: 'clean' })) as { ok: boolean; value: { cleanedAt: string | null } };
    expect(cleaned.value.cleanedAt).not.toBeNull();
    await appPage.browser(app, { op: 'go', url: server.url('/account') });
    expect(await panelContents().page!.textContent('h1')).toBe('First visit');
  });

  it('refuses a download, and says so: nothing saved, no dialog', async () => {
    await appPage.browser(app, { op: 'go', url: server.url('/search') });
    const heard = app.evaluate(
      () =>
        new Promise((resolve) => {
          const off = (globalThis as unknown as { exhibit: { browser: { onState(l: (s: { downloadsRefused?: unknown[] }) => void): Promise<() => void> } } }).exhibit.browser.onState((s) => {
            if (s.downloadsRefused?.length) resolve(s.downloadsRefused);
          });
          void off;
        }),
    );
    await panelContents().page!.evaluate((u) => {
      (globalThis as unknown as { location: { href: string } }).location.href = u;
    }, server.url('/download'));
    expect(await heard).toEqual([expect.objectContaining({ url: server.url('/download'), filename: 'price-list.xlsx' })]);
    expect(standIn.sessionFor('persist:exhibit-browser').downloads).toEqual([{ url: server.url('/download'), filename: 'price-list.xlsx', outcome: 'cancelled' }]);
    expect(standIn.recorded.dialogs).toEqual([]);
    // In the panel's state, and on the browser screen of the app, where the investigator sees it.
    expect(await appPage.browser(app, { op: 'reload' })).toMatchObject({ ok: true, value: { downloadsRefused: [{ url: server.url('/download'), filename: 'price-list.xlsx', at: expect.stringMatching(/Z$/) }] } });
    await app.evaluate(() => void ((globalThis as unknown as { location: { hash: string } }).location.hash = '#/browser'));
    const shown = app.locator('.browser-downloads');
    await expect.poll(() => shown.textContent(), { timeout: 10_000 }).toContain('price-list.xlsx');
    expect(await shown.textContent()).toContain('refused, never saved, and no dialog opened');
    expect(await shown.textContent()).toContain(server.url('/download'));
    if (process.env.EXHIBIT_SCREENSHOTS) await app.screenshot({ path: join(process.env.EXHIBIT_SCREENSHOTS, 'browser-download-refused.png') });
    await app.evaluate(() => void ((globalThis as unknown as { location: { hash: string } }).location.hash = '#/'));
    await expect.poll(() => app.locator('.browser-downloads').count(), { timeout: 10_000 }).toBe(0);
  });

  it('grants the browsed site no permission, asked or checked', async () => {
    const s = standIn.sessionFor('persist:exhibit-browser');
    expect(s.permissionCheck?.(null, 'media', server.url('/'), {})).toBe(false);
    const answers: boolean[] = [];
    s.permissionRequest?.(null, 'notifications', (g) => answers.push(g), {});
    expect(answers).toEqual([false]);
  });
});

describe('the browser panel and a running exhibit serve', () => {
  let serve: ChildProcess | null = null;
  afterAll(() => {
    serve?.kill('SIGKILL');
  });

  it('never opens the serve of its workspace: not by address, link or redirect, by any local name; and opens the port again once serve has stopped', async () => {
    serve = spawn(process.execPath, [EXHIBIT_BIN, 'serve', '--workspace', wsDir, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const origin = await new Promise<string>((resolve, reject) => {
      let out = '';
      serve!.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /"origin":\s*"(http:\/\/127\.0\.0\.1:\d+)"/.exec(out);
        if (m) resolve(m[1]!);
      });
      serve!.once('exit', (code) => reject(new Error(`exhibit serve exited ${code}: ${out}`)));
    });
    const port = new URL(origin).port;
    // serve is there and answers: what is refused is refused by the shell, not by a closed port.
    expect((await fetch(`${origin}/`)).status).toBeLessThan(500);
    expect(readdirSync(join(wsDir, 'run'))).toEqual([`serve-${serve.pid}.json`]);

    await appPage.browser(app, { op: 'go', url: server.url('/to-serve') });
    for (const url of [`${origin}/`, `http://localhost:${port}/`, `http://127.1:${port}/?token=x`, `http://[::1]:${port}/`]) {
      const r = await appPage.browser(app, { op: 'go', url });
      expect({ url, r }).toMatchObject({ url, r: { ok: false, error: { kind: 'refused', message: expect.stringContaining('exhibit serve') } } });
    }
    expect(panelContents().getURL()).toBe(server.url('/to-serve'));

    // A link the page offers: will-navigate is cancelled, the page stays.
    const link = `${origin}/?from=link`;
    await panelContents().page!.evaluate((u) => ((globalThis as unknown as { document: { getElementById(i: string): { setAttribute(a: string, v: string): void } } }).document.getElementById('serve-link').setAttribute('href', u)), link);
    const linkStopped = decided(panelContents(), link);
    await panelContents().page!.click('#serve-link');
    expect(await linkStopped).toMatchObject({ cancelled: true, isMainFrame: true });
    expect(panelContents().getURL()).toBe(server.url('/to-serve'));

    // A server redirect there: will-redirect is cancelled, the navigation stops.
    serveRedirect = `http://localhost:${port}/?from=redirect`;
    const redirectStopped = decided(panelContents(), serveRedirect);
    const went = await appPage.browser(app, { op: 'go', url: server.url('/redirect-to-serve') });
    expect(await redirectStopped).toMatchObject({ cancelled: true });
    expect(went).toMatchObject({ ok: false });
    expect(panelContents().getURL()).not.toContain(`:${port}`);

    // serve stopped: its announcement goes with it, and the port is an ordinary one again.
    const exited = new Promise((r) => serve!.once('exit', r));
    serve.kill('SIGINT');
    await exited;
    serve = null;
    expect(existsSync(join(wsDir, 'run', 'serve-0.json'))).toBe(false);
    expect(readdirSync(join(wsDir, 'run'))).toEqual([]);
    const after = await appPage.browser(app, { op: 'go', url: `${origin}/` });
    expect(after).not.toMatchObject({ error: { message: expect.stringContaining('exhibit serve') } });
  }, 60_000);
});

describe('capturing the page in the panel', () => {
  it('captures it in place: not loaded again, and the page before it left out', async () => {
    await appPage.browser(app, { op: 'go', url: server.url('/login') });
    await appPage.browser(app, { op: 'go', url: server.url('/listing') });
    const loads = hits.get('/listing');
    const captured = (await appPage.browser(app, { op: 'capture', note: 'seen in the panel' })) as { ok: boolean; value: { id: string; outcome: string } };
    expect(captured).toMatchObject({ ok: true, value: { outcome: 'complete' } });
    capturedId = captured.value.id;
    expect(hits.get('/listing')).toBe(loads);
    const har = await artifactFile(shell.ws, captured.value.id, 'network.har');
    const urls = (JSON.parse(readFileSync(har!.path, 'utf8')) as { log: { entries: { request: { url: string } }[] } }).log.entries.map((e) => e.request.url);
    expect(urls).toContain(server.url('/listing'));
    expect(urls).toContain(server.url('/img/hero.png'));
    expect(urls).not.toContain(server.url('/login'));
    const shot = await artifactFile(shell.ws, captured.value.id, 'screenshot-full.png');
    expect(readFileSync(shot!.path).subarray(1, 4).toString()).toBe('PNG');
  });

  it('serves the capture\u2019s screenshot to the app through exhibit-artifact:, and nothing else', async () => {
    const id = capturedId;
    expect(id).not.toBe('');
    const shot = await standIn.fetchScheme(`exhibit-artifact://capture/${id}/screenshot-full.png`);
    expect(shot.status).toBe(200);
    expect(shot.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await shot.arrayBuffer()).subarray(1, 4).toString()).toBe('PNG');
    for (const url of [`exhibit-artifact://capture/${id}/dom.html`, `exhibit-artifact://capture/${id}/network.har`, `exhibit-artifact://capture/${id}/..%2F..%2Fsigning-key.pem`, `exhibit-artifact://capture/..%2F..%2F..%2Fetc/passwd`, `exhibit-artifact://other/${id}/screenshot-full.png`]) {
      expect({ url, status: (await standIn.fetchScheme(url)).status }).toEqual({ url, status: 404 });
    }
  });
});

describe('the app\u2019s own window', () => {
  it('is served from app://exhibit/, with its CSP, and nothing outside the renderer folder', async () => {
    const index = await standIn.fetchScheme(APP_PAGE);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toMatch(/script-src 'self'.*/);
    expect(index.headers.get('content-security-policy')).toContain("img-src 'self' exhibit-artifact: blob: data:");
    for (const url of ['app://exhibit/../../package.json', 'app://exhibit/%2e%2e/%2e%2e/package.json', 'app://exhibit/..%2F..%2Fpackage.json', 'app://other/index.html', 'app://exhibit/assets/none.js']) {
      expect({ url, status: (await standIn.fetchScheme(url)).status }).toEqual({ url, status: 404 });
    }
  });

  it('does not navigate away, and a window it asks for goes to the system browser only if the user says so', async () => {
    const stopped = decided(shell.win.webContents as never, server.url('/app-target'));
    await app.evaluate((u) => {
      (globalThis as unknown as { location: { href: string } }).location.href = u;
    }, server.url('/app-target'));
    expect(await stopped).toMatchObject({ cancelled: true });
    expect(hits.get('/app-target')).toBeUndefined();
    expect(isAppPage(shell.win.webContents.getURL())).toBe(true);

    standIn.recorded.dialogAnswer = 1;
    await app.evaluate((u) => void (globalThis as unknown as { open(u: string): unknown }).open(u), server.url('/listing'));
    await expect.poll(() => standIn.recorded.dialogs.length, { timeout: 10_000 }).toBe(1);
    expect(standIn.recorded.external).toEqual([]);
    standIn.recorded.dialogAnswer = 0;
    await app.evaluate((u) => void (globalThis as unknown as { open(u: string): unknown }).open(u), server.url('/app-target'));
    await expect.poll(() => standIn.recorded.external, { timeout: 10_000 }).toEqual([server.url('/app-target')]);
    expect(hits.get('/app-target')).toBeUndefined();
    // The stand-in closes a denied pop-up as soon as Chromium reports it, which may be just after the handler answered.
    await expect.poll(() => app.context().pages().filter((p) => !p.isClosed()), { timeout: 10_000 }).toEqual([app]);
  });

  it('answers its own page, and only it: a page in the panel, a sub-frame or another origin is refused', async () => {
    expect(await appPage.call(app, 'workspace.info', {})).toMatchObject({ ok: true });
    expect(await appPage.call(app, 'no.such.op', {})).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect(await appPage.browser(app, { op: 'go', url: server.url('/listing'), extra: 1 })).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    const { ipcMain } = await import('./stand-in/electron.js');
    const appUrl = shell.win.webContents.getURL();
    expect(isAppPage(appUrl)).toBe(true);
    for (const frame of [{ url: panelContents().getURL(), parent: null }, { url: appUrl, parent: { url: appUrl } }, { url: 'https://evil.example/', parent: null }]) {
      expect(await ipcMain.invokeFrom(frame, 'exhibit:call', 'workspace.info', {})).toEqual({ ok: false, error: { kind: 'refused', message: 'refused: not the app window' } });
      expect(await ipcMain.invokeFrom(frame, 'exhibit:browser', { op: 'go', url: server.url('/listing') })).toMatchObject({ ok: false, error: { kind: 'refused' } });
    }
  });

  it('gives a page in the panel nothing to reach the shell with', async () => {
    await appPage.browser(app, { op: 'go', url: server.url('/hostile') });
    expect(await panelContents().page!.evaluate(() => (globalThis as unknown as { reached: unknown }).reached)).toEqual({ exhibit: 'undefined', require: 'undefined', process: 'undefined', ipc: 'undefined', electron: 'undefined', bridge: [] });
    // The app's window does have the bridge: the check above can see one.
    expect(await app.evaluate(() => Object.keys((globalThis as unknown as { exhibit: object }).exhibit).sort())).toEqual(['artifactUrl', 'browser', 'call', 'onMenu']);
  });
});
