import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { Lexer } from '../../../electron/core/dossier/pdf-read/lexer.js';
import { PdfName, PdfRef, PdfString, type PdfDict } from '../../../electron/core/dossier/pdf-read/objects.js';
import { readPdf, type PdfDocument, type PdfReadError } from '../../../electron/core/dossier/pdf-read/index.js';
import { appendEmbeddedFileUpdate, md5 } from '../../helpers/pdf-tamper.js';
import { suiteTempDir } from '../../helpers/tmp.js';

const FONTS = 'node_modules/dejavu-fonts-ttf/ttf';
const sha256 = (s: string | Buffer): string => createHash('sha256').update(s).digest('hex');

async function writePdf(path: string, options: PDFKit.PDFDocumentOptions, draw: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  const doc = new PDFDocument(options);
  doc.registerFont('sans', join(FONTS, 'DejaVuSans.ttf'));
  doc.registerFont('mono', join(FONTS, 'DejaVuSansMono.ttf'));
  const out = createWriteStream(path);
  doc.pipe(out);
  draw(doc);
  doc.end();
  await once(out, 'finish');
  return readFileSync(path);
}

function read(bytes: Buffer): PdfDocument {
  const result = readPdf(bytes);
  if (!result.ok) throw new Error(`readPdf failed: ${result.error.kind}: ${result.error.message}`);
  return result.value;
}

function readError(bytes: Buffer, limits?: { maxInflatedBytes: number }): PdfReadError {
  const started = performance.now();
  const result = readPdf(bytes, limits);
  expect(performance.now() - started).toBeLessThan(1000);
  if (result.ok) {
    // A damaged page or attachment is reported as such rather than failing the whole file, so the check can name it.
    const page = result.value.pageProblems.find((p) => p !== null);
    if (page) return page;
    const attachment = result.value.attachments.find((a) => a.damaged !== null);
    if (attachment?.damaged) return attachment.damaged;
    throw new Error('expected readPdf to fail');
  }
  return result.error;
}

/** pdftotext -layout's text of each page, with runs of spaces and blank lines squeezed out. */
function popplerPages(path: string): string[] {
  const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
  return text
    .split('\f')
    .slice(0, -1)
    .map((page) =>
      page
        .split('\n')
        .map((line) => line.replace(/\s+/g, ' ').trim())
        .filter((line) => line !== '')
        .join('\n'),
    );
}

const HASHES = ['dossier', 'screenshot.png', 'page.html', 'archive.warc.gz'].map(sha256);
const LINES = {
  latin: 'Exhibit 1 — listing captured from a marketplace',
  french: 'Procès-verbal : capture d’écran reçue à Besançon, « fidèle » (été, Noël, œuvre)',
  greek: 'Ελληνικά: Η απόδειξη καταγράφηκε σωστά',
  cyrillic: 'Русский: Доказательство записано — ёж, щука',
};
const PARAGRAPH = 'This paragraph is justified over several lines, so pdfkit turns its spaces into kerning inside TJ arrays; the reader must still find the words apart and keep each printed line whole.';
const ATTACHMENTS = [
  { name: 'manifest.json', type: 'application/json', description: 'Signed capture manifest', data: Buffer.from(JSON.stringify({ captureId: 'c-1', hashes: HASHES }, null, 2)) },
  { name: 'screenshot.bin', type: 'application/octet-stream', description: 'Résumé des données — binaire', data: randomBytes(200_000) },
  { name: 'empty.txt', type: 'text/plain', description: 'Nothing in it', data: Buffer.alloc(0) },
];

function drawDossier(doc: PDFKit.PDFDocument): void {
  doc.font('sans').fontSize(16).text(LINES.latin);
  doc.fontSize(11).text(LINES.french).text(LINES.greek).text(LINES.cyrillic);
  doc.font('mono').fontSize(8.5);
  for (const hash of HASHES.slice(0, 2)) doc.text(hash);
  doc.addPage();
  doc.font('sans').fontSize(10).text(PARAGRAPH, { width: 240, align: 'justify' });
  doc.text('SHA-256: ', { continued: true }).font('mono').text(HASHES[2] ?? '');
  doc.addPage();
  doc.font('mono').fontSize(8).text(HASHES[3] ?? '', 200, 500);
  doc.font('sans').fontSize(12).text('Last page, at the top', 72, 72);
  for (const a of ATTACHMENTS) attach(doc, a.data, { name: a.name, type: a.type, description: a.description });
}

/** doc.file with an /AFRelationship, which pdfkit writes but its type definitions do not list. */
function attach(doc: PDFKit.PDFDocument, data: Buffer, options: { name: string; type: string; description: string }): void {
  const withRelationship = { ...options, relationship: 'Source' };
  doc.file(data, withRelationship);
}

describe('readPdf on what pdfkit writes', () => {
  let dir: string;
  let plainPath: string;
  let plain: Buffer;
  let pdfaPath: string;
  let pdfa: Buffer;

  beforeAll(async () => {
    dir = suiteTempDir();
    plainPath = join(dir, 'plain.pdf');
    plain = await writePdf(plainPath, { info: { Title: 'Dossier D-1', Author: 'Exhibit' } }, drawDossier);
    pdfaPath = join(dir, 'pdfa.pdf');
    pdfa = await writePdf(pdfaPath, { subset: 'PDF/A-3b', pdfVersion: '1.7', info: { Title: 'Dossier Ω — été', Author: 'Exhibit' } }, drawDossier);
  });

  it('reads every page: each line whole, accents, Greek, Cyrillic, hashes on their own lines', () => {
    for (const bytes of [plain, pdfa]) {
      const doc = read(bytes);
      expect(doc.pageCount).toBe(3);
      const [first, second, third] = doc.pages.map((p) => p.split('\n'));
      expect(first).toEqual([LINES.latin, LINES.french, LINES.greek, LINES.cyrillic, HASHES[0], HASHES[1]]);
      // Justified: the words come back apart and the lines join back into the paragraph.
      expect(second?.slice(0, -1).join(' ')).toBe(PARAGRAPH);
      expect(second?.length).toBeGreaterThan(3);
      expect(second?.at(-1)).toBe(`SHA-256: ${HASHES[2]}`);
      expect(third).toEqual([HASHES[3], 'Last page, at the top']);
    }
  });

  it('agrees with pdftotext -layout', () => {
    for (const [path, bytes] of [
      [plainPath, plain],
      [pdfaPath, pdfa],
    ] as const) {
      const poppler = popplerPages(path);
      const ours = read(bytes).pages;
      // pdftotext lays out by position: the hash printed lower on page 3 comes after the top line.
      expect(ours.slice(0, 2)).toEqual(poppler.slice(0, 2));
      expect(ours[2]?.split('\n').sort()).toEqual(poppler[2]?.split('\n').sort());
    }
  });

  it('reads the attachments, once each, with their declared size and MD5, as pdfdetach does', () => {
    for (const [path, bytes] of [
      [plainPath, plain],
      [pdfaPath, pdfa],
    ] as const) {
      const { attachments } = read(bytes);
      // In name tree order, which is sorted by name.
      expect(attachments.map((a) => a.name)).toEqual(['empty.txt', 'manifest.json', 'screenshot.bin']);
      for (const a of attachments) {
        const wrote = ATTACHMENTS.find((w) => w.name === a.name);
        expect(a.description).toBe(wrote?.description);
        expect(a.relationship).toBe('Source');
        expect(a.data.equals(wrote?.data ?? Buffer.alloc(1))).toBe(true);
        expect(a.declaredSize).toBe(wrote?.data.length);
        expect(a.declaredMd5).toBe(md5(wrote?.data ?? Buffer.alloc(0)));
      }
      const list = execFileSync('pdfdetach', ['-list', path], { encoding: 'utf8' });
      expect(list).toContain(`${ATTACHMENTS.length} embedded files`);
      const saved = join(dir, `saved-${path.endsWith('pdfa.pdf') ? 'a' : 'p'}`);
      mkdirSync(saved, { recursive: true });
      execFileSync('pdfdetach', ['-saveall', '-o', saved, path]);
      expect(readdirSync(saved).sort()).toEqual(attachments.map((a) => a.name).sort());
      for (const a of attachments) expect(readFileSync(join(saved, a.name)).equals(a.data)).toBe(true);
    }
  });

  it('decodes the /Info strings (PDFDocEncoding and UTF-16BE)', () => {
    expect(read(plain).info).toMatchObject({ Title: 'Dossier D-1', Author: 'Exhibit', Producer: 'PDFKit' });
    expect(read(pdfa).info).toMatchObject({ Title: 'Dossier Ω — été', Author: 'Exhibit' });
    expect(read(pdfa).info['CreationDate']).toMatch(/^D:\d{14}/);
    expect(read(plain).incrementalUpdates).toBe(0);
  });

  it('reads the same after qpdf rewrites it with object streams and an xref stream', () => {
    for (const path of [plainPath, pdfaPath]) {
      const rewritten = join(dir, 'objstm.pdf');
      execFileSync('qpdf', ['--object-streams=generate', path, rewritten]);
      const bytes = readFileSync(rewritten);
      expect(bytes.includes('/ObjStm')).toBe(true);
      expect(bytes.includes('/XRef')).toBe(true);
      expect(bytes.includes('\ntrailer')).toBe(false);
      expect(read(bytes)).toEqual(read(readFileSync(path)));
    }
  });

  it('follows an incremental update that swaps an attachment, and counts it', () => {
    const target = ATTACHMENTS[0];
    const swapped = Buffer.from('{"captureId":"c-1","hashes":["forged"]}');
    const updated = appendEmbeddedFileUpdate(pdfa, target?.data ?? Buffer.alloc(0), swapped);
    const path = join(dir, 'updated.pdf');
    writeFileSync(path, updated);
    const doc = read(updated);
    expect(doc.incrementalUpdates).toBe(1);
    const manifest = doc.attachments.find((a) => a.name === target?.name);
    expect(manifest?.data.equals(swapped)).toBe(true);
    expect(manifest?.declaredMd5).toBe(md5(swapped));
    expect(doc.pages).toEqual(read(pdfa).pages);
    // poppler sees the same swapped bytes.
    const saved = join(dir, 'saved-updated');
    mkdirSync(saved, { recursive: true });
    execFileSync('pdfdetach', ['-saveall', '-o', saved, path]);
    expect(readFileSync(join(saved, target?.name ?? '')).equals(swapped)).toBe(true);
  });

  it('gives a clean error for a truncated file or a flipped byte in a compressed stream', () => {
    for (const at of [0.5, 0.9, 0.999]) {
      const error = readError(pdfa.subarray(0, Math.floor(pdfa.length * at)));
      expect(error.kind).toBe('corrupt');
      expect(error.message).toMatch(/startxref/);
    }
    // Flip one byte in the middle of the binary attachment's compressed data.
    const flipped = Buffer.from(pdfa);
    const checksum = flipped.indexOf(md5(ATTACHMENTS[1]?.data ?? Buffer.alloc(0)));
    const data = flipped.indexOf('stream\n', checksum) + 'stream\n'.length;
    flipped[data + 5000] = (flipped[data + 5000] ?? 0) ^ 0x10;
    const error = readError(flipped);
    expect(error).toMatchObject({ kind: 'corrupt' });
    expect(error.message).toMatch(/^object \d+: FlateDecode data does not inflate \(incorrect data check\)$/);
    // And in a page's content stream.
    const content = Buffer.from(pdfa);
    const page = content.indexOf('stream\n', content.indexOf('/Filter /FlateDecode')) + 'stream\n'.length;
    content[page + 20] = (content[page + 20] ?? 0) ^ 0xff;
    expect(readError(content).kind).toBe('corrupt');
  });

  it('finds a file attached to a page by an annotation, which pdfkit keeps out of the name tree', async () => {
    const path = join(dir, 'annotated.pdf');
    const hidden = Buffer.from('slipped in later');
    const bytes = await writePdf(path, {}, (doc) => {
      doc.font('sans').text('A page with a paperclip');
      // pdfkit has fileAnnotation; its type definitions do not.
      const annotate = doc as unknown as { fileAnnotation(x: number, y: number, w: number, h: number, file: { src: Buffer; name: string; description: string }): void };
      annotate.fileAnnotation(100, 100, 20, 20, { src: hidden, name: 'hidden.txt', description: 'on a page only' });
    });
    expect(bytes.includes('/EmbeddedFiles')).toBe(false);
    const { attachments } = read(bytes);
    expect(attachments).toHaveLength(1);
    expect(attachments[0]).toMatchObject({ name: 'hidden.txt', description: 'on a page only' });
    expect(attachments[0]?.data.equals(hidden)).toBe(true);
    expect(execFileSync('pdfdetach', ['-list', path], { encoding: 'utf8' })).toMatch(/1 embedded files\n1: hidden.txt/);
  });

  it('reads a 20 MB dossier in well under a second', async () => {
    const path = join(dir, 'big.pdf');
    const bytes = await writePdf(path, { subset: 'PDF/A-3b', pdfVersion: '1.7' }, (doc) => {
      for (let p = 0; p < 40; p++) {
        if (p > 0) doc.addPage();
        doc.font('sans').fontSize(10);
        for (let l = 0; l < 30; l++) doc.text(`Page ${p + 1}, line ${l + 1}: ${LINES.greek}`);
        doc.font('mono').fontSize(8).text(sha256(`p${p}`));
      }
      attach(doc, randomBytes(20 * 1024 * 1024), { name: 'archive.warc.gz', type: 'application/gzip', description: 'WARC' });
    });
    const started = performance.now();
    const doc = read(bytes);
    const ms = performance.now() - started;
    console.log(`readPdf: ${(bytes.length / 2 ** 20).toFixed(1)} MB, ${doc.pageCount} pages, 1 attachment of 20 MB in ${ms.toFixed(0)} ms`);
    expect(doc.pageCount).toBe(40);
    expect(doc.pages[39]?.split('\n').at(-1)).toBe(sha256('p39'));
    expect(doc.attachments[0]?.data.length).toBe(20 * 1024 * 1024);
    expect(ms).toBeLessThan(3000);
  });
});

/** Appends a new version of the embedded file stream holding `original`, the way an editor's incremental save would. */

/** A PDF from object bodies (object n is bodies[n - 1]) with a correct xref table. */
function handPdf(bodies: (string | Buffer)[], trailer = '/Root 1 0 R'): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n')];
  let length = parts[0]?.length ?? 0;
  const offsets: number[] = [];
  bodies.forEach((body, i) => {
    const part = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), Buffer.from(body), Buffer.from('\nendobj\n')]);
    offsets.push(length);
    parts.push(part);
    length += part.length;
  });
  const xref = `xref\n0 ${bodies.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size ${bodies.length + 1} ${trailer} >>\nstartxref\n${length}\n%%EOF\n`;
  return Buffer.concat([...parts, Buffer.from(xref)]);
}

const streamObject = (dict: string, data: Buffer): Buffer => Buffer.concat([Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`), data, Buffer.from('\nendstream')]);

describe('readPdf on hostile input', () => {
  const page = '<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << >> >>';
  const catalog = '<< /Type /Catalog /Pages 2 0 R >>';
  const pages = '<< /Type /Pages /Kids [3 0 R] /Count 1 >>';
  const content = streamObject('', Buffer.from('q Q'));

  it('a well-formed hand-made file reads, so the cases below fail for their own reason', () => {
    expect(read(handPdf([catalog, pages, page, content]))).toEqual({ pageCount: 1, pages: [''], pageProblems: [null], attachments: [], info: {}, incrementalUpdates: 0 });
  });

  it('empty, garbage, and garbage behind a PDF header', () => {
    expect(readError(Buffer.alloc(0))).toEqual({ kind: 'not-a-pdf', message: 'the file is empty' });
    expect(readError(randomBytes(5000)).kind).toBe('not-a-pdf');
    expect(readError(Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(5000)])).kind).toBe('corrupt');
  });

  it('reference cycles: refs to refs, a /Length that is its own object, a looping page tree, a looping /Prev', () => {
    const refCycle = handPdf(['<< /Type /Catalog /Pages 5 0 R >>', pages, page, content, '6 0 R', '5 0 R']);
    expect(readError(refCycle)).toEqual({ kind: 'corrupt', message: 'reference cycle through object 5' });
    const lengthCycle = handPdf([catalog, pages, page, '<< /Length 4 0 R >>\nstream\nq Q\nendstream']);
    expect(readError(lengthCycle)).toEqual({ kind: 'corrupt', message: 'reference cycle through object 4' });
    const treeCycle = handPdf([catalog, '<< /Type /Pages /Kids [2 0 R] /Count 1 >>']);
    expect(readError(treeCycle).message).toMatch(/page tree visits the same node twice/);
    const prevLoop = Buffer.from(handPdf([catalog, pages, page, content]).toString('latin1').replace('/Root 1 0 R', '/Root 1 0 R /Prev 0000'), 'latin1');
    const xrefAt = /startxref\n(\d+)/.exec(prevLoop.toString('latin1'))?.[1] ?? '';
    const looped = Buffer.from(prevLoop.toString('latin1').replace('/Prev 0000', `/Prev ${xrefAt}`), 'latin1');
    expect(readError(looped).message).toMatch(/\/Prev chain loops/);
  });

  it('deep nesting, an absurd /Length, a wrong xref offset', () => {
    const deep = handPdf([`<< /Type /Catalog /Pages 2 0 R /X ${'['.repeat(100_000)} >>`, pages, page, content]);
    expect(readError(deep).message).toMatch(/nested deeper than 64/);
    const long = handPdf([catalog, pages, page, '<< /Length 999999999999 >>\nstream\nq Q\nendstream']);
    expect(readError(long)).toEqual({ kind: 'corrupt', message: 'object 4: stream /Length 999999999999 runs past the end of the file' });
    const short = handPdf([catalog, pages, page, '<< /Length 1 >>\nstream\nq Q\nendstream']);
    expect(readError(short).message).toMatch(/^object 4: stream \/Length 1 does not end at 'endstream'/);
    const good = handPdf([catalog, pages, page, content]).toString('latin1');
    const offset = String(good.indexOf('4 0 obj')).padStart(10, '0');
    const shifted = Buffer.from(good.replace(`${offset} 00000 n`, `${String(Number(offset) + 2).padStart(10, '0')} 00000 n`), 'latin1');
    expect(readError(shifted)).toMatchObject({ kind: 'corrupt' });
  });

  it('a decompression bomb stops at the inflate limit', () => {
    const bomb = streamObject('/Filter /FlateDecode', deflateSync(Buffer.alloc(50 * 1024 * 1024)));
    const file = handPdf([catalog, pages, page, bomb]);
    expect(file.length).toBeLessThan(100_000);
    const error = readError(file, { maxInflatedBytes: 10 * 1024 * 1024 });
    expect(error.kind).toBe('unsupported');
    expect(error.message).toMatch(/^object 4: stream inflates past the reader's limit/);
  });

  it('unsupported filters and encryption are errors, not silence', () => {
    const dct = streamObject('/Filter /DCTDecode', Buffer.from('xx'));
    expect(readError(handPdf([catalog, pages, page, dct]))).toEqual({ kind: 'unsupported', message: 'object 4: unsupported filter /DCTDecode' });
    expect(readError(handPdf([catalog, pages, page, content], '/Root 1 0 R /Encrypt << >>'))).toEqual({ kind: 'unsupported', message: 'encrypted PDFs are not supported' });
  });

  it('text shown with a font the page does not have', () => {
    const text = streamObject('', Buffer.from('BT /F9 12 Tf (x) Tj ET'));
    expect(readError(handPdf([catalog, pages, page, text])).message).toMatch(/^page 1: font \/F9 is not in the page's resources/);
  });
});

describe('page text', () => {
  // A hand-made page exercising what pdfkit does not write: inherited resources, a standard font
  // without /Widths, a simple font with bfchar/bfrange, the ' and " operators, T*, and a form XObject.
  const toUnicode = streamObject('', Buffer.from('begincmap 1 begincodespacerange <00> <ff> endcodespacerange 1 beginbfchar <01> <0048> endbfchar 1 beginbfrange <02> <04> <0061> endbfrange endcmap'));
  const content = streamObject(
    '',
    Buffer.from(
      [
        'BT /F1 12 Tf 72 700 Td (caf\\351 cr\\350me) Tj',
        '0 -14 Td [(Word) -300 (gap) -50 (tight)] TJ',
        '14 TL T* (next) Tj',
        "(quote) '",
        '2 1 (double) "',
        'ET',
        'BT /F2 10 Tf 1 0 0 1 72 600 Tm <01020304> Tj 1 0 0 1 200 600 Tm <0102> Tj ET',
        'q 1 0 0 1 0 -100 cm /Fm1 Do Q',
      ].join('\n'),
    ),
  );
  const form = streamObject('/Type /XObject /Subtype /Form /BBox [0 0 600 800]', Buffer.from('BT /F1 12 Tf 72 650 Td (In a form) Tj ET'));
  const bodies = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 /Resources << /Font << /F1 5 0 R /F2 6 0 R >> /XObject << /Fm1 8 0 R >> >> >>',
    '<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>',
    content,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Custom /FirstChar 1 /LastChar 4 /Widths [700 500 500 500] /ToUnicode 7 0 R >>',
    toUnicode,
    form,
  ];

  it('breaks lines on moves down, spaces words on wide gaps and big kerning, and reads forms', () => {
    expect(read(handPdf(bodies)).pages).toEqual(['café crème\nWord gaptight\nnext\nquote\ndouble\nHabc Ha\nIn a form']);
  });
});

describe('the lexer', () => {
  const one = (text: string): unknown => new Lexer(Buffer.from(text, 'latin1'), 0, 'test').value();

  it('reads names with #xx escapes, numbers, booleans, null and references', () => {
    expect(one('/text#2Fplain')).toEqual(new PdfName('text/plain'));
    expect(one('[1 -2.5 .5 +3 true false null 12 0 R 7]')).toEqual([1, -2.5, 0.5, 3, true, false, null, new PdfRef(12, 0), 7]);
  });

  it('reads literal strings with escapes and balanced parentheses, and hex strings', () => {
    expect((one('(a (nested) \\(paren\\) \\n\\t\\\\ \\101\\7 end\\\nx)') as PdfString).bytes.toString('latin1')).toBe('a (nested) (paren) \n\t\\ A\x07 endx');
    expect((one('<48 65 6C6c 6>') as PdfString).bytes.toString('latin1')).toBe('Hell`');
  });

  it('reads dictionaries, dropping null values', () => {
    const dict = one('<< /A 1 /B << /C (x) >> /D null /E [ /F ] >>') as PdfDict;
    expect([...dict.keys()]).toEqual(['A', 'B', 'E']);
    expect(dict.get('E')).toEqual([new PdfName('F')]);
  });

  it('refuses what it cannot read', () => {
    expect(() => one('(unterminated')).toThrow(/unterminated string/);
    expect(() => one('<< /A 1')).toThrow(/unterminated dictionary/);
    expect(() => one('1.2.3')).toThrow(/malformed number/);
    expect(() => one('/A#zz')).toThrow(/bad #xx escape/);
    expect(() => one('[ obj ]')).toThrow(/unexpected keyword 'obj' in an array/);
  });
});
