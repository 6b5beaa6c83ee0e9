import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { dossierHandlers } from '../../../electron/core/api/dossier-handlers.js';
import { custodyLines } from '../../../electron/core/dossier/custody-lines.js';
import { checkDossier, listDossiers } from '../../../electron/core/dossier/dossier-records.js';
import { makeDossier } from '../../../electron/core/dossier/make-dossier.js';
import { addToCase } from '../../../electron/core/catalogue/cases.js';
import { findListing } from '../../../electron/core/catalogue/listing-ref.js';
import { recordReport } from '../../../electron/core/takedown/reports.js';
import { listingTimeline } from '../../../electron/core/watch/timeline.js';
import { readCustodyLog } from '../../../electron/core/workspace/custody.js';
import { verifyWorkspace } from '../../../electron/core/workspace/verify/verify-workspace.js';
import type { Workspace } from '../../../electron/core/workspace/workspace.js';
import { seedCapture } from '../../helpers/dossier.js';
import { suiteTempDir } from '../../helpers/tmp.js';
import { newWorkspace } from '../../helpers/workspace.js';

let ws: Workspace;
let first: { dossierId: string; path: string; sha256: string };
let second: { dossierId: string; path: string; sha256: string };

beforeAll(async () => {
  ws = await newWorkspace(undefined, 'suite');
  await seedCapture(ws, { sellerId: 'fakes4u', sellerName: 'Fakes 4 U', listingId: '11', title: 'Marmont bag', height: 1200, startedAt: '2026-10-01T09:00:00.000Z', caseRef: 'Luxe v. Fakes' });
  await seedCapture(ws, { sellerId: 'fakes4u', listingId: '12', title: 'Belt', height: 900, startedAt: '2026-10-02T09:00:00.000Z', caseRef: 'Luxe v. Fakes' });
  const dir = suiteTempDir();
  const a = await makeDossier(ws, { selection: { kind: 'case', ref: 'Luxe v. Fakes' }, lang: 'en', attach: 'manifests', output: join(dir, 'case.pdf') });
  const b = await makeDossier(ws, { selection: { kind: 'seller', ref: 'ebay:fakes4u' }, lang: 'fr', attach: 'none', output: join(dir, 'seller.pdf') });
  if (!a.ok || !b.ok) throw new Error('no dossier made');
  first = a.value;
  second = b.value;
}, 90_000);

describe('the dossiers a workspace made', () => {
  it('lists every dossier the custody log records, newest first, with its file, full path, pages, exhibits and subject, none checked yet', async () => {
    const list = await listDossiers(ws.db);
    expect(list.map((d) => d.dossierId)).toEqual([second.dossierId, first.dossierId]);
    const [seller, kase] = list;
    expect(kase).toMatchObject({ file: 'case.pdf', path: first.path, sha256: first.sha256, lang: 'en', exhibits: 2, madeBy: 'Jane Roe', lastCheck: null, subject: { kind: 'case', label: 'Luxe v. Fakes' } });
    expect(kase!.pages).toBeGreaterThan(5);
    expect(seller).toMatchObject({ file: 'seller.pdf', lang: 'fr', exhibits: 2, subject: { kind: 'seller', label: 'Fakes 4 U (ebay:fakes4u)' } });
  });

  it('checks a dossier on demand against its PDF: the outcome is remembered in custody, with when, and the list shows it', async () => {
    const r = await checkDossier(ws, first.dossierId);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.report?.ok).toBe(true);
    expect(r.value.check).toMatchObject({ ok: true, missing: false, problems: 0 });
    const entry = (await readCustodyLog(ws.db)).at(-1)!;
    expect(entry.action).toBe('dossier.verified');
    expect(JSON.parse(entry.details)).toMatchObject({ dossierId: first.dossierId, file: 'case.pdf', sha256: first.sha256, ok: true, problems: 0 });
    const listed = (await listDossiers(ws.db)).find((d) => d.dossierId === first.dossierId)!;
    expect(listed.lastCheck).toEqual({ at: entry.at, seq: entry.seq, ok: true, missing: false, problems: 0 });
    expect((await listDossiers(ws.db)).find((d) => d.dossierId === second.dossierId)!.lastCheck).toBeNull();
  });

  it('a dossier altered on disk is found not OK, with its problems counted; the latest check is the one shown', async () => {
    const original = await fs.readFile(second.path);
    try {
      await fs.writeFile(second.path, Buffer.concat([original, Buffer.from('\n% appended after signing\n')]));
      const bad = await checkDossier(ws, second.dossierId);
      expect(bad.ok && bad.value.check.ok).toBe(false);
      const listed = (await listDossiers(ws.db)).find((d) => d.dossierId === second.dossierId)!;
      expect(listed.lastCheck).toMatchObject({ ok: false, missing: false });
      expect(listed.lastCheck!.problems).toBeGreaterThan(0);
    } finally {
      await fs.writeFile(second.path, original);
    }
    const again = await checkDossier(ws, second.dossierId);
    expect(again.ok && again.value.check.ok).toBe(true);
    expect((await listDossiers(ws.db)).find((d) => d.dossierId === second.dossierId)!.lastCheck).toMatchObject({ ok: true });
  });

  it('a dossier moved away is said missing, and that too is remembered; an unknown id is refused and records nothing', async () => {
    const moved = `${second.path}.moved`;
    await fs.rename(second.path, moved);
    try {
      const r = await checkDossier(ws, second.dossierId);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.value.report).toBeNull();
      expect(r.value.check).toMatchObject({ ok: false, missing: true });
      expect((await listDossiers(ws.db)).find((d) => d.dossierId === second.dossierId)!.lastCheck).toMatchObject({ ok: false, missing: true });
    } finally {
      await fs.rename(moved, second.path);
    }
    const before = (await readCustodyLog(ws.db)).length;
    const unknown = await checkDossier(ws, '01JNOSUCHDOSSIER');
    expect(unknown.ok ? null : unknown.error.kind).toBe('unknown');
    expect((await readCustodyLog(ws.db)).length).toBe(before);
  });

  it('opening a dossier or its folder is refused where there is no desktop shell (exhibit serve), said so', async () => {
    const handlers = dossierHandlers(ws);
    await expect(handlers['dossiers.reveal']({ dossierId: first.dossierId, how: 'folder' })).rejects.toMatchObject({ kind: 'refused', message: expect.stringContaining('download the dossier') as unknown });
    await expect(handlers['dossiers.reveal']({ dossierId: 'nope', how: 'open' })).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('the workspace still verifies clean with the checks in its custody log', async () => {
    const report = await verifyWorkspace(ws);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
  });
});

describe('custody entries in words', () => {
  it('says each entry in English and in French, as the dossier does, naming sellers and cases as a reader knows them', async () => {
    expect((await addToCase(ws.db, 'Luxe v. Fakes', [{ kind: 'seller', ref: 'ebay:fakes4u' }])).ok).toBe(true);
    const lines = await custodyLines(ws.db, await readCustodyLog(ws.db));
    const made = lines.find((l) => l.action === 'export.made' && l.details.includes(first.dossierId))!;
    expect(made.words.en).toBe(`Dossier made by Jane Roe: case.pdf, ${JSON.parse(made.details).pages} pages, in English (dossier ${first.dossierId})`);
    expect(made.words.fr).toContain('case.pdf');
    expect(made.words.fr).not.toContain('Dossier made');
    const checked = lines.find((l) => l.action === 'dossier.verified')!;
    expect(checked.words.en).toBe(`Dossier ${first.dossierId} (case.pdf) checked by Jane Roe: every exhibit verified, the file is the one made`);
    expect(checked.words.fr).toBe(`Dossier ${first.dossierId} (case.pdf) contrôlé par Jane Roe\u202f: chaque pièce vérifiée, le fichier est celui qui a été produit`);
    const member = lines.find((l) => l.action === 'case.member-added')!;
    expect(member.words.en).toBe('Added to case “Luxe v. Fakes” by Jane Roe: seller ebay:fakes4u');
    // No entry is left as raw JSON, in either language.
    for (const l of lines) for (const w of [l.words.en, l.words.fr]) expect(w).not.toMatch(/^\{|"\w+":/);
  });
});

describe('a listing’s timeline', () => {
  it('puts a report recorded the day it was sent among that day’s captures, in the order things happened', async () => {
    const today = new Date().toISOString().slice(0, 10);
    await seedCapture(ws, { sellerId: 'fakes4u', listingId: '13', title: 'Scarf', height: 600, startedAt: `${today}T00:00:01.000Z` });
    const listing = (await findListing(ws.db, 'ebay:13'))!;
    const reported = await recordReport(ws.db, { listingId: listing.id, platform: 'ebay', programme: 'ebay-vero', reportRef: 'VERO-7' });
    expect(reported.ok).toBe(true);
    await new Promise((r) => setTimeout(r, 20));
    await seedCapture(ws, { sellerId: 'fakes4u', listingId: '13', title: 'Scarf', height: 600, startedAt: new Date().toISOString() });
    const t = (await listingTimeline(ws.db, listing.id))!;
    expect(t.events.map((e) => e.kind)).toEqual(['first-seen', 'reported', 'captured']);
    // A report dated back has only its day: it comes before that day's captures.
    const back = await recordReport(ws.db, { listingId: listing.id, platform: 'ebay', programme: 'ebay-vero', reportedOn: '2026-10-01' });
    expect(back.ok).toBe(true);
    expect((await listingTimeline(ws.db, listing.id))!.events.map((e) => e.kind)).toEqual(['reported', 'first-seen', 'reported', 'captured']);
  });
});
