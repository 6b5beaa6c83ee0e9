import { app, session, shell, dialog, type WebContents } from 'electron';
import { CSP } from '../serve/http-transport.js';

/**
 * Electron's security checklist, applied once for every window and view:
 * app pages get a strict CSP; no window navigates away or opens another;
 * every permission request is denied; links to the web open in the system
 * browser, http(s) only, after the user says yes.
 */
export function hardenApp(isAppPage: (url: string) => boolean): void {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...details.responseHeaders };
    // The app's pages may also show screenshots through the artifact scheme (artifact-protocol.ts).
    if (isAppPage(details.url)) headers['Content-Security-Policy'] = [CSP.replace("img-src 'self'", "img-src 'self' exhibit-artifact:")];
    callback({ responseHeaders: headers });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppPage(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppPage(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      void offerExternal(contents, url);
      return { action: 'deny' };
    });
  });
}

async function offerExternal(contents: WebContents, url: string): Promise<void> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return;
  const choice = await dialog.showMessageBox({
    type: 'question',
    buttons: ['Open in my browser', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    message: 'Open this address in your web browser?',
    detail: parsed.href,
  });
  if (choice.response === 0 && !contents.isDestroyed()) await shell.openExternal(parsed.href);
}
