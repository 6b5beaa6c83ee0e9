import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright';
import { expect } from 'vitest';
import { writeSettings } from '../../electron/core/workspace/settings.js';
import { Workspace } from '../../electron/core/workspace/workspace.js';
import type { StandInWebContents } from './stand-in/web-contents.js';
import { standIn } from './stand-in/electron.js';

/*
 * Starting the real shell (electron/main/shell.ts) on the stand-in. The test
 * file mocks 'electron' with the stand-in before importing this.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
/** The renderer bundle's folder as `npm run build` makes it (npm test builds first). */
export const RENDERER = join(root, 'dist/renderer');
/** The real preload, from its source: the stand-in compiles it as tsc would. */
export const PRELOAD = join(root, 'electron/main/preload.cts');

export function rendererBuilt(): boolean {
  try {
    return readFileSync(join(RENDERER, 'index.html'), 'utf8').includes('<div id="root">');
  } catch {
    return false;
  }
}

/** A workspace for the app, its clock check off (no NTP server is reachable here). */
export async function appWorkspace(dir: string): Promise<void> {
  const made = await Workspace.init(dir, { investigator: 'Jane Roe', organisation: 'Acme Legal' });
  if (!made.ok) throw new Error(`init failed: ${made.error.kind}`);
  await writeSettings(made.value.db, { ntpServers: 'none' });
  await made.value.close();
}

export const panelContents = (): StandInWebContents => {
  const found = standIn.contents().find((c) => c.session.partition === 'persist:exhibit-browser' && !c.isDestroyed());
  if (!found) throw new Error('the browser panel was not mounted');
  return found;
};

type Bridge = { exhibit: { call(op: string, args?: unknown): Promise<unknown>; browser: { command(c: unknown): Promise<unknown> } } };

/** The renderer calling the shell through the real preload, as its own code does. */
export const appPage = {
  call: (page: Page, op: string, args: unknown = {}) => page.evaluate(([o, a]) => (globalThis as unknown as Bridge).exhibit.call(o as string, a), [op, args] as const),
  browser: (page: Page, command: unknown) => page.evaluate((c) => (globalThis as unknown as Bridge).exhibit.browser.command(c), command),
};

/** Resolves when the stand-in has let through or stopped the next document request for this URL. */
export function decided(wc: StandInWebContents, url: string): Promise<{ cancelled: boolean }> {
  return new Promise((resolve) => {
    const heard = (d: { url: string; cancelled: boolean }) => {
      if (d.url !== url) return;
      wc.off('stand-in:decided', heard);
      resolve(d);
    };
    wc.on('stand-in:decided', heard);
  });
}

export async function panelShows(path: string, url: (p: string) => string): Promise<void> {
  await expect.poll(() => panelContents().getURL(), { timeout: 20_000 }).toBe(url(path));
}

/**
 * Resolves when the contents have navigated to this URL (did-navigate) and
 * finished loading it (did-stop-loading, its title read), in whichever order
 * the two events come: a test waits on what the shell hears, not on a clock.
 * Set it up before the act that navigates.
 */
export function navigatedTo(wc: StandInWebContents, url: string): Promise<void> {
  return new Promise((resolve) => {
    let navigated = false;
    let loaded = false;
    const done = () => {
      if (!navigated || !loaded) return;
      wc.off('did-navigate', onNavigate);
      wc.off('did-stop-loading', onStop);
      resolve();
    };
    const onNavigate = (_e: unknown, to: string) => {
      if (to === url) navigated = true;
      done();
    };
    const onStop = () => {
      if (wc.getURL() === url) loaded = true;
      done();
    };
    wc.on('did-navigate', onNavigate);
    wc.on('did-stop-loading', onStop);
  });
}
