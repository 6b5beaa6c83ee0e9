/** The frame an IPC message came from, as much of it as the check needs. */
export interface SenderFrame {
  url: string;
  parent: unknown;
}

/** Only the app's own main frame may call the shell: never a captured site, never a sub-frame. Kept free of Electron, so it is tested in plain Node. */
export function isAppSender(frame: SenderFrame | null | undefined, isAppPage: (url: string) => boolean): boolean {
  return !!frame && frame.parent === null && isAppPage(frame.url);
}
