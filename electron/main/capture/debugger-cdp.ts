import type { WebContents } from 'electron';
import type { CdpSession } from '../../core/capture/cdp.js';

/**
 * The capture engine's CDP session over Electron's webContents.debugger, so
 * the investigator's own browser tab (logged in, as they see it) is captured
 * by the same code as the headless CLI. The desktop app's shell wires this to
 * its browser panel; only main-process code may hold a debugger.
 */
export function debuggerSession(contents: WebContents): { cdp: CdpSession; detach(): void } {
  const dbg = contents.debugger;
  if (!dbg.isAttached()) dbg.attach('1.3');
  const handlers = new Map<string, Set<(params: unknown) => void>>();
  const onMessage = (_event: unknown, method: string, params: unknown) => {
    for (const handler of handlers.get(method) ?? []) handler(params);
  };
  dbg.on('message', onMessage);
  return {
    cdp: {
      send: <T>(method: string, params?: Record<string, unknown>) => dbg.sendCommand(method, params) as Promise<T>,
      on: (event, handler) => {
        const set = handlers.get(event) ?? new Set();
        set.add(handler);
        handlers.set(event, set);
        return () => set.delete(handler);
      },
    },
    detach: () => {
      dbg.removeListener('message', onMessage);
      if (dbg.isAttached()) dbg.detach();
    },
  };
}
