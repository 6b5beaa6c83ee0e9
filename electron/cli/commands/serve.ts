import { startServe } from '../../serve/http-transport.js';
import { positiveInt } from '../args.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { openWorkspace } from '../open-workspace.js';

export const serveCommand: Command = {
  name: 'serve',
  summary: "the desktop app's UI in a browser, on this machine only",
  usage: 'exhibit serve [--port N] [--browser PATH] [--watch [--watch-every S]] [--workspace DIR] [--json]',
  help: `Serves the same UI and the same API as the desktop app over HTTP on
127.0.0.1 only, on a free port (or --port N), and prints the URL to open: it
carries a random token without which every request is refused. For where the
desktop app cannot run, and for testing the UI in a browser. Stops on Ctrl+C.
The browser program captures run is not changed through it (use --browser
here, or exhibit settings --browser PATH).

  --port N         listen on this port (default: a free one)
  --browser PATH   the Chromium, Chrome or Edge captures use
  --watch          while serving, re-capture what watch rules make due and run
                   the watched searches that are due (exhibit monitor), as the
                   desktop app does while it is open (off unless asked: a run
                   captures pages on the web on its own)
  --watch-every S  how often to look for due re-captures, in seconds (default 60)`,
  options: { port: { type: 'string' }, browser: { type: 'string' }, watch: { type: 'boolean' }, 'watch-every': { type: 'string' } },
  positionals: { min: 0, max: 0 },
  async run({ values, out, workspaceDir }) {
    const port = positiveInt(values.port, '--port', 1, 65535);
    const every = positiveInt(values['watch-every'], '--watch-every', 1, 86_400);
    if (every !== undefined && values.watch !== true) throw new UsageError('--watch-every S goes with --watch');
    const ws = await openWorkspace(workspaceDir);
    let served;
    try {
      served = await startServe(ws, {
        ...(port ? { port } : {}),
        ...(typeof values.browser === 'string' ? { browserPath: values.browser } : {}),
        ...(values.watch === true ? { watch: { everyMs: (every ?? 60) * 1000 } } : {}),
      });
    } catch (e) {
      await ws.close();
      throw new UsageError(`Cannot listen on 127.0.0.1${port ? `:${port}` : ''}: ${(e as Error).message}`);
    }
    out.data({ url: served.url, origin: served.origin, workspace: ws.dir, watchEverySeconds: values.watch === true ? (every ?? 60) : null });
    out.line(`Exhibit is serving ${ws.dir}\nOpen: ${served.url}\n(this machine only; Ctrl+C stops it)`);
    if (values.watch === true) out.line(`Re-capturing what watch rules make due, looking every ${every ?? 60} s.`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await served.close();
    await ws.close();
    return EXIT.ok;
  },
};
