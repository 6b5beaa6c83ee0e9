import { app, session, shell, dialog, type WebContents } from 'electron';
import { drop } from '../core/util/drop.js';
import { decideNavigation, type NavigationContext, type ShellView } from './navigation-policy.js';

/** The browser panel's partition: its own, persistent so a login survives, never the app's session. */
export const BROWSER_PARTITION = 'persist:exhibit-browser';

/** The panel is whatever browses in its partition; everything else is the app's own window. */
export function viewOf(contents: WebContents): ShellView {
  return contents.session === session.fromPartition(BROWSER_PARTITION) ? 'panel' : 'app';
}

/**
 * Electron's security checklist, applied once for every window and view
 * (the app's page gets its strict CSP from app-protocol.ts): every navigation goes through one policy
 * (navigation-policy.ts): the app's window stays on its page, the browser
 * panel browses the web; every permission request of the app's session is
 * denied; a window the app's page asks for is offered to the system
 * browser, http(s) only, after the user says yes, and one the panel's page
 * asks for opens in the panel.
 */
export function hardenApp(ctx: NavigationContext): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  app.on('web-contents-created', (_event, contents) => {
    const guard = (event: { preventDefault(): void }, to: string) => {
      if (!decideNavigation(viewOf(contents), contents.getURL(), to, ctx).allow) event.preventDefault();
    };
    contents.on('will-navigate', (event) => guard(event, event.url));
    contents.on('will-redirect', (event) => guard(event, event.url));
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      // Pop-ups of the panel open in the panel, where the investigator can see and capture them.
      if (viewOf(contents) === 'panel') {
        if (decideNavigation('panel', contents.getURL(), url, ctx).allow) drop(contents.loadURL(url));
      } else drop(offerExternal(contents, url));
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
