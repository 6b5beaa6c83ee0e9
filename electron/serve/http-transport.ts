import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dispatch } from '../core/api/dispatch.js';
import { answerArtifact } from '../core/api/artifact-responses.js';
import { answerDossier } from '../core/api/dossier-file.js';
import { apiHandlers } from '../core/api/handlers.js';
import { LongWork } from '../core/api/long-work.js';
import { RecaptureScheduler } from '../core/watch/scheduler.js';
import { BackgroundStamper } from '../core/timestamp/background-stamper.js';
import type { Workspace } from '../core/workspace/workspace.js';
import { announceServe } from '../core/workspace/serve-runtime.js';
import { same } from './http-request.js';
import { send, TEXT, uiHandler } from './ui-http.js';

export { CSP, RENDERER_DIR } from './ui-http.js';

export interface Served {
  url: string;
  origin: string;
  token: string;
  close(): Promise<void>;
}

/**
 * The UI and the API over HTTP, for testing the real UI in a browser where no
 * Electron binary is at hand. Loopback only, on a free port, with one random
 * token printed in the URL to open; the page secret, the Host and Origin
 * checks and the CSP are ui-http.ts's, shared with the team hub.
 */
export interface ServeOptions {
  port?: number;
  rendererDir?: string;
  browserPath?: string;
  /** re-capture what watch rules make due, looking every everyMs, as the desktop app does while open; off when not given */
  watch?: { everyMs: number };
  /** pages re-captured at once (default 2) */
  recaptureConcurrency?: number;
}

export async function startServe(ws: Workspace, opts: ServeOptions = {}): Promise<Served> {
  const token = randomBytes(24).toString('base64url');
  const recapture = new RecaptureScheduler(ws, {
    everyMs: opts.watch?.everyMs ?? null,
    ...(opts.recaptureConcurrency ? { concurrency: opts.recaptureConcurrency } : {}),
    ...(opts.browserPath ? { browserPath: opts.browserPath } : {}),
  });
  const work = new LongWork();
  // Captures are stamped as they are stored; what waits (made offline) is retried every minute.
  const stamper = new BackgroundStamper(ws, { retryEveryMs: 60_000 });
  stamper.poke();
  const handlers = apiHandlers(ws, { recapture, work, stamper, ...(opts.browserPath ? { browserPath: opts.browserPath } : {}) });
  let hosts = new Set<string>();
  const handle = uiHandler<true>({
    ...(opts.rendererDir ? { rendererDir: opts.rendererDir } : {}),
    authenticate: (given) => Promise.resolve(same(given, token) ? true : null),
    api: (_who, op, args) => dispatch(handlers, op, args, 'serve'),
    artifact: (_who, route) => answerArtifact(ws, route),
    dossier: (_who, id, download) => answerDossier(ws, id, download),
    openHint: 'refused: open the URL `exhibit serve` printed (it carries the token)',
    hostAllowed: (host) => hosts.has(host),
  });

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) send(res, 500, TEXT, `internal error: ${(e as Error).message}`);
      else res.destroy();
    });
  });

  await new Promise<void>((r, reject) => server.once('error', reject).listen(opts.port ?? 0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  // The desktop app's browser panel reads this and never opens the port (electron/main/navigation-policy.ts);
  // a serve that cannot say where it listens does not listen.
  const unannounce = await announceServe(ws.dir, port).catch(async (e: unknown) => {
    await new Promise((r) => server.close(r));
    throw e;
  });
  recapture.start();
  const origin = `http://127.0.0.1:${port}`;
  hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    // A run going on finishes the pages under way and stores them before the workspace may close;
    // a dossier being made is cancelled (its partial file removed), a verification stopped.
    close: async () => {
      await new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      });
      await Promise.all([recapture.stop(), work.stop(), stamper.close(), unannounce()]);
    },
  };
}

