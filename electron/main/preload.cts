// CommonJS on purpose: a sandboxed preload cannot be an ES module.
import { contextBridge, ipcRenderer } from 'electron';

/**
 * What the app's page may do: call the API, command the browser panel and
 * hear its state, and hear which menu command was chosen: three channels,
 * named as in ipc.ts (CHANNEL), answered on the main side by its one
 * wrapper, which checks the sender and parses the arguments. No
 * ipcRenderer, no Node, no channel names reach the page.
 */
contextBridge.exposeInMainWorld('exhibit', {
  call: (op: string, args: unknown): Promise<unknown> => ipcRenderer.invoke('exhibit:call', op, args),
  artifactUrl: (captureId: string, name: string): string => `exhibit-artifact://capture/${encodeURIComponent(captureId)}/${encodeURIComponent(name)}`,
  /** The browser panel: navigate, clean the session, capture the page shown. */
  browser: {
    command: (command: unknown): Promise<unknown> => ipcRenderer.invoke('exhibit:browser', command),
    /** returns the function that stops listening: the screen listens only while it is shown */
    onState: (listener: (state: unknown) => void): (() => void) => {
      const heard = (_event: unknown, state: unknown) => listener(state);
      ipcRenderer.on('exhibit:browser', heard);
      return () => {
        ipcRenderer.removeListener('exhibit:browser', heard);
      };
    },
  },
  onMenu: (listener: (command: string) => void): void => {
    ipcRenderer.on('exhibit:menu', (_event, command: unknown) => {
      if (typeof command === 'string') listener(command);
    });
  },
});
