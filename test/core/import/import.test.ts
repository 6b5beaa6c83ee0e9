import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { listSellers } from '../../../electron/core/catalogue/queries.js';
import { importPage, IMPORT_NOTICE } from '../../../electron/core/import/import-page.js';
import { search } from '../../../electron/core/search/search.js';
import { verifyWorkspace } from '../../../electron/core/workspace/verify/verify-workspace.js';
import { dbRows } from '../../helpers/catalogue.js';
import { png as encodePng } from '../../helpers/png.mjs';
import { tempDir } from '../../helpers/tmp.js';
import { newWorkspace } from '../../helpers/workspace.js';

const PAGE = new URL('../../fixtures/marketplace-pages/amazon-de-listing.html', import.meta.url);
const URL_DE = 'https://www.amazon.de/dp/B0TEST1DE1';
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** An MHTML file as Chrome writes one: the page quoted-printable, in a multipart/related body. */
function mhtmlOf(html: string): Buffer {
  const qp = Buffer.from(html, 'utf8')
    .toString('latin1')
    .replace(/[=\u0080-\u00ff]/g, (c) => `=${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)
    .replace(/(.{70})/g, '$1=\r\n');
  return Buffer.from(
    [
      'From: <Saved by Blink>',
      `Snapshot-Content-Location: ${URL_DE}`,
      'Subject: Nordkap Thermoskanne',
      'MIME-Version: 1.0',
      'Content-Type: multipart/related;',
      '\ttype="text/html";',
      '\tboundary="----MultipartBoundary--abc123----"',
      '',
      '',
      '------MultipartBoundary--abc123----',
      'Content-Type: text/html',
      'Content-ID: <frame-1@mhtml.blink>',
      'Content-Transfer-Encoding: quoted-printable',
      `Content-Location: ${URL_DE}`,
      '',
      qp,
      '------MultipartBoundary--abc123------',
      '',
    ].join('\r\n'),
    'latin1',
  );
}

describe('importing a page saved elsewhere', () => {
  it('stores an HTML page exactly as read, says it was imported, extracts and files it', async () => {
    const ws = await newWorkspace();
    const bytes = readFileSync(PAGE);
    const r = await importPage(ws, { file: PAGE.pathname, url: URL_DE, note: 'sent by the brand' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const m = r.value.record.manifest;
    expect(m.outcome).toBe('imported');
    expect(m.artifacts.find((a) => a.kind === 'imported-original')).toMatchObject({ name: 'imported.html', sha256: sha256(bytes), bytes: bytes.length, mediaType: 'text/html' });
    expect(m.artifacts.map((a) => a.name).sort()).toEqual(['extracted.json', 'imported.html', 'text.txt']);
    expect(m.provenance).toMatchObject({ imported: { notice: IMPORT_NOTICE, fileName: 'amazon-de-listing.html', bytes: bytes.length, detectedAs: 'html' }, note: 'sent by the brand' });
    expect((await listSellers(ws.db))[0]).toMatchObject({ marketplace: 'amazon.de', sellerKey: 'A1EXHIBITNORD1', captures: 1 });
    expect((await search(ws.db, 'Thermoskanne'))?.hits.map((h) => h.captureId)).toEqual([r.value.record.id]);
    expect((await verifyWorkspace(ws)).ok).toBe(true);
    await ws.close();
  });

  it('reads gzip-compressed HTML and MHTML archives, keeping each file as it came', async () => {
    const ws = await newWorkspace();
    const dir = tempDir();
    const html = readFileSync(PAGE, 'utf8');
    writeFileSync(join(dir, 'page.html.gz'), gzipSync(html));
    writeFileSync(join(dir, 'saved.mhtml'), mhtmlOf(html));
    const gz = await importPage(ws, { file: join(dir, 'page.html.gz'), url: URL_DE });
    const mh = await importPage(ws, { file: join(dir, 'saved.mhtml'), url: URL_DE });
    expect(gz.ok && gz.value.record.manifest.artifacts.find((a) => a.kind === 'imported-original')).toMatchObject({ name: 'imported.html.gz', mediaType: 'application/gzip', sha256: sha256(readFileSync(join(dir, 'page.html.gz'))) });
    expect(mh.ok && mh.value.kind).toBe('mhtml');
    for (const r of [gz, mh]) expect(r.ok && r.value.extraction?.fields.sellerId?.value).toBe('A1EXHIBITNORD1');
    expect(mh.ok && mh.value.extraction?.fields.price?.value).toBe('1234.56');
    expect((await listSellers(ws.db))[0]).toMatchObject({ sellerKey: 'A1EXHIBITNORD1', captures: 2, listings: 1 });
    await ws.close();
  });

  it('a screenshot is stored and signed; it is filed only under a seller the investigator names', async () => {
    const ws = await newWorkspace();
    const png = join(tempDir(), 'shot.png');
    writeFileSync(png, encodePng(4, 3, () => [200, 30, 30]));
    const alone = await importPage(ws, { file: png, url: 'https://www.ebay.com/itm/1234567890' });
    expect(alone.ok && alone.value.record.manifest.artifacts.map((a) => [a.name, a.mediaType])).toEqual([['imported.png', 'image/png']]);
    expect(alone.ok && alone.value.record.filing.sellerId).toBeNull();
    const named = await importPage(ws, { file: png, url: 'https://www.ebay.com/itm/1234567890', seller: { marketplace: 'ebay', sellerKey: 'bob' } });
    expect(named.ok && named.value.record.filing.sellerId).toBeTruthy();
    await ws.close();
  });

  it('a bad URL, a missing, empty, unknown or corrupt file: a clear error, and nothing is stored', async () => {
    const ws = await newWorkspace();
    const dir = tempDir();
    writeFileSync(join(dir, 'notes.txt'), 'just some notes, not a page');
    writeFileSync(join(dir, 'empty.html'), '');
    writeFileSync(join(dir, 'broken.html.gz'), Buffer.concat([gzipSync('<html><body>x</body></html>').subarray(0, 12), Buffer.from('garbage')]));
    mkdirSync(join(dir, 'folder.html'));
    const rows = await dbRows(ws);
    const objects = readdirSync(join(ws.dir, 'objects'), { recursive: true });
    const cases: [Parameters<typeof importPage>[1], RegExp][] = [
      [{ file: PAGE.pathname, url: 'not a url' }, /not a valid URL/],
      [{ file: PAGE.pathname, url: 'javascript:alert(1)' }, /javascript: scheme/],
      [{ file: join(dir, 'missing.html'), url: URL_DE }, /no such file/],
      [{ file: join(dir, 'folder.html'), url: URL_DE }, /it is a folder, not a regular file/],
      [{ file: join(dir, 'empty.html'), url: URL_DE }, /empty/],
      [{ file: join(dir, 'notes.txt'), url: URL_DE }, /not an HTML page, an MHTML archive or a PNG, JPEG or WebP/],
      [{ file: join(dir, 'broken.html.gz'), url: URL_DE }, /does not decompress/],
    ];
    for (const [req, message] of cases) {
      const r = await importPage(ws, req);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(JSON.stringify(r.error)).toMatch(message);
    }
    expect(await dbRows(ws)).toEqual(rows);
    expect(readdirSync(join(ws.dir, 'objects'), { recursive: true })).toEqual(objects);
    await ws.close();
  });
});
