import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Page } from 'playwright';
import { Workspace } from '../../electron/core/workspace/workspace.js';
import type { ShellStarted } from '../../electron/main/shell.js';
import { suiteTempDir } from '../helpers/tmp.js';
import { appPage, appWorkspace, PRELOAD, RENDERER, rendererBuilt } from './shell-harness.js';
import { standIn } from './stand-in/electron.js';

// The shell's real modules, with `electron` answered by the stand-in on real Chromium.
vi.mock('electron', () => import('./stand-in/electron.js'));
const { startShell } = await import('../../electron/main/shell.js');

let dir: string;
const userData = () => join(dir, 'user-data');
const options = () => ({ renderer: RENDERER, preload: PRELOAD, workspaceDir: join(dir, 'ws') });
const pageOf = (s: Extract<ShellStarted, { kind: 'started' }>) => (s.win.webContents as unknown as { ready: Promise<Page> }).ready;

async function launch(): Promise<Extract<ShellStarted, { kind: 'started' }>> {
  const started = await startShell(options());
  if (started.kind !== 'started') throw new Error('the shell did not start');
  return started;
}

beforeAll(async () => {
  if (!rendererBuilt()) throw new Error('dist/renderer is not built: run npm run build (npm test does it first)');
  dir = suiteTempDir();
  await appWorkspace(join(dir, 'ws'));
  await standIn.relaunch(userData());
}, 60_000);

afterAll(async () => {
  await standIn.shutdown();
});

describe('the app\u2019s life', () => {
  it('runs the background re-capture while open, keeps one instance, and on closing stops it, closes the workspace and remembers the window', async () => {
    const first = await launch();
    const page = await pageOf(first);
    expect(await page.title()).toBe('Exhibit');
    const status = (await appPage.call(page, 'recapture.status', {})) as { ok: boolean; value: { background: { everySeconds: number; nextCheckAt: string | null } | null } };
    expect(status).toMatchObject({ ok: true, value: { background: { everySeconds: 60 } } });
    expect(status.value.background!.nextCheckAt).not.toBeNull();

    // The menu reaches the page through the preload's onMenu.
    const heard = page.evaluate(() => new Promise((resolve) => void (globalThis as unknown as { exhibit: { onMenu(l: (c: string) => void): unknown } }).exhibit.onMenu(resolve)));
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as { __standInCallbacks: Map<number, unknown> }).__standInCallbacks.size), { timeout: 10_000 }).toBeGreaterThan(0);
    const capture = (standIn.recorded.menu as { items: { label?: string; submenu?: { label: string; click(): void }[] }[] }).items.find((i) => i.label === 'Capture')!;
    capture.submenu!.find((i) => i.label === 'Capture this page')!.click();
    expect(await heard).toBe('capture-tab');

    // A second launch finds the lock held: it quits, and the first window comes forward.
    first.win.minimize();
    expect(await startShell(options())).toEqual({ kind: 'second-instance' });
    expect(standIn.state.quitCount).toBe(1);
    await expect.poll(() => first.win.isMinimized(), { timeout: 10_000 }).toBe(false);
    expect((first.win as unknown as { focusCount: number }).focusCount).toBe(1);
    expect(standIn.windows()).toHaveLength(1);

    first.win.setBounds({ x: 40, y: 30, width: 1200, height: 800 });
    await first.win.close();
    await first.quit;
    expect(standIn.state.quitCount).toBe(2);
    expect(await first.recapture.runNow({ mode: 'due' })).toEqual({ ok: false, error: { kind: 'stopped' } });
    // Saved before the app quit.
    expect(readFileSync(join(userData(), 'window-state.json'), 'utf8')).toBe(JSON.stringify({ x: 40, y: 30, width: 1200, height: 800, maximized: false }));
    // The workspace was closed cleanly: it opens again.
    const again = await Workspace.open(join(dir, 'ws'));
    expect(again.ok).toBe(true);
    if (again.ok) await again.value.close();
  });

  it('opens the next time where it was left', async () => {
    await standIn.relaunch(userData());
    const second = await launch();
    expect(second.win.getBounds()).toEqual({ x: 40, y: 30, width: 1200, height: 800 });
    expect(second.win.isMaximized()).toBe(false);
    await second.win.close();
    await second.quit;
  });

  it('logs a window place it cannot read or save, and opens and quits all the same', async () => {
    const { mkdirSync, rmSync } = await import('node:fs');
    rmSync(join(userData(), 'window-state.json'), { force: true });
    // A folder where the file goes: it can be neither read nor replaced.
    mkdirSync(join(userData(), 'window-state.json'));
    const lines: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      lines.push(String(chunk));
      return write(chunk, ...rest);
    }) as typeof process.stderr.write;
    try {
      await standIn.relaunch(userData());
      const s = await launch();
      expect(s.win.getBounds()).toMatchObject({ width: 1400, height: 900 });
      s.win.setBounds({ x: 10, y: 10, width: 900, height: 700 });
      await s.win.close();
      await s.quit;
    } finally {
      process.stderr.write = write;
    }
    const logged = lines.flatMap((l) => l.split('\n')).filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { context: string; message: string; error?: string });
    expect(logged.filter((l) => l.context === 'window-state').map((l) => l.message)).toEqual([
      expect.stringContaining('could not be read'),
      expect.stringContaining('could not be saved'),
    ]);
    expect(logged.find((l) => l.message.includes('could not be saved'))!.error).toMatch(/EISDIR|ENOTDIR|EEXIST|ENOTEMPTY/);
    // It quit cleanly: the workspace opens again.
    const again = await Workspace.open(join(dir, 'ws'));
    expect(again.ok).toBe(true);
    if (again.ok) await again.value.close();
    rmSync(join(userData(), 'window-state.json'), { recursive: true, force: true });
  });

  it('opens with the default size when the saved state is damaged', async () => {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(userData(), 'window-state.json'), '{"width": 5, "height": "tall"');
    await standIn.relaunch(userData());
    const third = await launch();
    expect(third.win.getBounds()).toMatchObject({ width: 1400, height: 900 });
    await third.win.close();
    await third.quit;
  });
});
