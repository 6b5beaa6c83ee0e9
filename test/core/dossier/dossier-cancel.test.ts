import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeDossier, type DossierProgress } from '../../../electron/core/dossier/make-dossier.js';
import { readCustodyLog } from '../../../electron/core/workspace/custody.js';
import { verifyWorkspace } from '../../../electron/core/workspace/verify/verify-workspace.js';
import type { Workspace } from '../../../electron/core/workspace/workspace.js';
import { seedCapture } from '../../helpers/dossier.js';
import { suiteTempDir, tempDir } from '../../helpers/tmp.js';
import { newWorkspace } from '../../helpers/workspace.js';

let ws: Workspace;

beforeAll(async () => {
  ws = await newWorkspace(undefined, 'suite');
  for (let i = 0; i < 8; i++) await seedCapture(ws, { sellerId: 'fakes4u', sellerName: 'Fakes 4 U', listingId: String(100 + i), title: `Bag ${i}`, height: 2400, caseRef: 'Cancel case' });
}, 60_000);

const exports = async () => (await readCustodyLog(ws.db)).filter((e) => e.action === 'export.made');

describe('a dossier reports its progress and can be cancelled', () => {
  it('reports the objects checked, each exhibit drawn and the pages so far, phase by phase', async () => {
    const seen: DossierProgress[] = [];
    const made = await makeDossier(ws, { selection: { kind: 'case', ref: 'Cancel case' }, lang: 'en', attach: 'manifests', output: join(suiteTempDir(), 'whole.pdf'), onProgress: (p) => seen.push(p) });
    if (!made.ok) throw new Error(JSON.stringify(made.error));
    const phases = [...new Set(seen.map((p) => p.phase))];
    expect(phases).toEqual(['checking', 'exhibits', 'attaching', 'writing']);
    const drawn = seen.filter((p) => p.phase === 'exhibits');
    expect(drawn.map((p) => p.done)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(drawn.every((p) => p.total === 8)).toBe(true);
    // Pages only grow, and the last count is the dossier's (the table of contents was reserved up front).
    expect(drawn.map((p) => p.pages)).toEqual([...drawn.map((p) => p.pages)].sort((a, b) => a - b));
    expect(seen.at(-1)).toEqual({ phase: 'writing', done: 0, total: 1, pages: made.value.pages });
  });

  it('stops between exhibits when cancelled: no file at the destination, no partial file, nothing in the custody log', async () => {
    const dir = tempDir();
    const output = join(dir, 'cancelled.pdf');
    const before = (await exports()).length;
    const controller = new AbortController();
    const r = await makeDossier(ws, {
      selection: { kind: 'case', ref: 'Cancel case' },
      lang: 'en',
      attach: 'all',
      output,
      signal: controller.signal,
      // Cancelled with three exhibits drawn, as a person would press Cancel mid-way.
      onProgress: (p) => {
        if (p.phase === 'exhibits' && p.done === 3) controller.abort();
      },
    });
    expect(r).toEqual({ ok: false, error: { kind: 'cancelled' } });
    expect(existsSync(output)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
    expect((await exports()).length).toBe(before);
    expect((await verifyWorkspace(ws)).problems).toEqual([]);
  });

  it('is cancelled before writing anything when the signal is already aborted, and while checking the objects', async () => {
    const dir = tempDir();
    expect(await makeDossier(ws, { selection: { kind: 'case', ref: 'Cancel case' }, lang: 'en', attach: 'none', output: join(dir, 'a.pdf'), signal: AbortSignal.abort() })).toEqual({ ok: false, error: { kind: 'cancelled' } });
    const controller = new AbortController();
    const r = await makeDossier(ws, {
      selection: { kind: 'case', ref: 'Cancel case' },
      lang: 'en',
      attach: 'all',
      output: join(dir, 'b.pdf'),
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === 'checking' && p.done === 2) controller.abort();
      },
    });
    expect(r).toEqual({ ok: false, error: { kind: 'cancelled' } });
    expect(readdirSync(dir)).toEqual([]);
  });
});
