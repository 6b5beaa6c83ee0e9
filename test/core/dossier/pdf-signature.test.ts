import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorityRootMap } from '../../../electron/core/workspace/timestamps.js';
import { addAuthority, removeAuthority } from '../../../electron/core/workspace/timestamps.js';
import { makeDossier } from '../../../electron/core/dossier/make-dossier.js';
import { verifyDossier } from '../../../electron/core/dossier/verify-dossier.js';
import { IDENTITY_FILE, newWorkspaceIdentity } from '../../../electron/core/identity/identity.js';
import type { Workspace } from '../../../electron/core/workspace/workspace.js';
import { exhibit } from '../../helpers/cli.js';
import { seedCapture } from '../../helpers/dossier.js';
import { pageContentObjects } from '../../helpers/pdf-tamper.js';
import { suiteTempDir, tempDir } from '../../helpers/tmp.js';
import { startTsa, type Tsa } from '../../helpers/tsa.mjs';
import { newWorkspace } from '../../helpers/workspace.js';

let ws: Workspace;
let tsa: Tsa;
let pdf: string;
let bytes: Buffer;

/** Points the workspace at the local authority only (the defaults are on the internet). */
async function localAuthority(w: Workspace): Promise<void> {
  for (const url of ['http://timestamp.digicert.com', 'http://timestamp.sectigo.com/qualified']) await removeAuthority(w.db, url);
  const added = await addAuthority(w.db, { url: tsa.url, rootPem: tsa.rootPem, name: 'Local TSA' });
  if (!added.ok) throw new Error(JSON.stringify(added.error));
}

async function dossier(w: Workspace, name: string, lang: 'en' | 'fr' = 'en') {
  const made = await makeDossier(w, { selection: { kind: 'case', ref: 'C' }, lang, attach: 'manifests', output: join(tempDir(), name) });
  if (!made.ok) throw new Error(JSON.stringify(made.error));
  return made.value;
}

const verify = async (file: string, w: Workspace | undefined = ws) => {
  const r = await verifyDossier(file, w ? { db: w.db, authorityRoots: await authorityRootMap(w.db) } : undefined);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};

function run(cmd: string, args: string[]): { code: number; out: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
}

/** The DER element at the start of `b`, by the length its header gives. */
function derPrefix(b: Buffer): Buffer {
  const first = b[1]!;
  if (first < 0x80) return b.subarray(0, 2 + first);
  const n = first & 0x7f;
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + b[2 + i]!;
  return b.subarray(0, 2 + n + len);
}

function tampered(name: string, data: Buffer): string {
  const path = join(tempDir(), name);
  writeFileSync(path, data);
  return path;
}

beforeAll(async () => {
  tsa = await startTsa({ name: 'Dossier TSA' });
  ws = await newWorkspace({ investigator: 'Jane Roe', organisation: 'Acme Legal' }, 'suite');
  await localAuthority(ws);
  await seedCapture(ws, { sellerId: 'fakes4u', listingId: '1', title: 'Marmont bag', height: 1400, caseRef: 'C' });
  await seedCapture(ws, { sellerId: 'fakes4u', listingId: '2', title: 'Belt', height: 1000, caseRef: 'C' });
  const made = await makeDossier(ws, { selection: { kind: 'case', ref: 'C' }, lang: 'en', attach: 'manifests', output: join(suiteTempDir(), 'signed.pdf') });
  if (!made.ok) throw new Error(JSON.stringify(made.error));
  pdf = made.value.path;
  bytes = readFileSync(pdf);
  expect(made.value.signature.timestamp?.authority).toBeTruthy();
  expect(made.value.signature.documentTimestamp).not.toBeNull();
}, 120_000);

afterAll(async () => {
  await ws?.close();
  await tsa?.close();
});

describe('a dossier is a signed PDF', () => {
  it('pdfsig finds the signature valid, signed by the investigator, and the document time-stamp after it', () => {
    const r = run('pdfsig', [pdf]);
    expect(r.out).toMatch(/Signature #1:[^]*Signer Certificate Common Name: Jane Roe[^]*Signature Validation: Signature is Valid/);
    expect(r.out).toContain('ETSI.CAdES.detached');
    // poppler lists the document time-stamp (it cannot validate one: OpenSSL does, below), covering the whole file.
    expect(r.out).toMatch(/Signature #1:[^]*Not total document signed[^]*Signature #2:\s*- Signature Field Name: Exhibit document time-stamp[^]*Total document signed/);
  });

  it('qpdf finds the file sound, and the signature widget printable and invisible (PDF/A)', () => {
    expect(run('qpdf', ['--check', pdf]).out).toContain('No syntax or stream encoding errors found');
    const json = JSON.parse(run('qpdf', ['--json', '--json-key=acroform', pdf]).out) as { acroform: { fields: { fieldtype: string; fullname: string; annotation: { annotationflags: number } }[] } };
    const fields = json.acroform.fields.filter((f) => f.fieldtype === '/Sig');
    expect(fields.map((f) => f.fullname)).toEqual(['Exhibit dossier signature', 'Exhibit document time-stamp']);
    for (const f of fields) expect(f.annotation.annotationflags & 4).toBe(4);
  });

  it('exhibit verify checks the signature, its time-stamp and the document time-stamp', async () => {
    const r = await verify(pdf);
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.signature.signer?.subject).toContain('CN=Jane Roe');
    expect(r.signature.timestamp?.genTime).toMatch(/^\d{4}-/);
    expect(r.signature.documentTimestamp?.genTime).toMatch(/^\d{4}-/);
    expect(r.notes.join()).toContain('byte for byte the file this workspace made');
    // The cover and "How to verify" print the signing certificate's fingerprint.
    const text = run('pdftotext', ['-layout', pdf, '-']).out;
    expect(text).toContain(r.signature.signer!.fingerprint);
  });

  it('OpenSSL verifies the document time-stamp against the roots the dossier carries', () => {
    const text = bytes.toString('latin1');
    const at = text.lastIndexOf('/ETSI.RFC3161');
    const range = /\/ByteRange \[(\d+) (\d+) (\d+) (\d+)\s*\]/.exec(text.slice(at))!.slice(1).map(Number);
    const hex = /\/Contents <([0-9a-f]+)>/.exec(text.slice(at))![1]!;
    // The token is DER padded with zeros to the reserved size: cut at its own length (its last byte may itself be zero).
    const token = derPrefix(Buffer.from(hex, 'hex'));
    const tokenFile = join(tempDir(), 'doc.tst');
    writeFileSync(tokenFile, token);
    const digest = createHash('sha256').update(bytes.subarray(range[0], range[0]! + range[1]!)).update(bytes.subarray(range[2], range[2]! + range[3]!)).digest('hex');
    // What a lawyer does: save the attached roots (poppler's pdfdetach), then ask OpenSSL.
    const roots = join(tempDir(), 'tsa-roots.pem');
    expect(run('pdfdetach', ['-savefile', 'tsa-roots.pem', '-o', roots, pdf]).code).toBe(0);
    expect(readFileSync(roots, 'utf8')).toContain('Dossier TSA Root CA');
    const r = run('openssl', ['ts', '-verify', '-digest', digest, '-in', tokenFile, '-token_in', '-CAfile', roots]);
    expect(r.out).toContain('Verification: OK');
  });
});

describe('every change after signing is found', () => {
  it('a page whose content is replaced through an appended update fails, naming the page', async () => {
    const text = bytes.toString('latin1');
    const pages = pageContentObjects(bytes);
    const num = pages[2]!;
    const content = Buffer.from('BT /F1 12 Tf 72 700 Td (Price: $399.99) Tj ET');
    const prev = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)![1]);
    const trailer = text.slice(text.lastIndexOf('trailer'));
    const root = /\/Root (\d+ 0 R)/.exec(trailer)![1];
    const size = /\/Size (\d+)/.exec(trailer)![1];
    const object = Buffer.from(`${num} 0 obj\n<< /Length ${content.length} >>\nstream\n${content}\nendstream\nendobj\n`, 'latin1');
    const xref = `xref\n${num} 1\n${String(bytes.length).padStart(10, '0')} 00000 n\r\ntrailer\n<< /Size ${size} /Root ${root} /Prev ${prev} >>\nstartxref\n${bytes.length + object.length}\n%%EOF\n`;
    const file = tampered('page-3.pdf', Buffer.concat([bytes, object, Buffer.from(xref, 'latin1')]));
    const r = await verify(file);
    expect(r.ok).toBe(false);
    expect(r.problems.join('\n')).toMatch(/bytes were appended after the document time-stamp/);
    expect(r.problems.join('\n')).toContain(`changes what page 3 shows (its content, object ${num})`);
    expect((await exhibit(['verify', file, '--workspace', ws.dir])).code).toBe(1);
  });

  it('a byte changed inside the signed part fails: the signature no longer matches', async () => {
    const text = bytes.toString('latin1');
    const at = text.indexOf('Marmont');
    const data = Buffer.from(bytes);
    const i = at >= 0 ? at : text.indexOf('/Producer');
    data[i + 1] = data[i + 1]! ^ 0x01;
    const r = await verify(tampered('flipped.pdf', data));
    expect(r.ok).toBe(false);
    expect(r.problems.join('\n')).toMatch(/the bytes its signature covers have changed|the document time-stamp/);
  });

  it('a dossier whose signature was removed fails', async () => {
    const data = Buffer.from(bytes.toString('latin1').replaceAll('/AcroForm', '/AcroFxrm'), 'latin1');
    const r = await verify(tampered('unsigned.pdf', data));
    expect(r.ok).toBe(false);
    expect(r.problems.join('\n')).toContain('carries no PDF signature');
  });

  it('a dossier cut short fails with exit 1, and one with bytes added after the time-stamp too', async () => {
    const cut = tampered('cut.pdf', bytes.subarray(0, bytes.length - 400));
    const cutRun = await exhibit(['verify', cut, '--workspace', ws.dir]);
    expect(cutRun.code).toBe(1);
    const grown = tampered('grown.pdf', Buffer.concat([bytes, Buffer.from('\n% nothing to see\n')]));
    const r = await verify(grown);
    expect(r.ok).toBe(false);
    expect(r.problems.join('\n')).toMatch(/appended after the document time-stamp/);
  });
});

describe('offline, then stamped', () => {
  it('a dossier made with no authority answering is signed; exhibit stamp FILE.pdf adds the document time-stamp, which verify accepts', async () => {
    tsa.setMode('down');
    let made;
    try {
      made = await dossier(ws, 'offline.pdf');
    } finally {
      tsa.setMode('ok');
    }
    expect(made.signature.timestamp).toBeNull();
    expect(made.signature.pending).toBeTruthy();
    const before = await verify(made.path);
    expect(before.ok).toBe(true);
    expect(before.notes.join()).toContain('carries no time-stamp');
    expect(run('pdfsig', [made.path]).out).toContain('Signature is Valid');

    const stamped = await exhibit(['stamp', made.path, '--workspace', ws.dir]);
    expect(stamped.code, stamped.stderr).toBe(0);
    expect(stamped.stdout).toContain('Time-stamped');
    const after = await verify(made.path);
    expect(after.problems).toEqual([]);
    expect(after.ok).toBe(true);
    expect(after.signature.documentTimestamp).not.toBeNull();
    expect(after.notes.join()).toMatch(/with a document time-stamp added since|time-stamped since with exhibit stamp/);
    expect(run('pdfsig', [made.path]).out).toMatch(/Signature #1:[^]*Signature is Valid[^]*Signature #2/);
    // Stamping twice changes nothing.
    const size = statSync(made.path).size;
    const again = await exhibit(['stamp', made.path, '--workspace', ws.dir]);
    expect(again.stderr).toContain('already carries a document time-stamp');
    expect(statSync(made.path).size).toBe(size);
  });

  it('exhibit stamp refuses a PDF Exhibit did not sign, and leaves it as it was', async () => {
    const plain = tampered('plain.pdf', Buffer.from(bytes.toString('latin1').replaceAll('/AcroForm', '/AcroFxrm'), 'latin1'));
    const before = readFileSync(plain);
    const r = await exhibit(['stamp', plain, '--workspace', ws.dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('carries no PDF signature to time-stamp');
    expect(readFileSync(plain).equals(before)).toBe(true);
  });
});

describe('the signing identity', () => {
  it('is made at init, owner-only, and recorded in custody; exhibit identity show prints it', async () => {
    const mode = statSync(join(ws.layout.keys, IDENTITY_FILE)).mode & 0o777;
    expect(mode).toBe(0o600);
    const row = await ws.db.get<{ details: string }>("SELECT details FROM custody_log WHERE action = 'identity.created'");
    expect(JSON.parse(row!.details).subject).toContain('CN=Jane Roe');
    const shown = await exhibit(['identity', 'show', '--workspace', ws.dir]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/Subject\s+.*CN=Jane Roe/);
    expect(shown.stdout).toMatch(/ECDSA prime256v1/);
  });

  it('a workspace without one gets one on first use, logged in custody', async () => {
    const w = await newWorkspace({ investigator: 'Old Hand', organisation: '' });
    try {
      rmSync(join(w.layout.keys, IDENTITY_FILE));
      await seedCapture(w, { listingId: '9', caseRef: 'C' });
      await w.db.run("DELETE FROM time_authorities");
      const made = await dossier(w, 'old.pdf');
      expect(made.signature.subject).toContain('CN=Old Hand');
      const rows = await w.db.all<{ n: number }>("SELECT seq AS n FROM custody_log WHERE action = 'identity.created'");
      expect(rows.length).toBe(2);
      expect((await verify(made.path, w)).ok).toBe(true);
    } finally {
      await w.close();
    }
  });

  it('a certificate swapped into keys/ outside Exhibit is found by exhibit verify, and dossiers it signs are refused', async () => {
    const w = await newWorkspace({ investigator: 'Jane Roe', organisation: 'Acme Legal' });
    try {
      await w.db.run('DELETE FROM time_authorities');
      await seedCapture(w, { listingId: '7', caseRef: 'C' });
      const intruder = await newWorkspaceIdentity({ investigator: 'Jane Roe', organisation: 'Acme Legal' }, w.key.fingerprint);
      writeFileSync(join(w.layout.keys, IDENTITY_FILE), intruder.toPem(), { mode: 0o600 });
      const check = await exhibit(['verify', '--workspace', w.dir]);
      expect(check.code).toBe(1);
      expect(check.stdout).toContain('is not one the custody log records');
      const made = await dossier(w, 'intruder.pdf');
      const r = await verify(made.path, w);
      expect(r.ok).toBe(false);
      expect(r.problems.join()).toContain('which is not one this workspace signs with');
    } finally {
      await w.close();
    }
  });

  it('an organisation’s PKCS#12 certificate is imported; later dossiers are signed with it, earlier ones still match', async () => {
    const dir = tempDir();
    const key = join(dir, 'k.pem');
    const cert = join(dir, 'c.pem');
    const p12 = join(dir, 'org.p12');
    expect(run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-subj', '/CN=Acme Legal Signing/O=Acme Legal', '-days', '30']).code).toBe(0);
    expect(run('openssl', ['pkcs12', '-export', '-in', cert, '-inkey', key, '-out', p12, '-passout', 'pass:correct horse']).code).toBe(0);
    const pass = join(dir, 'pass.txt');
    writeFileSync(pass, 'wrong\n');
    const identityBefore = readFileSync(join(ws.layout.keys, IDENTITY_FILE));
    const wrong = await exhibit(['identity', 'import', p12, '--passphrase-file', pass, '--workspace', ws.dir]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('passphrase is wrong');
    expect(readFileSync(join(ws.layout.keys, IDENTITY_FILE)).equals(identityBefore)).toBe(true);

    const earlier = copyTo(pdf, 'earlier.pdf');
    const imported = await exhibit(['identity', 'import', p12, '--workspace', ws.dir], { EXHIBIT_P12_PASSPHRASE: 'correct horse' });
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('keys/retired/');
    expect(imported.stdout).toMatch(/Subject\s+.*CN=Acme Legal Signing/);
    expect(readFileSync(join(ws.layout.keys, IDENTITY_FILE), 'utf8')).not.toContain('correct horse');
    const made = await dossier(ws, 'org.pdf');
    expect(made.signature.subject).toContain('CN=Acme Legal Signing');
    expect(run('pdfsig', [made.path]).out).toMatch(/Common Name: Acme Legal Signing[^]*Signature is Valid/);
    expect((await verify(made.path)).ok).toBe(true);
    // A dossier signed before the import is still this workspace's.
    const old = await verify(earlier);
    expect(old.problems.filter((p) => p.includes('not one this workspace signs with'))).toEqual([]);
  });
});

function copyTo(from: string, name: string): string {
  const to = join(tempDir(), name);
  copyFileSync(from, to);
  return to;
}
