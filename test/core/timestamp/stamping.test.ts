import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stampPending } from '../../../electron/core/timestamp/stamper.js';
import { addAuthority, listAuthorities, removeAuthority, stampStatus, timestampsOf } from '../../../electron/core/workspace/timestamps.js';
import { verifyWorkspace } from '../../../electron/core/workspace/verify/verify-workspace.js';
import type { Workspace } from '../../../electron/core/workspace/workspace.js';
import { startTsa, type Tsa } from '../../helpers/tsa.mjs';
import { newWorkspace, sampleCapture } from '../../helpers/workspace.js';

let tsa: Tsa;
let second: Tsa;

beforeAll(async () => {
  tsa = await startTsa({ name: 'Test TSA One' });
  second = await startTsa({ name: 'Test TSA Two' });
});
afterAll(async () => {
  await tsa.close();
  await second.close();
});

/** A workspace asking only the local authorities (the defaults are on the internet). */
async function stampingWorkspace(...authorities: Tsa[]): Promise<Workspace> {
  const ws = await newWorkspace();
  for (const a of await listAuthorities(ws.db)) await removeAuthority(ws.db, a.url);
  for (const a of authorities) {
    const added = await addAuthority(ws.db, { url: a.url, rootPem: a.rootPem });
    expect(added.ok).toBe(true);
  }
  return ws;
}

describe('time-stamping captures', () => {
  it('a capture is queued with its manifest hash, stamped by every authority, and verifies', async () => {
    const ws = await stampingWorkspace(tsa, second);
    const c = await sampleCapture(ws, 1);
    expect(await stampStatus(ws.db, 'capture', c.id)).toMatchObject({ status: 'pending' });
    const pass = await stampPending(ws);
    // the key (queued at init) and the capture, in one digest list
    expect(pass).toMatchObject({ stamped: 2, tokens: 2, pending: 0, failures: [] });
    const tokens = await timestampsOf(ws.db, 'capture', c.id);
    expect(tokens.map((t) => [t.name, t.authorityUrl])).toEqual([
      ['timestamp-1.tsr', tsa.url],
      ['timestamp-2.tsr', second.url],
    ]);
    expect(tokens[0]!.subjectImprint).toBe(c.manifestSha256);
    expect(Math.abs(Date.parse(tokens[0]!.genTime) - Date.now())).toBeLessThan(60_000);
    const report = await verifyWorkspace(ws);
    expect(report.problems).toEqual([]);
    expect(report.counts.timestamps).toBe(4);
    await ws.close();
  });

  it('a single pending imprint is stamped in a digest list with the custody head, which the token stamps', async () => {
    const ws = await stampingWorkspace(tsa);
    await stampPending(ws);
    const c = await sampleCapture(ws, 2);
    await stampPending(ws);
    const [t] = await timestampsOf(ws.db, 'capture', c.id);
    expect(t!.batchSha256).not.toBeNull();
    expect(t!.imprint).toBe(t!.batchSha256);
    expect(t!.subjectImprint).toBe(c.manifestSha256);
    const list = JSON.parse((await ws.store.read(t!.batchSha256!)).toString('utf8')) as { imprints: unknown[]; custodyHead: unknown };
    expect(list.imprints).toEqual([{ kind: 'capture', subject: c.id, sha256: c.manifestSha256 }]);
    expect(list.custodyHead).toMatchObject({ seq: expect.any(Number) as unknown });
    expect((await verifyWorkspace(ws)).problems).toEqual([]);
    await ws.close();
  });

  it('authority down: the capture stays pending, verify says pending (not a failure), a later pass stamps it', async () => {
    const ws = await stampingWorkspace(tsa);
    tsa.setMode('down');
    try {
      const c = await sampleCapture(ws, 3);
      const pass = await stampPending(ws);
      expect(pass.stamped).toBe(0);
      expect(pass.failures[0]!.error).toMatch(/refused/);
      const pending = await stampStatus(ws.db, 'capture', c.id);
      expect(pending).toMatchObject({ status: 'pending', attempts: 1 });
      const report = await verifyWorkspace(ws);
      expect(report.ok).toBe(true);
      expect(report.notices.join('\n')).toMatch(/2 time-stamp\(s\) pending/);
      tsa.setMode('ok');
      expect(await stampPending(ws)).toMatchObject({ stamped: 2, pending: 0 });
      expect(await stampStatus(ws.db, 'capture', c.id)).toMatchObject({ status: 'stamped' });
    } finally {
      tsa.setMode('ok');
      await ws.close();
    }
  });

  for (const mode of ['http-error', 'garbage', 'rejection'] as const) {
    it(`an authority answering ${mode}: nothing is recorded, the reason is kept`, async () => {
      const ws = await stampingWorkspace(tsa);
      tsa.setMode(mode);
      try {
        const c = await sampleCapture(ws, 4);
        const pass = await stampPending(ws);
        expect(pass.stamped).toBe(0);
        expect(await timestampsOf(ws.db, 'capture', c.id)).toEqual([]);
        const status = await stampStatus(ws.db, 'capture', c.id);
        expect(status.status).toBe('pending');
        expect(status.status === 'pending' && status.lastError).toMatch(mode === 'http-error' ? /HTTP 500/ : mode === 'rejection' ? /reject/i : /./);
      } finally {
        tsa.setMode('ok');
        await ws.close();
      }
    });
  }

  it('an authority that never answers is given up on within the bound', async () => {
    const ws = await stampingWorkspace(tsa);
    tsa.setMode('hang');
    try {
      await sampleCapture(ws, 5);
      const t0 = Date.now();
      const pass = await stampPending(ws, { requestTimeoutMs: 800 });
      expect(Date.now() - t0).toBeLessThan(3000);
      expect(pass.failures[0]!.error).toMatch(/no answer within/);
    } finally {
      tsa.setMode('ok');
      await ws.close();
    }
  });

  it('a token from an authority whose root is not trusted is refused and not kept', async () => {
    const ws = await stampingWorkspace(tsa);
    // the second authority added without its root
    await addAuthority(ws.db, { url: second.url });
    const c = await sampleCapture(ws, 6);
    const pass = await stampPending(ws);
    expect(pass.tokens).toBe(1);
    expect(pass.failures).toEqual([{ authority: second.url, error: expect.stringMatching(/refused.*(trust|root|chain)/i) as unknown }]);
    expect((await timestampsOf(ws.db, 'capture', c.id)).map((t) => t.authorityUrl)).toEqual([tsa.url]);
    await ws.close();
  });

  it('an authority whose certificate may not time-stamp (no critical timeStamping usage): its token is refused', async () => {
    const noUsage = await startTsa({ name: 'No Usage TSA', eku: 'none' });
    try {
      const ws = await stampingWorkspace(noUsage);
      const c = await sampleCapture(ws, 7);
      const pass = await stampPending(ws);
      expect(pass.stamped).toBe(0);
      expect(pass.failures[0]!.error).toMatch(/refused/);
      expect(await timestampsOf(ws.db, 'capture', c.id)).toEqual([]);
      await ws.close();
    } finally {
      await noUsage.close();
    }
  });
});
