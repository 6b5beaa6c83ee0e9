import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeDossier } from '../../../electron/core/dossier/make-dossier.js';
import { verifyDossier } from '../../../electron/core/dossier/verify-dossier.js';
import type { Workspace } from '../../../electron/core/workspace/workspace.js';
import { seedCapture } from '../../helpers/dossier.js';
import { appendEmbeddedFileUpdate, embeddedFileObject, flipByteInObjectStream, pageContentObjects } from '../../helpers/pdf-tamper.js';
import { suiteTempDir, tempDir } from '../../helpers/tmp.js';
import { newWorkspace } from '../../helpers/workspace.js';

let ws: Workspace;
let pdf: string;
let bytes: Buffer;

beforeAll(async () => {
  ws = await newWorkspace(undefined, 'suite');
  await seedCapture(ws, { sellerId: 'fakes4u', listingId: '1', title: 'Marmont bag', height: 2000, startedAt: '2026-10-01T09:00:00.000Z', caseRef: 'C' });
  await seedCapture(ws, { sellerId: 'fakes4u', listingId: '2', title: 'Horsebit loafers', height: 1200, startedAt: '2026-10-02T09:00:00.000Z', caseRef: 'C' });
  await seedCapture(ws, { sellerId: 'fakes4u', listingId: '3', title: 'Belt', height: 1000, startedAt: '2026-10-03T09:00:00.000Z', caseRef: 'C' });
  const made = await makeDossier(ws, { selection: { kind: 'case', ref: 'C' }, lang: 'en', attach: 'all', output: join(suiteTempDir(), 'd.pdf') });
  if (!made.ok) throw new Error(JSON.stringify(made.error));
  pdf = made.value.path;
  bytes = readFileSync(pdf);
}, 60_000);

function tampered(name: string, data: Buffer): string {
  const path = join(tempDir(), name);
  writeFileSync(path, data);
  return path;
}

/** The stored bytes of one artifact of exhibit A-n. */
async function artifact(n: number, name: string): Promise<Buffer> {
  const row = await ws.db.get<{ sha256: string }>(
    "SELECT a.sha256 FROM artifacts a JOIN captures c ON c.id = a.capture_id WHERE a.name = ? ORDER BY c.started_at LIMIT 1 OFFSET ?",
    [name, n - 1],
  );
  return ws.store.read(row!.sha256);
}

describe('exhibit verify FILE.pdf', () => {
  it('a dossier as made verifies, exhibit by exhibit, and is byte for byte the one recorded', async () => {
    const r = await verifyDossier(pdf, ws);
    expect(r.ok && r.value.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.exhibits.map((x) => [x.number, x.ok])).toEqual([
      ['A-1', true],
      ['A-2', true],
      ['A-3', true],
    ]);
    expect(r.value.exhibits[0]!.checked).toEqual(['6 printed hashes', 'attached manifest and its signature', '5 attached files']);
    expect(r.value.notes.join()).toContain('byte for byte the file this workspace made');
    // Without the workspace, the PDF alone still verifies.
    const alone = await verifyDossier(pdf);
    expect(alone.ok && alone.value.ok).toBe(true);
  });

  it('an attachment swapped through an appended revision fails, naming the exhibit', async () => {
    const original = await artifact(2, 'text.txt');
    const path = tampered('swapped.pdf', appendEmbeddedFileUpdate(bytes, original, Buffer.from('a different page text')));
    const r = await verifyDossier(path);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.ok).toBe(false);
    const bad = r.value.exhibits.filter((x) => !x.ok);
    expect(bad.map((x) => x.number)).toEqual(['A-2']);
    expect(bad[0]!.problems.join()).toContain('the attached file text.txt hashes to');
    // The update is named for what it changes: the attached file's stream, after the PDF was signed.
    expect(r.value.problems.join()).toMatch(/changed after it was signed: an update appended at byte \d+ changes object \d+ \(a \/EmbeddedFile stream\)/);
  });

  it('one byte altered in an attached file, or in an exhibit page, fails naming that exhibit', async () => {
    const inFile = tampered('file-byte.pdf', flipByteInObjectStream(bytes, embeddedFileObject(bytes, await artifact(3, 'screenshot-full.png'))));
    const r1 = await verifyDossier(inFile, ws);
    expect(r1.ok && r1.value.exhibits.filter((x) => !x.ok).map((x) => [x.number, x.problems.join()])).toEqual([['A-3', expect.stringContaining('screenshot-full.png is damaged')]]);
    expect(r1.ok && r1.value.problems.join()).toContain('differs from the one this workspace made');

    // The first page of exhibit A-1 holds its hashes: damage its content stream.
    const pages = pageContentObjects(bytes);
    const exhibitPage = await firstPageOf('A-1');
    const inPage = tampered('page-byte.pdf', flipByteInObjectStream(bytes, pages[exhibitPage - 1]!));
    const r2 = await verifyDossier(inPage);
    expect(r2.ok).toBe(true);
    if (!r2.ok) return;
    expect(r2.value.exhibits.filter((x) => !x.ok).map((x) => x.number)).toEqual(['A-1']);
    expect(r2.value.exhibits[0]!.problems.join()).toMatch(new RegExp(`page ${exhibitPage} is damaged|printed`));
  });

  it('a file that is not a dossier, or not a PDF, is refused plainly', async () => {
    const notPdf = tampered('notes.pdf', Buffer.from('just text'));
    expect(await verifyDossier(notPdf)).toMatchObject({ ok: false, error: { kind: 'not-a-dossier' } });
    expect(await verifyDossier(join(tempDir(), 'missing.pdf'))).toMatchObject({ ok: false, error: { kind: 'unreadable', detail: 'no such file' } });
  });

  it('a dossier cut short, or stripped of its attachments, is an evidence problem (not OK), with the reason', async () => {
    const truncated = await verifyDossier(tampered('truncated.pdf', bytes.subarray(0, Math.floor(bytes.length / 2))));
    expect(truncated.ok).toBe(true);
    if (!truncated.ok) return;
    expect(truncated.value.ok).toBe(false);
    expect(truncated.value.problems.join()).toMatch(/cut short|no dossier-manifest\.json|damaged/);
    // The attachments removed with qpdf, as someone handing on the PDF without its evidence would.
    const stripped = join(tempDir(), 'stripped.pdf');
    const r = spawnSync('qpdf', [pdf, '--remove-attachment=dossier-manifest.json', '--', stripped], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const v = await verifyDossier(stripped);
    expect(v.ok && v.value.ok).toBe(false);
    expect(v.ok && v.value.problems.join()).toMatch(/carries no dossier-manifest\.json: its attachments were stripped/);
  });
});

async function firstPageOf(number: string): Promise<number> {
  const { readPdf } = await import('../../../electron/core/dossier/pdf-read/index.js');
  const doc = readPdf(bytes);
  if (!doc.ok) throw new Error('unreadable');
  const m = JSON.parse(doc.value.attachments.find((a) => a.name === 'dossier-manifest.json')!.data.toString()) as { exhibits: { number: string; pages: { first: number } }[] };
  return m.exhibits.find((x) => x.number === number)!.pages.first;
}
