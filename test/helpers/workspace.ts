import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Workspace } from '../../electron/core/workspace/workspace.js';
import type { CaptureRecord } from '../../electron/core/workspace/capture-record.js';
import { suiteTempDir, tempDir } from './tmp.js';

export async function newWorkspace(settings = { investigator: 'Jane Roe', organisation: 'Acme Legal' }, lifetime: 'test' | 'suite' = 'test'): Promise<Workspace> {
  const made = await Workspace.init(join(lifetime === 'suite' ? suiteTempDir() : tempDir(), 'ws'), settings);
  if (!made.ok) throw new Error(`init failed: ${made.error.kind}`);
  return made.value;
}

export async function reopen(ws: Workspace): Promise<Workspace> {
  await ws.close();
  const opened = await Workspace.open(ws.dir);
  if (!opened.ok) throw new Error(`open failed: ${opened.error.kind}`);
  return opened.value;
}

/** A capture with five small artifacts of distinct content, as the capture engine will store them. */
export function sampleCapture(ws: Workspace, n: number): Promise<CaptureRecord> {
  const started = new Date(Date.UTC(2026, 10, 1, 10, 0, n));
  return ws.recordCapture({
    requestedUrl: `https://www.example-market.test/item/${n}`,
    finalUrl: `https://www.example-market.test/item/${n}?ref=1`,
    httpStatus: 200,
    outcome: 'complete',
    startedAt: started.toISOString(),
    finishedAt: new Date(started.getTime() + 4321).toISOString(),
    artifacts: [
      { name: 'screenshot-full.png', kind: 'screenshot-full', mediaType: 'image/png', source: randomBytes(2048 + n) },
      { name: 'screenshot-viewport.png', kind: 'screenshot-viewport', mediaType: 'image/png', source: randomBytes(1024) },
      { name: 'page.mhtml', kind: 'mhtml', mediaType: 'multipart/related', source: `MIME-Version: 1.0\n\nitem ${n} ${randomBytes(8).toString('hex')}` },
      { name: 'dom.html', kind: 'dom', mediaType: 'text/html', source: `<html><body>item ${n} ${randomBytes(8).toString('hex')}</body></html>` },
      { name: 'text.txt', kind: 'text', mediaType: 'text/plain', source: `Item ${n} ${randomBytes(8).toString('hex')}` },
    ],
    provenance: { test: true, n },
  });
}
