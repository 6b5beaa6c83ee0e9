import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dispatch } from '../core/api/dispatch.js';
import { hubAppHandlers } from '../core/hub/app-api.js';
import { HubEvidence } from '../core/hub/app-evidence.js';
import type { HubPool } from '../core/hub/db.js';
import type { HubObjectStore } from '../core/hub/object-store.js';
import { userByToken, type HubUser } from '../core/hub/users.js';
import { uiHandler } from './ui-http.js';

export interface HubApp {
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** where the hub listens: on loopback, a Host must name it (no DNS rebinding); on another address, any Host (every request still needs a person's token) */
  listening(address: { port: number; loopback: boolean }): void;
  close(): Promise<void>;
}

/**
 * The app (the desktop app's UI, built in dist/renderer) served by the team
 * hub: the same page, CSP and token handling as `exhibit serve` (ui-http.ts),
 * each person signing in with their own token; its API answered from the
 * hub's catalogue and object store, read-only (core/hub/app-api.ts).
 */
export async function hubApp(pool: HubPool, store: HubObjectStore, o: { name: string; rendererDir?: string }): Promise<HubApp> {
  const cacheDir = await mkdtemp(join(tmpdir(), 'exhibit-hub-app-'));
  const evidence = new HubEvidence(pool, store, cacheDir);
  let allowed: (host: string) => boolean = () => false;
  const handle = uiHandler<HubUser>({
    ...(o.rendererDir ? { rendererDir: o.rendererDir } : {}),
    authenticate: async (token) => (await userByToken(pool, token)) ?? null,
    api: (user, op, args) => dispatch(hubAppHandlers(pool, evidence, user, o.name), op, args, 'serve'),
    artifact: (_user, route) => evidence.answer(route),
    pageMeta: { 'exhibit-hub': o.name },
    openHint: 'refused: open the hub with your token, at /?token=YOUR_TOKEN (`exhibit hub user add` gives one)',
    hostAllowed: (host) => allowed(host),
  });
  return {
    handle,
    listening: ({ port, loopback }) => {
      const own = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
      allowed = loopback ? (host) => own.has(host) : (host) => host.length > 0;
    },
    close: () => rm(cacheDir, { recursive: true, force: true }),
  };
}
