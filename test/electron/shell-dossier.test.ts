import { existsSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Page } from 'playwright';
import { makeDossier } from '../../electron/core/dossier/make-dossier.js';
import { readCustodyLog } from '../../electron/core/workspace/custody.js';
import { verifyWorkspace } from '../../electron/core/workspace/verify/verify-workspace.js';
import { seedCapture } from '../helpers/dossier.js';
import { suiteTempDir } from '../helpers/tmp.js';
import { appPage, appWorkspace, PRELOAD, RENDERER, rendererBuilt } from './shell-harness.js';
import { standIn } from './stand-in/electron.js';

// The shell's real modules, with `electron` answered by the stand-in on real Chromium.
vi.mock('electron', () => import('./stand-in/electron.js'));
const { startShell } = await import('../../electron/main/shell.js');

let dir: string;

beforeAll(async () => {
  if (!rendererBuilt()) throw new Error('dist/renderer is not built: run npm run build (npm test does it first)');
  dir = suiteTempDir();
  await appWorkspace(join(dir, 'ws'));
  await standIn.relaunch(join(dir, 'user-data'));
}, 60_000);

afterAll(async () => {
  await standIn.shutdown();
});

describe('a dossier in the desktop app', () => {
  it('opens in the system’s reader and shows in its folder by the path its custody entry records; an unknown one is refused', async () => {
    const started = await startShell({ renderer: RENDERER, preload: PRELOAD, workspaceDir: join(dir, 'ws') });
    if (started.kind !== 'started') throw new Error('the shell did not start');
    const page = await (started.win.webContents as unknown as { ready: Promise<Page> }).ready;
    await seedCapture(started.ws, { sellerId: 'fakes4u', listingId: '1', title: 'Marmont bag', height: 900, caseRef: 'C' });
    const made = await makeDossier(started.ws, { selection: { kind: 'case', ref: 'C' }, lang: 'en', attach: 'none', output: join(dir, 'case.pdf') });
    if (!made.ok) throw new Error('no dossier');
    const { dossierId, path } = made.value;

    expect(await appPage.call(page, 'dossiers.reveal', { dossierId, how: 'open' })).toEqual({ ok: true, value: { path } });
    expect(await appPage.call(page, 'dossiers.reveal', { dossierId, how: 'folder' })).toEqual({ ok: true, value: { path } });
    expect(standIn.recorded.opened).toEqual([path]);
    expect(standIn.recorded.shownInFolder).toEqual([path]);
    expect(await appPage.call(page, 'dossiers.reveal', { dossierId: 'no-such-dossier', how: 'open' })).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    // The page names a dossier, never a path: anything else is refused before it reaches the shell.
    expect(await appPage.call(page, 'dossiers.reveal', { dossierId, how: 'open', path: '/etc/passwd' })).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect(standIn.recorded.opened).toEqual([path]);
    const listed = (await appPage.call(page, 'dossiers.list', {})) as { ok: true; value: { dossierId: string; path: string }[] };
    expect(listed.value.map((d) => [d.dossierId, d.path])).toEqual([[dossierId, path]]);
    await started.win.close();
    await started.quit;
  });

  it('saves a copy of a capture’s file where the system’s save dialog says: re-hashed, recorded in custody; a cancelled dialog writes nothing', async () => {
    await standIn.relaunch(join(dir, 'user-data-save'));
    const started = await startShell({ renderer: RENDERER, preload: PRELOAD, workspaceDir: join(dir, 'ws') });
    if (started.kind !== 'started') throw new Error('the shell did not start');
    const page = await (started.win.webContents as unknown as { ready: Promise<Page> }).ready;
    const capture = await seedCapture(started.ws, { sellerId: 'fakes4u', listingId: '2', title: 'Dionysus bag', height: 900 });
    const har = capture.manifest.artifacts.find((a) => a.name === 'network.har')!;
    const to = join(dir, 'saved', 'the-har.json');
    standIn.recorded.saveAnswer = to;
    await import('node:fs/promises').then((fs) => fs.mkdir(join(dir, 'saved'), { recursive: true }));

    // As the investigator does it: the capture's page, its files, Save a copy….
    await page.evaluate((id) => ((globalThis as unknown as { location: { hash: string } }).location.hash = `#/capture/${encodeURIComponent(id)}`), capture.id);
    await page.getByRole('button', { name: 'Save a copy of network.har…' }).click();
    await page.getByRole('status').filter({ hasText: `Saved to ${to}` }).waitFor({ timeout: 15_000 });
    expect(standIn.recorded.saveDialogs.at(-1)?.defaultPath).toBe(join(dir, 'user-data-save', 'Downloads', `${capture.id}-network.har`));
    expect(createHash('sha256').update(readFileSync(to)).digest('hex')).toBe(har.sha256);
    const log = await readCustodyLog(started.ws.db);
    const entry = log.find((e) => e.action === 'export.made' && e.subject === capture.id);
    expect(JSON.parse(String(entry?.details))).toMatchObject({ kind: 'artifact', name: 'network.har', sha256: har.sha256, to });

    // Cancelled: nothing written, nothing recorded.
    standIn.recorded.saveAnswer = null;
    expect(await appPage.call(page, 'artifacts.saveCopy', { captureId: capture.id, name: 'dom.html' })).toEqual({ ok: true, value: { path: null } });
    expect((await readCustodyLog(started.ws.db)).filter((e) => e.action === 'export.made' && e.subject === capture.id)).toHaveLength(1);
    // An unknown file is refused before any dialog opens; the page never names a path.
    const dialogs = standIn.recorded.saveDialogs.length;
    expect(await appPage.call(page, 'artifacts.saveCopy', { captureId: capture.id, name: 'no-such.bin' })).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    expect(await appPage.call(page, 'artifacts.saveCopy', { captureId: capture.id, name: 'dom.html', path: '/tmp/x' })).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect(standIn.recorded.saveDialogs).toHaveLength(dialogs);
    expect(existsSync(join(dir, 'saved', 'no-such.bin'))).toBe(false);
    expect((await verifyWorkspace(started.ws)).ok).toBe(true);
    await started.win.close();
    await started.quit;
  });
});
