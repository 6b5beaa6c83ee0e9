import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { z } from 'zod';
import { isAppSender } from './sender-check.js';

/**
 * The channels between the app's page and the shell. The preload
 * (preload.cts) names them too: a sandboxed preload can require nothing but
 * 'electron', so it cannot import this file.
 */
export const CHANNEL = {
  /** page -> shell: an API call, (op, args), answered by the core's dispatch */
  api: 'exhibit:call',
  /** page -> shell: a browser panel command; shell -> page: the panel's state */
  browser: 'exhibit:browser',
  /** shell -> page: the menu command chosen */
  menu: 'exhibit:menu',
} as const;

export type Refused = { ok: false; error: { kind: 'refused' | 'invalid-input' | 'failed'; message: string } };

/**
 * The one place the shell answers IPC (a lint rule keeps ipcMain.handle out
 * of every other file): the sender is checked, the arguments are parsed from
 * unknown, and a failure comes back as an envelope, since across Electron
 * IPC only an error's message would survive.
 */
export function handleFromApp<S extends z.ZodType>(channel: string, args: S, isAppPage: (url: string) => boolean, handler: (input: z.infer<S>) => Promise<unknown>): void {
  ipcMain.handle(channel, async (event: IpcMainInvokeEvent, ...raw: unknown[]) => {
    if (!isAppSender(event.senderFrame, isAppPage)) return refused('refused', 'refused: not the app window');
    const parsed = args.safeParse(raw);
    if (!parsed.success) return refused('invalid-input', z.prettifyError(parsed.error).replace(/\n/g, '; '));
    try {
      return await handler(parsed.data);
    } catch (e) {
      return refused('failed', e instanceof Error ? e.message : String(e));
    }
  });
}

function refused(kind: Refused['error']['kind'], message: string): Refused {
  return { ok: false, error: { kind, message } };
}
