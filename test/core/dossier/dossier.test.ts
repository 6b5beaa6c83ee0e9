import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { dossierManifestSchema, type DossierManifest } from '../../../electron/core/dossier/dossier-manifest.js';
import { describeDossierError, makeDossier, type MadeDossier } from '../../../electron/core/dossier/make-dossier.js';
import { readCustodyLog } from '../../../electron/core/workspace/custody.js';
import type { Workspace } from '../../../electron/core/workspace/workspace.js';
import { seedCapture } from '../../helpers/dossier.js';
import { suiteTempDir, tempDir } from '../../helpers/tmp.js';
import { newWorkspace } from '../../helpers/workspace.js';

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw new Error(`${cmd} is needed for this test (apt-get install qpdf poppler-utils): ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

const pageText = (pdf: string, first: number, last: number) => run('pdftotext', ['-f', String(first), '-l', String(last), '-layout', pdf, '-']);

function detach(pdf: string): Map<string, Buffer> {
  const dir = tempDir();
  run('pdfdetach', ['-saveall', '-o', dir, pdf]);
  return new Map(readdirSync(dir).map((n) => [n, readFileSync(join(dir, n))]));
}

let ws: Workspace;

beforeAll(async () => {
  ws = await newWorkspace({ investigator: 'Jane Roe', organisation: 'Acme Legal LLP' }, 'suite');
  // One seller whose names test the fonts and the file name; a tall page in two tiles; a failed re-capture.
  await seedCapture(ws, { sellerId: 'luxe/"outlet"', sellerName: 'Luxe "Outlet" / 奢侈品店 — שלום', listingId: '125512345678', title: 'GG Marmont 正品 bag «cuir»', price: '89.99', currency: 'USD', height: 12_000, startedAt: '2026-10-01T09:00:00.000Z', caseRef: 'Acme v. Fakes' });
  await seedCapture(ws, { sellerId: 'luxe/"outlet"', sellerName: 'Luxe "Outlet" / 奢侈品店 — שלום', listingId: '125512345678', title: 'GG Marmont bag', price: '79.99', currency: 'USD', height: 1500, startedAt: '2026-10-08T09:00:00.000Z', caseRef: 'Acme v. Fakes' });
  await seedCapture(ws, { sellerId: 'other_shop', sellerName: 'Другой магазин', listingId: '9988', title: 'Ψεύτικο ρολόι', height: 900, startedAt: '2026-10-02T09:00:00.000Z', caseRef: 'Acme v. Fakes' });
  await seedCapture(ws, { outcome: 'dns-failure', height: 0, startedAt: '2026-10-09T09:00:00.000Z', caseRef: 'Acme v. Fakes' });
}, 60_000);

async function dossier(o: Partial<Parameters<typeof makeDossier>[1]> & { name: string }): Promise<MadeDossier> {
  const made = await makeDossier(ws, { selection: { kind: 'case', ref: 'Acme v. Fakes' }, lang: 'en', attach: 'manifests', ...o, output: join(suiteTempDir(), o.name) });
  if (!made.ok) throw new Error(JSON.stringify(made.error));
  return made.value;
}

function manifestOf(pdf: string): DossierManifest {
  return dossierManifestSchema.parse(JSON.parse(detach(pdf).get('dossier-manifest.json')!.toString()));
}

describe('PDF dossiers, read back with qpdf and poppler', () => {
  it('is a valid PDF whose pages show, for every exhibit, the hashes stored for it', async () => {
    const d = await dossier({ name: 'en.pdf', bates: 'ACME-' });
    expect(run('qpdf', ['--check', d.path])).toContain('No syntax or stream encoding errors');
    const info = run('pdfinfo', [d.path]);
    expect(info).toMatch(new RegExp(`Pages:\\s+${d.pages}\\n`));
    expect(info).toContain('Title:           Evidence Dossier — Acme v. Fakes');
    expect(run('pdfinfo', ['-meta', d.path])).toContain('<pdfaid:part>3</pdfaid:part>');
    expect(run('pdffonts', [d.path]).split('\n').filter((l) => / yes yes yes /.test(l)).length).toBeGreaterThanOrEqual(3);

    const m = manifestOf(d.path);
    expect(m.exhibits.map((x) => x.number)).toEqual(['A-1', 'A-2', 'B-1', 'C-1']);
    for (const x of m.exhibits) {
      const text = pageText(d.path, x.pages.first, x.pages.last);
      const stored = await ws.db.all<{ name: string; sha256: string }>('SELECT name, sha256 FROM artifacts WHERE capture_id = ? ORDER BY name', [x.captureId]);
      expect(stored.length).toBeGreaterThan(0);
      for (const a of stored) expect(text).toContain(a.sha256);
      const row = await ws.db.get<{ manifest_sha256: string }>('SELECT manifest_sha256 FROM captures WHERE id = ?', [x.captureId]);
      expect(text).toContain(row!.manifest_sha256);
      expect(text).toContain(x.captureId);
    }
    const all = run('pdftotext', ['-layout', d.path, '-']);
    expect(all).toContain(`Page 1 of ${d.pages}`);
    expect(all).toContain(`Page ${d.pages} of ${d.pages}`);
    expect(all).toContain('ACME-000001');
    expect(all).toContain(`ACME-${String(d.pages).padStart(6, '0')}`);
    expect(all.split('\f').every((page) => page.trim() === '' || page.includes(d.dossierId))).toBe(true);
    for (const heading of ['Contents', 'Seller summary', 'Listings', 'Exhibits', 'Changes over time', 'Method and environment', 'Chain of custody', 'How to verify this dossier', 'Federal Rules of Evidence 902(13) and 902(14)']) expect(all).toContain(heading);
    expect(all).toContain('奢侈品店');
    expect(all).toMatch(/שלום|םולש/);
    expect(all).toContain('Другой магазин');
    expect(all).toContain('No screenshot');
    expect(all).toContain(ws.key.fingerprint);
    // Its SHA-256 is in the custody log.
    const logged = (await readCustodyLog(ws.db)).find((e) => e.action === 'export.made' && (JSON.parse(e.details) as { dossierId?: string }).dossierId === d.dossierId);
    expect(JSON.parse(logged!.details)).toMatchObject({ sha256: createHash('sha256').update(readFileSync(d.path)).digest('hex'), bytes: readFileSync(d.path).length });
  }, 120_000);

  it('shows a tall screenshot whole, slice after slice, at one readable scale', async () => {
    // A4, where a 1366 px window prints at 56% (on Letter, the English default, at 53%).
    const d = await dossier({ name: 'tall.pdf', paper: 'a4' });
    const m = manifestOf(d.path);
    const a1 = m.exhibits[0]!;
    const images = run('pdfimages', ['-f', String(a1.pages.first), '-l', String(a1.pages.last), '-list', d.path])
      .split('\n')
      .slice(2)
      .filter((l) => l.trim())
      .map((l) => l.trim().split(/\s+/))
      .map((c) => ({ width: Number(c[3]), height: Number(c[4]), color: c[5], bpc: Number(c[7]) }));
    expect(images.length).toBeGreaterThanOrEqual(12_000 / 900);
    expect(images.every((i) => i.width === 1366 && i.color === 'rgb' && i.bpc === 8)).toBe(true);
    // Never cut off: the slices add up to the page's full height.
    expect(images.reduce((s, i) => s + i.height, 0)).toBe(12_000);
    const text = pageText(d.path, a1.pages.first, a1.pages.last);
    expect(text).toContain('Full-page screenshot, continued');
    expect(text).toMatch(/Shown at 56% of its captured size \(1366 × 12000 px\); pixels \d+–12000 of 12000/);
  }, 120_000);

  it('in French, with every file attached, each attachment is the stored file', async () => {
    const d = await dossier({ name: 'fr.pdf', lang: 'fr', attach: 'all' });
    expect(run('qpdf', ['--check', d.path])).toContain('No syntax or stream encoding errors');
    const all = run('pdftotext', ['-layout', d.path, '-']);
    for (const t of ['Sommaire', 'Synthèse des vendeurs', 'Pièce A-1', 'Chaîne de conservation', "Attestation de l'enquêteur (art. 202 du code de procédure civile)", `Page 1 sur ${d.pages}`]) expect(all).toContain(t);
    const files = detach(d.path);
    const m = manifestOf(d.path);
    for (const x of m.exhibits) {
      for (const a of x.artifacts) {
        const data = files.get(`${x.number}_${a.name}`);
        expect(data, `${x.number} ${a.name}`).toBeDefined();
        expect(createHash('sha256').update(data!).digest('hex')).toBe(a.sha256);
      }
      expect(createHash('sha256').update(files.get(`${x.number}_manifest.json`)!).digest('hex')).toBe(x.manifestSha256);
    }
    expect(files.get('public-key.pem')?.toString()).toBe(ws.key.publicKeyPem);
  }, 120_000);

  it('names its file safely on every OS, never writes over a file, and refuses bad input without writing', async () => {
    const dir = tempDir();
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const made = await makeDossier(ws, { selection: { kind: 'seller', ref: 'ebay:luxe/"outlet"' }, lang: 'en', attach: 'none' });
      expect(made.ok).toBe(true);
      const name = made.ok ? made.value.path.slice(dir.length + 1) : '';
      expect(name).toMatch(/^[A-Za-z0-9._-]+\.pdf$/);
      expect(name).toContain('ebay-luxe-outlet');
    } finally {
      process.chdir(cwd);
    }
    const taken = join(dir, 'taken.pdf');
    writeFileSync(taken, 'not mine');
    expect(await makeDossier(ws, { selection: { kind: 'case', ref: 'Acme v. Fakes' }, lang: 'en', attach: 'none', output: taken })).toMatchObject({ ok: false, error: { kind: 'output-exists' } });
    expect(readFileSync(taken, 'utf8')).toBe('not mine');
    expect(await makeDossier(ws, { selection: { kind: 'seller', ref: 'ebay:nobody' }, lang: 'en', attach: 'none', output: join(dir, 'x.pdf') })).toMatchObject({ ok: false, error: { kind: 'no-seller' } });
    expect(await makeDossier(ws, { selection: { kind: 'captures', ids: ['NOPE'] }, lang: 'en', attach: 'none', output: join(dir, 'x.pdf') })).toMatchObject({ ok: false, error: { kind: 'no-captures', ids: ['NOPE'] } });
    expect(await makeDossier(ws, { selection: { kind: 'case', ref: 'Acme v. Fakes' }, lang: 'en', attach: 'none', bates: 'A B/C', output: join(dir, 'x.pdf') })).toMatchObject({ ok: false, error: { kind: 'bad-bates' } });
    const missing = join(dir, 'no', 'such', 'dir', 'x.pdf');
    expect(await makeDossier(ws, { selection: { kind: 'case', ref: 'Acme v. Fakes' }, lang: 'en', attach: 'none', output: missing })).toMatchObject({ ok: false, error: { kind: 'unwritable' } });
    expect(existsSync(join(dir, 'x.pdf'))).toBe(false);
    expect(readdirSync(dir).filter((n) => n.includes('partial'))).toEqual([]);
    mkdirSync(join(dir, 'empty'));
  }, 120_000);

  it('a dossier the custody log cannot record is taken away again, never left in place unaccounted for', async () => {
    const dir = tempDir();
    const output = join(dir, 'unrecorded.pdf');
    const before = (await readCustodyLog(ws.db)).length;
    // The log refuses this one entry, as a full disk or a failing drive would.
    await ws.db.exec(`CREATE TEMP TRIGGER refuse_dossier BEFORE INSERT ON custody_log WHEN json_extract(NEW.details, '$.kind') = 'dossier' BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);
    try {
      const made = await makeDossier(ws, { selection: { kind: 'case', ref: 'Acme v. Fakes' }, lang: 'en', attach: 'none', output });
      expect(made).toMatchObject({ ok: false, error: { kind: 'not-recorded', path: output } });
      expect(made.ok ? '' : describeDossierError(made.error)).toBe(`The dossier could not be recorded in the custody log (SQLITE_CONSTRAINT: database or disk is full), so ${output} was removed rather than left unrecorded. Nothing was written.`);
    } finally {
      await ws.db.exec('DROP TRIGGER temp.refuse_dossier');
    }
    expect(readdirSync(dir)).toEqual([]);
    expect((await readCustodyLog(ws.db)).length).toBe(before);
  }, 120_000);
});
