import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { dispatch } from '../core/api/dispatch.js';
import type { apiHandlers } from '../core/api/handlers.js';

export const API_CHANNEL = 'exhibit:call';

/**
 * The only IPC the app has, wrapped once: the sender must be the app's own
 * main frame (never a captured site, never a sub-frame), and the operation and
 * its arguments are parsed from unknown by the same dispatch the HTTP
 * transport uses.
 */
export function serveApiOverIpc(handlers: ReturnType<typeof apiHandlers>, isAppPage: (url: string) => boolean): void {
  ipcMain.handle(API_CHANNEL, (event: IpcMainInvokeEvent, op: unknown, args: unknown) => {
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null || !isAppPage(frame.url)) {
      return { ok: false, error: { kind: 'refused', message: 'refused: not the app window' } };
    }
    return dispatch(handlers, op, args, 'desktop');
  });
}
