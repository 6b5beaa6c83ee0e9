import { describe, expect, it } from 'vitest';
import { verifyWorkspace, type VerifyProgress } from '../../../electron/core/workspace/verify/verify-workspace.js';
import { newWorkspace, sampleCapture } from '../../helpers/workspace.js';

describe('a verification reports its progress and can be cancelled', () => {
  it('reports the captures checked and the objects re-hashed, up to their totals; a whole run is OK and not cancelled', async () => {
    const ws = await newWorkspace();
    for (let i = 0; i < 30; i++) await sampleCapture(ws, i);
    const seen: VerifyProgress[] = [];
    const report = await verifyWorkspace(ws, (p) => seen.push(p));
    expect(report).toMatchObject({ ok: true, cancelled: false, problems: [] });
    const last = (phase: string) => seen.filter((p) => p.phase === phase).at(-1);
    expect(last('captures')).toEqual({ phase: 'captures', done: 30, total: 30 });
    // Five files a capture; the thirty manifests are checked with their captures, not re-hashed twice.
    expect(last('objects')).toEqual({ phase: 'objects', done: 150, total: 150 });
    expect(seen.find((p) => p.phase === 'objects')).toEqual({ phase: 'objects', done: 0, total: 150 });
  });

  it('a cancelled verification is marked cancelled and never OK, and says how much was checked', async () => {
    const ws = await newWorkspace();
    for (let i = 0; i < 3; i++) await sampleCapture(ws, i);
    const report = await verifyWorkspace(ws, undefined, AbortSignal.abort());
    expect(report.cancelled).toBe(true);
    expect(report.ok).toBe(false);
    // Nothing was reached, and nothing not reached is taken for deleted.
    expect(report.problems).toEqual([]);
    expect(report.notices[0]).toMatch(/^cancelled: 0 capture\(s\) and 0 of 15 object\(s\) were checked before it stopped; the workspace is not verified$/);
  });

  it('stops between batches when cancelled mid-way; what it had found is kept', async () => {
    const ws = await newWorkspace();
    // More objects than the workers hold queued at once (a few batches of 128 each).
    for (let i = 0; i < 400; i++) await sampleCapture(ws, i);
    const controller = new AbortController();
    const report = await verifyWorkspace(
      ws,
      (p) => {
        if (p.phase === 'objects' && p.done > 0) controller.abort();
      },
      controller.signal,
    );
    expect(report).toMatchObject({ ok: false, cancelled: true });
    const checked = Number(/and (\d+) of 2000 object/.exec(report.notices[0]!)![1]);
    expect(checked).toBeGreaterThan(0);
    expect(checked).toBeLessThan(2000);
    expect(report.problems).toEqual([]);
  });
});
