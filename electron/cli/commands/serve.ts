import { startServe } from '../../serve/http-transport.js';
import { positiveInt } from '../args.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { openWorkspace } from '../open-workspace.js';

export const serveCommand: Command = {
  name: 'serve',
  summary: "the desktop app's UI in a browser, on this machine only",
  usage: 'exhibit serve [--port N] [--browser PATH] [--workspace DIR] [--json]',
  help: `Serves the same UI and the same API as the desktop app over HTTP on
127.0.0.1 only, on a free port (or --port N), and prints the URL to open: it
carries a random token without which every request is refused. For where the
desktop app cannot run, and for testing the UI in a browser. Stops on Ctrl+C.

  --port N         listen on this port (default: a free one)
  --browser PATH   the Chromium, Chrome or Edge captures use`,
  options: { port: { type: 'string' }, browser: { type: 'string' } },
  positionals: { min: 0, max: 0 },
  async run({ values, out, workspaceDir }) {
    const port = positiveInt(values.port, '--port', 1, 65535);
    const ws = await openWorkspace(workspaceDir);
    let served;
    try {
      served = await startServe(ws, { ...(port ? { port } : {}), ...(typeof values.browser === 'string' ? { browserPath: values.browser } : {}) });
    } catch (e) {
      await ws.close();
      throw new UsageError(`Cannot listen on 127.0.0.1${port ? `:${port}` : ''}: ${(e as Error).message}`);
    }
    out.data({ url: served.url, origin: served.origin, workspace: ws.dir });
    out.line(`Exhibit is serving ${ws.dir}\nOpen: ${served.url}\n(this machine only; Ctrl+C stops it)`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await served.close();
    await ws.close();
    return EXIT.ok;
  },
};
