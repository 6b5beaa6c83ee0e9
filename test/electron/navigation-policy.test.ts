import { describe, expect, it } from 'vitest';
import { decideNavigation, type NavigationContext } from '../../electron/main/navigation-policy.js';
import { isAppSender } from '../../electron/main/sender-check.js';
import { APP_PAGE, isAppPage, rendererFile } from '../../electron/main/app-page.js';

// Plain Node: the decisions the shell takes on every navigation and every IPC message, without Electron.
const APP = 'file:///opt/Exhibit/resources/app.asar/dist/renderer/index.html';
let servePorts: number[] = [4711];
const ctx: NavigationContext = { isAppPage: (u) => u === APP || u.startsWith(`${APP}#`), refusedLocalPorts: () => servePorts };
const allowed = (view: 'app' | 'panel', from: string, to: string) => decideNavigation(view, from, to, ctx).allow;

describe('the browser panel browses the web', () => {
  it('follows a link and a server redirect to another http(s) page, on the same site or another', () => {
    expect(allowed('panel', 'https://amazon.com/', 'https://www.amazon.com/')).toBe(true);
    expect(allowed('panel', 'https://www.amazon.com/dp/B01', 'https://www.amazon.com/ap/signin?return=/dp/B01')).toBe(true);
    expect(allowed('panel', 'http://shop.example/item/1', 'https://cdn.example.org/other')).toBe(true);
    // the panel's first page: it starts blank
    expect(allowed('panel', '', 'https://www.ebay.com/itm/1')).toBe(true);
    expect(allowed('panel', 'about:blank', 'http://127.0.0.1:8080/listing')).toBe(true);
  });

  it('never goes to another scheme, the app itself, Exhibit\u2019s own local server, or an address with credentials', () => {
    for (const to of ['file:///etc/passwd', 'data:text/html,<script>alert(1)</script>', 'javascript:alert(1)', 'chrome://settings', 'devtools://devtools/bundled/inspector.html', 'about:blank', 'ftp://files.example/x', 'exhibit-artifact://capture/c1/screenshot-full.png', APP, `${APP}#/captures`]) {
      const d = decideNavigation('panel', 'https://shop.example/', to, ctx);
      expect({ to, allow: d.allow }).toEqual({ to, allow: false });
      if (!d.allow) expect(d.reason).not.toBe('');
    }
    expect(allowed('panel', 'https://shop.example/', 'http://127.0.0.1:4711/?token=abc')).toBe(false);
    expect(allowed('panel', 'https://shop.example/', 'http://127.0.0.1:4712/')).toBe(true);
    expect(allowed('panel', 'https://shop.example/', 'https://jane:secret@shop.example/')).toBe(false);
    expect(allowed('panel', 'https://shop.example/', 'not a url')).toBe(false);
  });
});

describe('the browser panel and a running exhibit serve', () => {
  it('never opens its port, by any name of this machine', () => {
    servePorts = [4711];
    for (const to of ['http://127.0.0.1:4711/', 'http://localhost:4711/api', 'http://LOCALHOST.:4711/', 'http://app.localhost:4711/', 'http://127.1:4711/', 'http://0x7f000001:4711/', 'http://127.0.0.2:4711/', 'http://[::1]:4711/', 'http://[::ffff:127.0.0.1]:4711/', 'http://0.0.0.0:4711/', 'https://127.0.0.1:4711/']) {
      const d = decideNavigation('panel', 'https://shop.example/', to, ctx);
      expect({ to, allow: d.allow }).toEqual({ to, allow: false });
      if (!d.allow) expect(d.reason).toContain('exhibit serve');
    }
  });

  it('opens other local ports, the same port elsewhere, and the port once serve has stopped', () => {
    servePorts = [4711];
    for (const to of ['http://127.0.0.1:4712/', 'http://localhost:8080/', 'https://shop.example:4711/', 'http://192.0.2.10:4711/', 'http://localhost.example.com:4711/']) expect({ to, allow: allowed('panel', '', to) }).toEqual({ to, allow: true });
    servePorts = [];
    expect(allowed('panel', '', 'http://127.0.0.1:4711/')).toBe(true);
    // Port 80 and 443 are ports too: a serve on 80 refuses the bare address.
    servePorts = [80];
    expect(allowed('panel', '', 'http://localhost/')).toBe(false);
    expect(allowed('panel', '', 'https://localhost/')).toBe(true);
    servePorts = [4711];
  });
});

describe('the app\u2019s own window', () => {
  it('stays on its page: only its own #routes', () => {
    expect(allowed('app', APP, `${APP}#/captures`)).toBe(true);
    expect(allowed('app', `${APP}#/captures`, `${APP}#/sellers/s1`)).toBe(true);
  });

  it('never leaves it: not for the web, another file, the same file with a query, or anything else', () => {
    for (const to of ['https://www.amazon.com/', 'http://127.0.0.1:4711/', 'file:///etc/passwd', `${APP}?x=1`, 'file:///opt/Exhibit/resources/app.asar/dist/renderer/other.html', 'javascript:alert(1)', 'data:text/html,hi', 'about:blank']) {
      expect({ to, allow: allowed('app', APP, to) }).toEqual({ to, allow: false });
    }
    // a window of the app that is somewhere else already (it should not be) does not get to move on either
    expect(allowed('app', 'https://evil.example/', `${APP}#/`)).toBe(false);
  });
});

describe('who may call the shell over IPC', () => {
  it('the app\u2019s own main frame only', () => {
    expect(isAppSender({ url: `${APP}#/captures`, parent: null }, ctx.isAppPage)).toBe(true);
    expect(isAppSender({ url: APP, parent: { url: APP } }, ctx.isAppPage)).toBe(false);
    expect(isAppSender({ url: 'https://evil.example/', parent: null }, ctx.isAppPage)).toBe(false);
    expect(isAppSender(null, ctx.isAppPage)).toBe(false);
  });
});

describe('the app\u2019s page at app://exhibit/', () => {
  const root = '/opt/Exhibit/dist/renderer';
  it('is its index.html, whatever its #route, and nothing else', () => {
    expect(isAppPage(APP_PAGE)).toBe(true);
    expect(isAppPage(`${APP_PAGE}#/captures`)).toBe(true);
    for (const url of ['app://exhibit/', 'app://exhibit/index.html?x', 'app://exhibit/other.html', 'app://evil/index.html', 'file:///opt/Exhibit/dist/renderer/index.html']) expect({ url, app: isAppPage(url) }).toEqual({ url, app: false });
  });

  it('serves files of the renderer folder only', () => {
    expect(rendererFile(root, APP_PAGE)).toBe(`${root}/index.html`);
    expect(rendererFile(root, 'app://exhibit/')).toBe(`${root}/index.html`);
    expect(rendererFile(root, 'app://exhibit/assets/index-1.js')).toBe(`${root}/assets/index-1.js`);
    // The URL itself folds a literal ../ away: what is left is looked for inside the folder.
    expect(rendererFile(root, 'app://exhibit/../../index.html')).toBe(`${root}/index.html`);
    expect(rendererFile(root, 'app://exhibit/%2e%2e/%2e%2e/x.js')).toBe(`${root}/x.js`);
    for (const url of ['app://exhibit/../../package.json', 'app://exhibit/..%2F..%2Fpackage.json', 'app://exhibit/a%5C..%5C..%5Cx.js', 'app://exhibit/x%00.js', 'app://exhibit/%E0%A4%A.js', 'app://exhibit/assets/index-1.js.map', 'app://exhibit/secret.pem', 'app://other/index.html', 'https://exhibit/index.html']) {
      expect({ url, file: rendererFile(root, url) }).toEqual({ url, file: null });
    }
  });
});
