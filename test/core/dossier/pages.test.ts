import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCase } from '../../../electron/core/catalogue/cases.js';
import { captureFiler } from '../../../electron/core/catalogue/capture-filer.js';
import { correctField } from '../../../electron/core/catalogue/corrections.js';
import { setSellerStatus } from '../../../electron/core/catalogue/sellers.js';
import { dossierManifestSchema, type DossierManifest } from '../../../electron/core/dossier/dossier-manifest.js';
import { makeDossier, type DossierOptions, type MadeDossier } from '../../../electron/core/dossier/make-dossier.js';
import { CUSTODY_PRINT_LIMIT } from '../../../electron/core/dossier/model.js';
import { readPdf } from '../../../electron/core/dossier/pdf-read/index.js';
import { chooseCut } from '../../../electron/core/dossier/render/screenshot.js';
import { appendCustody, readCustodyLog } from '../../../electron/core/workspace/custody.js';
import type { Workspace } from '../../../electron/core/workspace/workspace.js';
import { listingExtraction } from '../../helpers/catalogue.js';
import { seedCapture } from '../../helpers/dossier.js';
import { png } from '../../helpers/png.mjs';
import { suiteTempDir, tempDir } from '../../helpers/tmp.js';
import { newWorkspace } from '../../helpers/workspace.js';

/*
 * The dossier as a litigator receiving it checks it: every screenshot page
 * says whose it is, pages are cut between blocks of the page and never
 * left near-empty, prices and ids are never split, the paper is the
 * court's, the cover and the certification name the dossier, the custody
 * log reads as words from its first entry, and each language is its own.
 */

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw new Error(`${cmd} is needed for this test (apt-get install qpdf poppler-utils): ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

const pageText = (pdf: string, page: number, layout = false) => run('pdftotext', ['-f', String(page), '-l', String(page), ...(layout ? ['-layout'] : []), pdf, '-']);
const allText = (pdf: string) => run('pdftotext', [pdf, '-']);
/** Lines joined, runs of spaces made one; no-break spaces kept (JavaScript's \\s would take them too). */
const flat = (text: string) => text.replace(/[ \t\r\n\f]+/g, ' ');

function manifestOf(pdf: string): DossierManifest {
  const dir = tempDir();
  run('pdfdetach', ['-saveall', '-o', dir, pdf]);
  return dossierManifestSchema.parse(JSON.parse(readFileSync(join(dir, 'dossier-manifest.json'), 'utf8')));
}

/** The images of pages first..last, in order: their pixel sizes. */
function imagesOf(pdf: string, first: number, last: number): { page: number; width: number; height: number }[] {
  return run('pdfimages', ['-f', String(first), '-l', String(last), '-list', pdf])
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => l.trim().split(/\s+/))
    .map((c) => ({ page: Number(c[0]), width: Number(c[3]), height: Number(c[4]) }));
}

const REVIEW = fileURLToPath(new URL('../../../test-output/dossier/', import.meta.url));

/** test-output/dossier/NAME.pdf and NAME-N.png: for a person to look at. */
function keepForReview(pdf: string, name: string, pages: number[]): void {
  mkdirSync(REVIEW, { recursive: true });
  copyFileSync(pdf, join(REVIEW, `${name}.pdf`));
  for (const p of pages) run('pdftoppm', ['-png', '-r', '70', '-f', String(p), '-l', String(p), pdf, join(REVIEW, name)]);
}

/** Reads an 8-bit RGB(A) PNG that pdftoppm wrote: its pixels as rows of RGB. */
function decodePng(file: string): { width: number; height: number; rgb: (x: number, y: number) => [number, number, number] } {
  const data = readFileSync(file);
  const width = data.readUInt32BE(16);
  const height = data.readUInt32BE(20);
  const channels = data[25] === 6 ? 4 : 3;
  const idat: Buffer[] = [];
  for (let at = 8; at < data.length; ) {
    const length = data.readUInt32BE(at);
    const type = data.toString('latin1', at + 4, at + 8);
    if (type === 'IDAT') idat.push(data.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = Buffer.alloc(height * stride);
  const prev = Buffer.alloc(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const row = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const cur = out.subarray(y * stride, (y + 1) * stride);
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? cur[i - channels]! : 0;
      const b = y > 0 ? prev[i]! : 0;
      const c = i >= channels && y > 0 ? prev[i - channels]! : 0;
      const p = a + b - c;
      const pa = Math.abs(p - a);
      const pb = Math.abs(p - b);
      const pc = Math.abs(p - c);
      const predictor = filter === 0 ? 0 : filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      cur[i] = (row[i]! + predictor) & 0xff;
    }
    cur.copy(prev);
  }
  return { width, height, rgb: (x, y) => [out[y * stride + x * channels]!, out[y * stride + x * channels + 1]!, out[y * stride + x * channels + 2]!] };
}

/**
 * A listing page as a screenshot: lines of dark "text" 14 px high with 10 px
 * of white between them, in blocks of 12 lines separated by 60 px of white,
 * and a grey left rule in the text rows only. A row is all one colour
 * exactly in the white between lines and blocks.
 */
const textPage = (height: number) =>
  png(1366, height, (x, y) => {
    const inBlock = y % 348 < 288;
    const inLine = inBlock && (y % 348) % 24 < 14;
    if (!inLine) return [255, 255, 255];
    if (x < 6) return [200, 200, 200];
    return (x * 7 + y * 13) % 5 < 2 && x < 1200 ? [20, 20, 20] : [255, 255, 255];
  });
const isWhiteRow = (y: number) => !((y % 348) < 288 && ((y % 348) % 24) < 14);

let ws: Workspace;
const LONG_SELLER = 'luxury_goods_outlet_official_store_2026_eu';
/** Wider than its column's share, narrower than the column may grow: printed whole. */
const MEDIUM_SELLER = 'plain_seller_outlet_2026';
const REFERENCE = 'Case No. 1:26-cv-04321';
let ids: { a: string; b: string; text: string };

async function textCapture(w: Workspace, height: number, startedAt: string): Promise<string> {
  const url = 'https://www.ebay.com/itm/777000111222';
  const extraction = listingExtraction({ listingId: '777000111222', sellerId: MEDIUM_SELLER, sellerName: 'Plain Seller', title: 'Horsebit loafers', price: '120.00', currency: 'EUR' });
  const record = await w.recordCapture({
    requestedUrl: url,
    finalUrl: url,
    httpStatus: 200,
    outcome: 'complete',
    startedAt,
    finishedAt: startedAt,
    artifacts: [
      { name: 'screenshot-full.png', kind: 'screenshot-full', mediaType: 'image/png', source: textPage(height) },
      { name: 'text.txt', kind: 'text', mediaType: 'text/plain', source: `loafers ${startedAt}` },
    ],
    provenance: { screenshot: { width: 1366, height, pageHeight: height, deviceScaleFactor: 1, tiles: [{ name: 'screenshot-full.png', y: 0, height }] } },
    filer: captureFiler({ extraction, extractorVersion: 'test', outcome: 'complete', url, startedAt, caseRef: 'Luxe v. Fakes', text: 'Horsebit loafers' }),
  });
  return record.manifest.captureId;
}

beforeAll(async () => {
  ws = await newWorkspace({ investigator: 'Jane Roe', organisation: 'Acme Legal LLP' }, 'suite');
  expect((await createCase(ws.db, 'Luxe v. Fakes', REFERENCE)).ok).toBe(true);
  const a = await seedCapture(ws, { sellerId: LONG_SELLER, sellerName: 'Luxe Outlet', listingId: '125512345678', title: 'GG Marmont bag', price: '39.99', currency: 'USD', height: 3000, startedAt: '2026-10-01T09:00:00.000Z', caseRef: 'Luxe v. Fakes', note: 'First sighting; test buy ordered under alias “M. Martin”.' });
  const b = await seedCapture(ws, { sellerId: LONG_SELLER, sellerName: 'Luxe Outlet', listingId: '125512345678', title: 'GG Marmont bag', price: '39.99', currency: 'USD', height: 3100, startedAt: '2026-10-08T09:00:00.000Z', caseRef: 'Luxe v. Fakes' });
  const text = await textCapture(ws, 5200, '2026-10-03T09:00:00.000Z');
  ids = { a: a.manifest.captureId, b: b.manifest.captureId, text };
  expect((await correctField(ws.db, ids.a, 'price', '35.99', 'read the strike-through price')).ok).toBe(true);
  expect((await setSellerStatus(ws.db, `ebay:${LONG_SELLER}`, 'reported', 'VeRO notice sent')).ok).toBe(true);
}, 60_000);

const made = new Map<string, MadeDossier>();
async function dossier(name: string, o: Partial<DossierOptions> = {}): Promise<MadeDossier> {
  const key = `${name}`;
  if (made.has(key)) return made.get(key)!;
  const r = await makeDossier(ws, { selection: { kind: 'case', ref: 'Luxe v. Fakes' }, lang: 'en', attach: 'manifests', ...o, output: join(suiteTempDir(), `${name}.pdf`) });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  made.set(key, r.value);
  return r.value;
}

/** Pages of an exhibit that show its screenshot. */
function screenshotPages(pdf: string, x: DossierManifest['exhibits'][number], heading: RegExp): number[] {
  const pages: number[] = [];
  for (let p = x.pages.first; p <= x.pages.last; p++) if (heading.test(pageText(pdf, p))) pages.push(p);
  return pages;
}

describe('the pages of a dossier, as a litigator checks them', () => {
  it('stamps every screenshot page with its exhibit, address, capture time, capture id and screenshot SHA-256', async () => {
    const d = await dossier('en', { bates: 'LUXE-' });
    const m = manifestOf(d.path);
    const seen = new Set<string>();
    for (const x of m.exhibits) {
      const shot = x.artifacts.find((a) => a.name === 'screenshot-full.png')!;
      const pages = screenshotPages(d.path, x, /Full-page screenshot/);
      expect(pages.length, x.number).toBeGreaterThanOrEqual(2);
      for (const p of pages) {
        const text = pageText(d.path, p, true);
        expect(text).toContain(`Exhibit ${x.number} — Full-page screenshot`);
        expect(text).toContain(x.captureId);
        expect(text).toContain(x.requestedUrl);
        expect(text).toContain(x.startedAt.replace('T', ' ').replace('Z', ' UTC'));
        // The hash whole, on one line.
        expect(text.split('\n').some((line) => line.includes(shot.sha256))).toBe(true);
        seen.add(`${x.number} ${shot.sha256}`);
      }
    }
    // show the same listing, a week apart: their pages never look alike.
    expect(new Set([...seen].map((k) => k.split(' ')[1])).size).toBe(m.exhibits.length);
    keepForReview(d.path, 'pages-en', [1, m.exhibits[0]!.pages.first, m.exhibits[0]!.pages.first + 1]);
  }, 120_000);

  it('cuts a tall screenshot on rows of one colour, at one scale, and never leaves a near-empty page', async () => {
    const d = await dossier('en', { bates: 'LUXE-' });
    const m = manifestOf(d.path);
    const x = m.exhibits.find((e) => e.captureId === ids.text)!;
    const images = imagesOf(d.path, x.pages.first, x.pages.last);
    expect(images.reduce((s, i) => s + i.height, 0)).toBe(5200);
    const tallest = Math.max(...images.map((i) => i.height));
    let top = 0;
    for (const [i, img] of images.entries()) {
      // Each cut falls where the page is white: no line of text is cut in two.
      if (i > 0) expect(isWhiteRow(top), `cut at row ${top}`).toBe(true);
      // No sliver: every page shows at least a third of what a page holds.
      expect(img.height).toBeGreaterThan(tallest / 3);
      top += img.height;
    }
    const text = flat(run('pdftotext', ['-f', String(x.pages.first), '-l', String(x.pages.last), d.path, '-']));
    expect(new Set([...text.matchAll(/Shown at (\d+)% of its captured size/g)].map((r) => r[1])).size).toBe(1);

    // Measured on the page as printed: the last screenshot page is far from blank.
    const last = images[images.length - 1]!.page;
    const dir = tempDir();
    run('pdftoppm', ['-png', '-r', '40', '-f', String(last), '-l', String(last), d.path, join(dir, 'p')]);
    const page = decodePng(join(dir, readdirSync(dir)[0]!));
    let inked = 0;
    for (let y = 0; y < page.height; y++) for (let xx = 0; xx < page.width; xx++) if (page.rgb(xx, y).some((c) => c < 200)) inked++;
    expect(inked / (page.width * page.height)).toBeGreaterThan(0.04);
    keepForReview(d.path, 'pages-en-slices', images.map((i) => i.page));
  }, 120_000);

  it('chooses its cuts by the rule: lowest uniform row in the last 15%, the last two pages balanced', () => {
    const never = () => false;
    expect(chooseCut(5000, 800, never)).toBe(800);
    expect(chooseCut(5000, 800, (r) => r === 700 || r === 750)).toBe(750);
    expect(chooseCut(5000, 800, (r) => r === 600)).toBe(800);
    // 1000 rows left, 800 a page: two pages of about 500, not 800 and a sliver of 200.
    expect(chooseCut(1000, 800, never)).toBe(500);
    expect(chooseCut(1000, 800, (r) => r === 470)).toBe(470);
    expect(chooseCut(810, 800, never)).toBe(405);
    expect(chooseCut(800, 800, never)).toBe(800);
    for (let remaining = 801; remaining <= 1600; remaining += 37) {
      const cut = chooseCut(remaining, 800, never);
      expect(cut).toBeLessThanOrEqual(800);
      expect(remaining - cut).toBeLessThanOrEqual(800);
      expect(Math.min(cut, remaining - cut)).toBeGreaterThan(800 / 3);
    }
  });

  it('never splits a price, a currency or a seller id in a table', async () => {
    const d = await dossier('en', { bates: 'LUXE-' });
    keepForReview(d.path, 'pages-en', [4]);
    const text = run('pdftotext', ['-layout', d.path, '-']);
    const lines = text.split('\n');
    // The listings table: each price whole on its line; a seller id that fits its column whole.
    const a = lines.find((l) => l.includes('ebay:125512345678'))!;
    expect(a).toMatch(/39\.99[\s\u00a0]USD/);
    const b = lines.find((l) => l.includes('ebay:777000111222'))!;
    expect(b).toMatch(/120\.00[\s\u00a0]EUR/);
    expect(b).toContain(`ebay:${MEDIUM_SELLER}`);
    for (const l of lines) expect(l, 'a price cut from its currency').not.toMatch(/\d\.\d\d[\s\u00a0]+[A-Z]{1,2}\s*$/);
    // An id longer than any column may grow is cut at a safe point only (after "_", ":" or "-"), never mid-word.
    const cut = a.slice(a.indexOf('ebay:luxury')).split(/\s{2,}/)[0]!;
    expect(LONG_SELLER.startsWith(cut.slice('ebay:'.length)) && /[_:-]$/.test(cut)).toBe(true);
    // In the exhibit's fields, where the value column is wide enough, both ids are whole.
    expect(lines.filter((l) => l.includes(LONG_SELLER) && !l.includes('ebay:')).length).toBeGreaterThanOrEqual(2);
    expect(lines.filter((l) => l.includes(MEDIUM_SELLER)).length).toBeGreaterThanOrEqual(3);
    for (const l of lines) for (const part of ['plain_seller_out', 'outlet_2026']) if (l.includes(part) && !l.includes(MEDIUM_SELLER)) expect.fail(`seller id split on the line: ${l}`);
  }, 120_000);

  it('prints on Letter in English and A4 in French by default, or on the paper asked for', async () => {
    const sizes = (pdf: string, pages: number) =>
      new Set(
        run('pdfinfo', ['-f', '1', '-l', String(pages), pdf])
          .split('\n')
          .filter((l) => /^Page\s+\d+ size:/.test(l))
          .map((l) => /size:\s+([\d.]+) x ([\d.]+)/.exec(l)!.slice(1, 3).map(Number).sort((p, q) => p - q).join('x')),
      );
    const en = await dossier('en', { bates: 'LUXE-' });
    expect(sizes(en.path, en.pages)).toEqual(new Set(['612x792']));
    const fr = await dossier('fr', { lang: 'fr' });
    expect(sizes(fr.path, fr.pages)).toEqual(new Set(['595.28x841.89']));
    const a4 = await dossier('en-a4', { paper: 'a4', attach: 'none' });
    expect(sizes(a4.path, a4.pages)).toEqual(new Set(['595.28x841.89']));
    const letter = await dossier('fr-letter', { lang: 'fr', paper: 'letter', attach: 'none' });
    expect(sizes(letter.path, letter.pages)).toEqual(new Set(['612x792']));
    keepForReview(a4.path, 'pages-en-a4', [1, manifestOf(a4.path).exhibits[0]!.pages.first + 1]);
    keepForReview(letter.path, 'pages-fr-letter', [1, manifestOf(letter.path).exhibits[0]!.pages.first + 1]);
  }, 180_000);

  it('names on its cover the case reference, the dossier id and the signing key', async () => {
    for (const [name, lang] of [
      ['en', 'en'],
      ['fr', 'fr'],
    ] as const) {
      const d = await dossier(name, lang === 'en' ? { bates: 'LUXE-' } : { lang });
      const cover = flat(pageText(d.path, 1));
      expect(cover).toContain(REFERENCE);
      expect(cover).toContain(d.dossierId);
      // The fingerprint in groups of four, as the verification section prints it.
      expect(cover).toContain(ws.key.fingerprint);
      expect(cover).toContain(lang === 'en' ? 'Workspace signing key (SHA-256 fingerprint)' : 'Clé de signature de l’espace de travail (empreinte SHA-256)');
    }
  }, 180_000);

  it('prints the note sealed at capture in its exhibit, as part of the evidence', async () => {
    const d = await dossier('en', { bates: 'LUXE-' });
    const a1 = manifestOf(d.path).exhibits.find((x) => x.captureId === ids.a)!;
    const text = flat(pageText(d.path, a1.pages.first));
    expect(text).toContain('Note recorded at capture (part of the signed evidence) First sighting; test buy ordered under alias “M. Martin”.');
    const fr = await dossier('fr', { lang: 'fr' });
    const p1 = manifestOf(fr.path).exhibits.find((x) => x.captureId === ids.a)!;
    expect(flat(pageText(fr.path, p1.pages.first))).toContain('Note consignée lors de la capture (partie intégrante de la preuve signée) First sighting');
  }, 180_000);

  it('prints the custody log from entry #1, in words, each entry with its hash, and how to check the chain', async () => {
    const d = await dossier('en', { bates: 'LUXE-' });
    const text = allText(d.path);
    // The log as it stood when the dossier was made: up to the entry before its own.
    const all = await readCustodyLog(ws.db);
    const own = all.find((e) => e.action === 'export.made' && e.details.includes(d.dossierId))!;
    const log = all.filter((e) => e.seq < own.seq);
    const from = text.lastIndexOf('8. Chain of custody');
    const section = flat(text.slice(from, text.indexOf('9. How to verify this dossier', from)));
    expect(section).toContain(`All ${log.length} entries of the log are printed, from #1`);
    expect(section).toMatch(/# Time \(UTC\) By Event 1 \d{4}-\d\d-\d\d [\d:.]+ UTC Jane Roe \(\S+\) Workspace created; its signing key's fingerprint is /);
    for (const e of log) expect(section).toContain(e.hash);
    for (const words of [
      'Capture stored: A-1 (',
      'Price corrected by Jane Roe: read the strike-through price',
      `A-1 (${ids.a}): 39.99 → 35.99`,
      `Status of seller ebay:${LONG_SELLER} changed by Jane Roe: active → reported (VeRO notice sent)`,
      'Case created: “Luxe v. Fakes”, reference Case No. 1:26-cv-04321',
      `Listing recorded: ebay:125512345678`,
    ]) {
      expect(section).toContain(words);
    }
    expect(section).not.toMatch(/capture\.stored|field\.corrected|seller\.status-changed/);
    expect(section).toContain("Each entry's hash is the SHA-256 of the canonical JSON (RFC 8785) of {action, actor: {investigator, osUser}, at, details, prevHash, seq, subject}");
    expect(section).toContain(`Head of the custody chain when this dossier was made #${log[log.length - 1]!.seq} ${log[log.length - 1]!.hash}`);
  }, 120_000);

  it('names the dossier in its certification — id, manifest SHA-256, Bates range — and leaves the check and the signature to fill in', async () => {
    const d = await dossier('en', { bates: 'LUXE-' });
    const dir = tempDir();
    run('pdfdetach', ['-saveall', '-o', dir, d.path]);
    const manifestSha = createHash('sha256').update(readFileSync(join(dir, 'dossier-manifest.json'))).digest('hex');
    const last = flat(run('pdftotext', ['-f', String(d.pages - 1), '-l', String(d.pages), d.path, '-']));
    const cert = last.slice(last.indexOf('10. Certification'));
    expect(cert).toContain(`Dossier ID ${d.dossierId}`);
    expect(cert).toContain(manifestSha);
    expect(cert).toContain(`Pages ${d.pages}`);
    expect(cert).toContain(`Bates range LUXE-000001 – LUXE-${String(d.pages).padStart(6, '0')}`);
    expect(cert).toContain('exhibit verify DOSSIER.pdf');
    expect(cert).toContain('Date of the check');
    expect(cert).not.toContain('I have compared them');
    for (const blank of ['Name', 'Title and organisation', 'Place', 'Date', 'Signature']) expect(cert).toContain(blank);
    // The hash on one line of its own page, as the verifier and a reader find it.
    expect(run('pdftotext', ['-layout', '-f', String(d.pages - 1), '-l', String(d.pages), d.path, '-']).split('\n').some((l) => l.includes(manifestSha))).toBe(true);

    const fr = await dossier('fr', { lang: 'fr' });
    const frText = flat(allText(fr.path));
    const att = frText.slice(frText.lastIndexOf('10. Attestation'));
    expect(att).toContain("Attestation de l'enquêteur (art. 202 du code de procédure civile)");
    for (const blank of ['Nom', 'Prénoms', 'Date et lieu de naissance', 'Demeure', 'Profession', "Lien de parenté ou d'alliance avec les parties, de subordination à leur égard, de collaboration ou de communauté d'intérêts avec elles", 'Fait à', 'Signature manuscrite']) expect(att).toContain(blank);
    expect(att).toContain('établie en vue de sa production en justice');
    expect(att).toContain('sanctions pénales');
    expect(att).toContain("copie d'un document officiel justifiant de l'identité");
    expect(att).toContain(`Identifiant du dossier ${fr.dossierId}`);
    expect(att).not.toMatch(/(^|\s)constat(\s|$)|commissaire de justice/i);
  }, 180_000);

  it('keeps each language its own: no French in the English dossier, no English in the French one', async () => {
    const en = flat(allText((await dossier('en', { bates: 'LUXE-' })).path));
    for (const word of ['canonique', 'Pièce', 'Expédié', 'capturée', 'empreinte', 'Attestation', 'Vendeur', 'Adresse', 'Chaîne de conservation', 'réglages', ' sur ']) expect(en, word).not.toContain(word);
    const frPdf = (await dossier('fr', { lang: 'fr' })).path;
    keepForReview(frPdf, 'pages-fr', [1]);
    const fr = flat(allText(frPdf));
    for (const word of ['in-stock', 'selector:', 'url:', 'Statut active', 'canonical JSON', 'Capture stored', 'captured completely', 'Ships from', 'Exhibit A-', 'Workspace created', 'host ebay.com', 'Full-page', 'Price corrected', ' active ', 'Found in']) expect(fr, word).not.toContain(word);
    expect(fr).toContain('Statut signalé');
    // French typography: a narrow no-break space before the colon and semicolon of the labels and sentences.
    // Read with Exhibit's own reader (poppler prints U+202F as a plain space): the character itself is in the PDF.
    const read = readPdf(readFileSync(frPdf));
    if (!read.ok) throw new Error('unreadable');
    const frChars = flat(read.value.pages.join('\n'));
    expect(frChars).toContain('élément de la page\u202f: h1.x-item-title__mainTitle');
    expect(frChars).toContain('adresse de la page\u202f: nom d’hôte ebay.com');
    expect(frChars).toContain('39,99\u00a0USD');
    for (const label of ['Capture enregistrée\u202f:', 'Donnée «\u00a0Prix\u00a0» corrigée par Jane Roe\u202f: read the strike-through price', 'La présente attestation porte sur le dossier\u202f:', 'Linux\u202f: sha256sum', 'Création de l\'espace de travail\u202f; empreinte de sa clé de signature\u202f:']) {
      expect(frChars, label).toContain(label);
    }
    expect(frChars).not.toMatch(/[a-zéèêàùç)] [:;](?= )/);
  }, 180_000);
});

describe('a screenshot stored in tiles', () => {
  it('is cut across its tiles as one image, and a page showing two tiles names both files and their hashes', async () => {
    const tiled = await newWorkspace({ investigator: 'Jane Roe', organisation: 'Acme' });
    // Tiles of 8,000 and 600 px, as Exhibit stores a tall page: joined, the pages are cut where the page is, not where the tiles are.
    const c = await seedCapture(tiled, { sellerId: 'tall_shop', listingId: '77', title: 'Scarf', height: 8600, startedAt: '2026-10-01T09:00:00.000Z', caseRef: 'Tiles' });
    const r = await makeDossier(tiled, { selection: { kind: 'case', ref: 'Tiles' }, lang: 'en', attach: 'none', output: join(tempDir(), 'tiles.pdf') });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const x = manifestOf(r.value.path).exhibits[0]!;
    const [one, two] = ['screenshot-full-001.png', 'screenshot-full-002.png'].map((n) => c.manifest.artifacts.find((a) => a.name === n)!);
    const images = imagesOf(r.value.path, x.pages.first, x.pages.last);
    expect(images.reduce((sum, i) => sum + i.height, 0)).toBe(8600);
    const tallest = Math.max(...images.map((i) => i.height));
    expect(images.every((i) => i.height > tallest / 3)).toBe(true);
    let top = 0;
    for (const img of images) {
      const text = pageText(r.value.path, img.page, true);
      const spans = [top < 8000 ? one! : null, top + img.height > 8000 ? two! : null].filter((a) => a !== null);
      for (const a of spans) expect(text, `page ${img.page}`).toContain(`SHA-256 of ${a.name}`);
      for (const a of spans) expect(text.split('\n').some((l) => l.includes(a.sha256))).toBe(true);
      if (spans.length === 1) expect(text).not.toContain((spans[0] === one ? two : one)!.sha256);
      top += img.height;
    }
    const across = images.findIndex((_, i) => images.slice(0, i).reduce((sum, j) => sum + j.height, 0) < 8000 && images.slice(0, i + 1).reduce((sum, j) => sum + j.height, 0) > 8000);
    expect(across).toBeGreaterThanOrEqual(0);
    keepForReview(r.value.path, 'pages-tiles', [images[across]!.page]);
    await tiled.close();
  }, 120_000);
});

describe('the custody log of a busy workspace', () => {
  it(`past ${CUSTODY_PRINT_LIMIT} entries, prints those about the dossier and the workspace, and says so`, async () => {
    const busy = await newWorkspace({ investigator: 'Jane Roe', organisation: 'Acme' });
    const mine = await seedCapture(busy, { sellerId: 'fakes4u', listingId: '42', title: 'Belt', price: '12.00', currency: 'EUR', height: 900, startedAt: '2026-10-01T09:00:00.000Z', caseRef: 'Busy' });
    await busy.db.transaction(async (tx) => {
      for (let i = 0; i < CUSTODY_PRINT_LIMIT; i++) await appendCustody(tx, { action: 'note.edited', subject: `other-seller-${i % 7}`, details: { from: '', to: `note ${i}` } });
    });
    await busy.logEvent({ action: 'settings.changed', subject: null, details: { organisation: { from: 'Acme', to: 'Acme Legal' } } });
    const r = await makeDossier(busy, { selection: { kind: 'case', ref: 'Busy' }, lang: 'en', attach: 'none', output: join(tempDir(), 'busy.pdf') });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const text = flat(allText(r.value.path));
    const log = (await readCustodyLog(busy.db)).filter((e) => e.action !== 'export.made');
    const printed = log.filter((e) => e.subject === null || !e.subject.startsWith('other-seller-'));
    expect(text).toContain(`The log holds ${log.length} entries, too many to print in full: printed here are the ${printed.length} entries about the captures`);
    for (const e of printed) expect(text).toContain(e.hash);
    expect(text).not.toContain('note 17');
    expect(text).toContain('Settings changed by Jane Roe: organisation “Acme” → “Acme Legal”');
    expect(text).toContain(`Capture stored: A-1 (${mine.manifest.captureId})`);
    await busy.close();
  }, 120_000);
});
