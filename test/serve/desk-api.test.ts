import { chmodSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DossierJobStatus, VerifyJobStatus } from '../../electron/core/api/long-work.js';
import type { WorkspaceInfo } from '../../electron/core/api/contract.js';
import type { CaptureNote } from '../../electron/core/catalogue/notes.js';
import { readCustodyLog } from '../../electron/core/workspace/custody.js';
import type { Settings } from '../../electron/core/workspace/settings.js';
import { verifyWorkspace } from '../../electron/core/workspace/verify/verify-workspace.js';
import type { Workspace } from '../../electron/core/workspace/workspace.js';
import { startServe, type Served } from '../../electron/serve/http-transport.js';
import { dispatch } from '../../electron/core/api/dispatch.js';
import { apiHandlers } from '../../electron/core/api/handlers.js';
import { dbRows } from '../helpers/catalogue.js';
import { seedCapture } from '../helpers/dossier.js';
import { suiteTempDir } from '../helpers/tmp.js';
import { newWorkspace, sampleCapture } from '../helpers/workspace.js';
import { apiClient } from '../helpers/api-client.js';

/*
 * The operations added for notes, long work (dossier and verification in the
 * background, followed and cancelled) and the settings of the workspace and
 * the browser, over the loopback transport: what they refuse, and what they do.
 */


let ws: Workspace;
let served: Served;
let captureId: string;
let scratch: string;

const { api, value } = apiClient(() => served);
/** Asks after a job until it has ended. */
async function ended<S extends DossierJobStatus | VerifyJobStatus>(op: 'dossier.status' | 'verify.status'): Promise<S> {
  for (;;) {
    const s = await value<S>(op, {});
    if (!s.running) return s;
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  ws = await newWorkspace(undefined, 'suite');
  const first = await seedCapture(ws, { sellerId: 'fakes4u', sellerName: 'Fakes 4 U', listingId: '42', title: 'Marmont bag', height: 1200, caseRef: 'Acme', note: 'Found through the brand’s watch list' });
  captureId = first.id;
  // Enough exhibits that a dossier is still being drawn when the cancel arrives.
  for (let i = 0; i < 40; i++) await seedCapture(ws, { sellerId: 'bulk', sellerName: 'Bulk', listingId: String(1000 + i), title: `Item ${i}`, height: 6000, caseRef: 'Bulk case' });
  // And enough objects that a verification is still re-hashing when its cancel arrives.
  for (let i = 0; i < 300; i++) await sampleCapture(ws, i);
  scratch = suiteTempDir();
  const ui = join(scratch, 'ui');
  mkdirSync(ui);
  writeFileSync(join(ui, 'index.html'), '<!doctype html><title>Exhibit</title>');
  served = await startServe(ws, { rendererDir: ui });
}, 180_000);
afterAll(async () => {
  await served?.close();
  await ws?.close();
});

describe('notes, long work and settings over the API', { timeout: 120_000 }, () => {
  it('refuses malformed arguments with a typed error that says what is wrong, and changes nothing', async () => {
    const before = await dbRows(ws);
    const bad: [string, unknown][] = [
      ['captures.note.set', { id: captureId }],
      ['captures.note.set', { id: captureId, text: 42 }],
      ['captures.note.set', { id: '', text: 'x' }],
      ['captures.note.set', { id: captureId, text: 'x'.repeat(20_001) }],
      ['captures.note.set', { id: captureId, text: 'x', version: 2 }],
      ['settings.update', { browserPath: 42 }],
      ['settings.update', { browserPath: 'x'.repeat(4097) }],
      ['settings.update', { browser: '/usr/bin/chromium' }],
      ['workspace.info', { dir: '/' }],
      ['dossier.start', {}],
      ['dossier.start', { selection: { kind: 'case', ref: 'Acme' }, lang: 'de', attach: 'all' }],
      ['dossier.start', { selection: { kind: 'captures', ids: [] }, lang: 'en', attach: 'none' }],
      ['dossier.start', { selection: { kind: 'case', ref: 'Acme' }, lang: 'en', attach: 'none', output: '/tmp/x.pdf' }],
      ['dossier.status', { dossierId: 'x' }],
      ['dossier.cancel', { force: true }],
      ['verify.start', { quick: true }],
      ['verify.status', { verbose: true }],
      ['verify.cancel', { jobId: 'x' }],
    ];
    for (const [op, args] of bad) {
      const r = await api(op, args);
      expect(r, `${op} ${JSON.stringify(args).slice(0, 80)}`).toMatchObject({ ok: false, error: { kind: 'invalid-input', message: expect.stringContaining(op) as unknown } });
    }
    expect(await dbRows(ws)).toEqual(before);
  });

  it('refuses what cannot be done with the kind of error it is, and says why', async () => {
    const before = await dbRows(ws);
    expect(await api('captures.note.set', { id: 'NOPE', text: 'x' })).toEqual({ ok: false, error: { kind: 'not-found', message: 'No capture NOPE in this workspace.' } });
    expect(await api('dossier.start', { selection: { kind: 'seller', ref: 'ebay:nobody' }, lang: 'en', attach: 'none' })).toMatchObject({ ok: false, error: { kind: 'not-found', message: expect.stringContaining('No seller ebay:nobody') as unknown } });
    expect(await api('dossier.start', { selection: { kind: 'case', ref: 'Acme' }, lang: 'en', attach: 'none', bates: 'A B' })).toMatchObject({ ok: false, error: { kind: 'invalid-input', message: expect.stringContaining('a Bates prefix is 1 to 20 letters') as unknown } });
    await value('cases.create', { name: 'Empty case' });
    const empty = await dbRows(ws);
    expect(await api('dossier.start', { selection: { kind: 'case', ref: 'Empty case' }, lang: 'en', attach: 'none' })).toMatchObject({ ok: false, error: { kind: 'refused', message: 'Case Empty case has no captures yet: there is nothing to put in a dossier.' } });
    expect(await dbRows(ws)).toEqual(empty);
    expect(before.cases!.length).toBe(empty.cases!.length - 1);
  });

  it('writes the investigator’s note as versions; the capture shows the note in force, its history, and the sealed note apart', async () => {
    expect((await value<{ note: CaptureNote | null }>('captures.get', { id: captureId })).note).toBeNull();
    const first = await value<CaptureNote>('captures.note.set', { id: captureId, text: 'Test buy ordered 12 Nov.' });
    expect(first).toMatchObject({ text: 'Test buy ordered 12 Nov.', history: [] });
    await value('captures.note.set', { id: captureId, text: 'Test buy ordered 12 Nov.; parcel from Shenzhen.' });
    const view = await value<{ note: CaptureNote; manifest: { provenance: { note?: string } } }>('captures.get', { id: captureId });
    expect(view.note).toMatchObject({ text: 'Test buy ordered 12 Nov.; parcel from Shenzhen.', history: [{ text: 'Test buy ordered 12 Nov.' }] });
    // The note given when capturing is the manifest's, untouched.
    expect(view.manifest.provenance.note).toBe('Found through the brand’s watch list');
    expect((await readCustodyLog(ws.db, { subject: captureId })).filter((e) => e.action === 'note.edited')).toHaveLength(2);
    expect((await verifyWorkspace(ws)).problems).toEqual([]);
  });

  it('keeps a browser path only when it is an existing program (set in the desktop app), and reports the browser captures would use', async () => {
    // The desktop app's door: the same dispatch the IPC handler calls. Over `exhibit serve` a program is never taken (below).
    const desktop = apiHandlers(ws);
    const viaDesktop = (args: unknown) => dispatch(desktop, 'settings.update', args, 'desktop');
    const notProgram = join(scratch, 'readme.txt');
    writeFileSync(notProgram, 'not a browser');
    chmodSync(notProgram, 0o644);
    const before = await dbRows(ws);
    for (const [path, says] of [
      ['chromium', /^Browser: chromium: give the full path of the browser's program \(e\.g\. .+\)\. Nothing was saved\.$/],
      ['/no/such/browser', /^Browser: \/no\/such\/browser: no such file\. Nothing was saved\.$/],
      [scratch, /is a folder: give the browser's program inside it/],
      [notProgram, /is not an executable program\. Nothing was saved\.$/],
    ] as const) {
      expect(await viaDesktop({ browserPath: path })).toMatchObject({ ok: false, error: { kind: 'invalid-input', message: expect.stringMatching(says) as unknown } });
    }
    expect(await dbRows(ws)).toEqual(before);
    // Over HTTP even an existing program is refused, and nothing changes.
    expect(await api('settings.update', { browserPath: process.execPath })).toMatchObject({ ok: false, error: { kind: 'refused', message: expect.stringContaining('exhibit settings --browser PATH') as unknown } });
    expect(await dbRows(ws)).toEqual(before);

    const info0 = await value<WorkspaceInfo>('workspace.info', {});
    expect(info0).toMatchObject({ dir: ws.dir, publicKeyFingerprint: ws.key.fingerprint });
    // Node's own binary: an existing program, whatever browsers this machine has.
    const saved = await viaDesktop({ browserPath: process.execPath });
    expect(saved).toMatchObject({ ok: true, value: { investigator: 'Jane Roe', browserPath: process.execPath } });
    expect(await value<Settings>('settings.get', {})).toMatchObject({ browserPath: process.execPath });
    const info = await value<WorkspaceInfo>('workspace.info', {});
    if (!process.env.EXHIBIT_CHROMIUM) expect(info.browser).toEqual({ path: process.execPath, source: 'settings' });
    const changed = (await readCustodyLog(ws.db)).filter((e) => e.action === 'settings.changed').at(-1)!;
    expect(JSON.parse(changed.details)).toEqual({ browserPath: { from: '', to: process.execPath } });
    // Cleared: Exhibit finds one again.
    expect(await viaDesktop({ browserPath: '' })).toMatchObject({ ok: true, value: { browserPath: '' } });
    expect((await value<WorkspaceInfo>('workspace.info', {})).browser?.source).not.toBe('settings');
  });

  it('makes a dossier in the background, reporting its progress, and refuses a second one meanwhile', async () => {
    const started = await value<DossierJobStatus>('dossier.start', { selection: { kind: 'case', ref: 'Bulk case' }, lang: 'en', attach: 'manifests' });
    expect(started.running).toMatchObject({ jobId: expect.any(String) as unknown, cancelling: false });
    expect(await api('dossier.start', { selection: { kind: 'case', ref: 'Acme' }, lang: 'en', attach: 'none' })).toMatchObject({ ok: false, error: { kind: 'refused', message: expect.stringContaining('A dossier is being made') as unknown } });
    let sawProgress = false;
    for (;;) {
      const s = await value<DossierJobStatus>('dossier.status', {});
      if (s.running?.progress?.phase === 'exhibits') sawProgress = true;
      if (!s.running) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const done = await ended<DossierJobStatus>('dossier.status');
    expect(sawProgress).toBe(true);
    expect(done.last).toMatchObject({ jobId: started.running!.jobId, outcome: { kind: 'done', value: { exhibits: 40, fileName: expect.stringMatching(/^dossier-.*\.pdf$/) as unknown } } });
    const made = done.last!.outcome.kind === 'done' ? done.last!.outcome.value : null;
    expect(readdirSync(join(ws.dir, 'dossiers'))).toEqual([made!.fileName]);
    expect(await value('verify.dossier', { dossierId: made!.dossierId })).toMatchObject({ ok: true });
  });

  it('cancels a dossier mid-way: no file left, nothing recorded, the workspace verifies clean', async () => {
    const files = readdirSync(join(ws.dir, 'dossiers'));
    const exportsBefore = (await readCustodyLog(ws.db)).filter((e) => e.action === 'export.made').length;
    await value('dossier.start', { selection: { kind: 'case', ref: 'Bulk case' }, lang: 'fr', attach: 'all' });
    for (;;) {
      const s = await value<DossierJobStatus>('dossier.status', {});
      if ((s.running?.progress?.phase === 'exhibits' && s.running.progress.done >= 2) || !s.running) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const asked = await value<DossierJobStatus>('dossier.cancel', {});
    expect(asked.running?.cancelling).toBe(true);
    const after = await ended<DossierJobStatus>('dossier.status');
    expect(after.last?.outcome).toEqual({ kind: 'cancelled', partial: null });
    expect(readdirSync(join(ws.dir, 'dossiers'))).toEqual(files);
    expect((await readCustodyLog(ws.db)).filter((e) => e.action === 'export.made').length).toBe(exportsBefore);
    expect((await verifyWorkspace(ws)).problems).toEqual([]);
  });

  it('verifies in the background with progress; a cancelled verification is reported cancelled, never OK, and logged so', async () => {
    await value('verify.start', {});
    const done = await ended<VerifyJobStatus>('verify.status');
    expect(done.last?.outcome).toMatchObject({ kind: 'done', value: { ok: true, cancelled: false } });

    await value('verify.start', {});
    expect(await api('verify.start', {})).toMatchObject({ ok: false, error: { kind: 'refused' } });
    const asked = await value<VerifyJobStatus>('verify.cancel', {});
    expect(asked.running?.cancelling).toBe(true);
    const after = await ended<VerifyJobStatus>('verify.status');
    expect(after.last?.outcome).toMatchObject({ kind: 'cancelled', partial: { ok: false, cancelled: true } });
    const logged = (await readCustodyLog(ws.db)).filter((e) => e.action === 'verification.run').at(-1)!;
    expect(JSON.parse(logged.details)).toMatchObject({ ok: false, cancelled: true });
    // The operation that answers at once still does.
    expect(await value('verify.workspace', {})).toMatchObject({ ok: true, cancelled: false });
  });
});
