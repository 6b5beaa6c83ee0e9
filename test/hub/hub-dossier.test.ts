import { spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCase } from '../../electron/core/catalogue/cases.js';
import { readPdf } from '../../electron/core/dossier/pdf-read/index.js';
import { openHubDatabase, type HubPool } from '../../electron/core/hub/db.js';
import { pushWorkspace } from '../../electron/core/hub/push.js';
import { stampPending } from '../../electron/core/timestamp/stamper.js';
import { sha256Hex } from '../../electron/core/util/hash.js';
import { addAuthority, removeAuthority } from '../../electron/core/workspace/timestamps.js';
import type { Workspace } from '../../electron/core/workspace/workspace.js';
import { fileCapture, listingExtraction } from '../helpers/catalogue.js';
import { exhibit } from '../helpers/cli.js';
import { startHubServe } from '../helpers/hub-serve.js';
import { appendEmbeddedFileUpdate, embeddedFileObject, flipByteInObjectStream } from '../helpers/pdf-tamper.js';
import { png } from '../helpers/png.mjs';
import { postgresMissing, startPostgres, type TestPostgres } from '../helpers/postgres.js';
import { startS3, type TestS3 } from '../helpers/s3.js';
import { startTsa, type Tsa } from '../helpers/tsa.mjs';
import { newWorkspace } from '../helpers/workspace.js';

const missing = postgresMissing();
if (missing) console.warn(`hub dossier tests skipped: ${missing}`);

let pg: TestPostgres;
let s3: TestS3;
let tsa: Tsa;
let dbUrl: string;
let pool: HubPool;
let hub: ChildProcess | null = null;
let hubUrl = '';
let rootsFile = '';
let a: Workspace;
let b: Workspace;
const captures: Record<'a' | 'b', string> = { a: '', b: '' };
let pdf = '';

const hubArgs = () => ['--database', dbUrl, '--store', 's3://evidence', '--endpoint', s3.endpoint];
const s3Env = () => ({ AWS_ACCESS_KEY_ID: s3.accessKeyId, AWS_SECRET_ACCESS_KEY: s3.secretAccessKey, AWS_REGION: 'us-east-1' });
const run = (cmd: string, args: string[]) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
};

async function investigatorWorkspace(who: string): Promise<Workspace> {
  const ws = await newWorkspace({ investigator: who, organisation: 'Acme' }, 'suite');
  for (const url of ['http://timestamp.digicert.com', 'http://timestamp.sectigo.com/qualified']) await removeAuthority(ws.db, url);
  const added = await addAuthority(ws.db, { url: tsa.url, name: 'Hub Dossier TSA', rootPem: tsa.rootPem });
  if (!added.ok) throw new Error('tsa add failed');
  return ws;
}

async function addUser(name: string): Promise<string> {
  const r = await exhibit(['hub', 'user', 'add', name, '--json', ...hubArgs()], s3Env());
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { token: string }).token;
}

/** A capture of a listing, with a full-page screenshot of two colours, made for case OF-2026-01 and time-stamped. */
async function captureFor(ws: Workspace, listingId: string, sellerId: string, colour: [number, number, number]): Promise<string> {
  const shot = { name: 'screenshot-full.png', kind: 'screenshot-full', mediaType: 'image/png', source: png(600, 900, (_x, y) => (y < 80 ? [30, 60, 120] : colour)) };
  const c = await fileCapture(ws, listingExtraction({ listingId, sellerId, sellerName: sellerId, title: `Bag ${listingId}` }), { artifacts: [shot], caseRef: 'Operation Falcon', text: `${sellerId} sells bag ${listingId}` });
  expect((await stampPending({ db: ws.db, store: ws.store })).failures).toEqual([]);
  return c.id;
}

const compact = (fp: string) => fp.replace(/ /g, '');

describe.skipIf(missing !== undefined)('exhibit hub dossier: a team case whose captures were signed by two workspaces, as one signed PDF (PostgreSQL, S3, TSA)', () => {
  beforeAll(async () => {
    [pg, s3, tsa] = await Promise.all([startPostgres(), startS3(['evidence']), startTsa({ name: 'Hub Dossier TSA' })]);
    dbUrl = pg.createDatabase('hub_dossier');
    rootsFile = join(mkdtempSync(join(tmpdir(), 'exhibit-hub-dossier-roots-')), 'roots.pem');
    writeFileSync(rootsFile, tsa.rootPem);
    const init = await exhibit(['hub', 'init', '--tsa-roots', rootsFile, ...hubArgs()], s3Env());
    expect(init.code, init.stderr).toBe(0);
    const jane = await addUser('Jane Roe');
    const max = await addUser('Max Mustermann');
    ({ process: hub, url: hubUrl } = await startHubServe(hubArgs(), s3Env()));
    pool = openHubDatabase(dbUrl);

    // Two investigators, each with their own workspace (and key), file captures in the same case (matched by its reference).
    a = await investigatorWorkspace('Investigator A');
    expect((await createCase(a.db, 'Operation Falcon', 'OF-2026-01')).ok).toBe(true);
    captures.a = await captureFor(a, '1001', 'luxury_deals_88', [250, 200, 40]);
    b = await investigatorWorkspace('Investigator B');
    expect((await createCase(b.db, 'Operation Falcon', 'of-2026-01')).ok).toBe(true);
    captures.b = await captureFor(b, '2002', 'bags4less', [40, 160, 90]);
    for (const [ws, token] of [
      [a, jane],
      [b, max],
    ] as const) {
      const r = await pushWorkspace(ws, { url: hubUrl, token });
      if (!r.ok) throw new Error(r.error);
    }
    expect(a.key.fingerprint).not.toBe(b.key.fingerprint);
  }, 240_000);

  afterAll(async () => {
    hub?.kill('SIGTERM');
    await pool?.end();
    await a?.close();
    await b?.close();
    pg?.stop();
    await Promise.all([s3?.stop(), tsa?.close()]);
  });

  it('makes the dossier, which exhibit verify passes attributing each exhibit to the key that signed it; qpdf and pdfsig find it sound', async () => {
    pdf = join(mkdtempSync(join(tmpdir(), 'exhibit-hub-dossier-')), 'falcon.pdf');
    const made = await exhibit(['hub', 'dossier', 'OF-2026-01', '--out', pdf, '--tsa', tsa.url, ...hubArgs()], s3Env());
    expect(made.code, made.stdout + made.stderr).toBe(0);
    expect(made.stdout).toContain(`: ${pdf}`);
    expect(made.stdout).toContain('2 exhibits');

    const verified = await exhibit(['verify', pdf, '--tsa-roots', rootsFile, '--json']);
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    const report = JSON.parse(verified.stdout) as { ok: boolean; signature: { timestamp: { authority: string } | null; documentTimestamp: { authority: string } | null }; exhibits: { number: string; captureId: string; ok: boolean; key: { fingerprint: string; name: string | null } | null }[] };
    expect(report.ok).toBe(true);
    // Signed by the hub, the signature time-stamped and the file sealed by the authority named with --tsa.
    expect(report.signature.timestamp?.authority).toContain('Hub Dossier TSA');
    expect(report.signature.documentTimestamp?.authority).toContain('Hub Dossier TSA');
    const byCapture = new Map(report.exhibits.map((x) => [x.captureId, x]));
    expect(byCapture.get(captures.a)?.key).toEqual({ fingerprint: a.key.fingerprint, name: 'Investigator A' });
    expect(byCapture.get(captures.b)?.key).toEqual({ fingerprint: b.key.fingerprint, name: 'Investigator B' });
    // In words, as the lawyer reads it.
    const words = await exhibit(['verify', pdf, '--tsa-roots', rootsFile]);
    expect(words.code, words.stdout + words.stderr).toBe(0);
    expect(words.stdout).toContain(`capture ${captures.a}`);
    expect(words.stdout).toMatch(new RegExp(`capture ${captures.a}: [^\\n]*manifest signed by key ${a.key.fingerprint} \\(Investigator A\\)`));
    expect(words.stdout).toMatch(new RegExp(`capture ${captures.b}: [^\\n]*manifest signed by key ${b.key.fingerprint} \\(Investigator B\\)`));

    expect(run('qpdf', ['--check', pdf]).out).toContain('No syntax or stream encoding errors found');
    const sig = run('pdfsig', [pdf]);
    expect(sig.out).toMatch(/Signature #1:[^]*Signer Certificate Common Name: Exhibit team hub[^]*Signature Validation: Signature is Valid[^]*Signature #2:\s*- Signature Field Name: Exhibit document time-stamp/);
  }, 180_000);

  it('attaches both workspace keys and the hub key, and each exhibit page names the key that signed it and whose it is', () => {
    const read = readPdf(readFileSync(pdf));
    if (!read.ok) throw new Error(read.error.message);
    const files = new Map(read.value.attachments.map((x) => [x.name, x.data.toString()]));
    expect(files.get(`public-key-${compact(a.key.fingerprint).slice(0, 16)}.pem`)).toBe(a.key.publicKeyPem);
    expect(files.get(`public-key-${compact(b.key.fingerprint).slice(0, 16)}.pem`)).toBe(b.key.publicKeyPem);
    expect(files.has('public-key.pem')).toBe(false);
    const manifest = JSON.parse(files.get('dossier-manifest.json')!) as { publicKeyFingerprint: string; keys: { fingerprint: string; file: string; name: string | null }[]; exhibits: { captureId: string; publicKeyFingerprint: string; pages: { first: number; last: number } }[] };
    expect(manifest.keys.map((k) => k.fingerprint).sort()).toEqual([a.key.fingerprint, b.key.fingerprint, manifest.publicKeyFingerprint].sort());
    expect(files.has(manifest.keys.find((k) => k.fingerprint === manifest.publicKeyFingerprint)!.file)).toBe(true);

    for (const [who, ws, id] of [
      ['Investigator A', a, captures.a],
      ['Investigator B', b, captures.b],
    ] as const) {
      const x = manifest.exhibits.find((e) => e.captureId === id)!;
      expect(x.publicKeyFingerprint).toBe(ws.key.fingerprint);
      const page = read.value.pages.slice(x.pages.first - 1, x.pages.last).join('\n');
      expect(page).toContain(ws.key.fingerprint);
      expect(page).toContain(who);
      // Rendered to an image, as a reader sees it.
      const dir = mkdtempSync(join(tmpdir(), 'exhibit-hub-dossier-png-'));
      const r = run('pdftoppm', ['-png', '-r', '60', '-f', String(x.pages.first), '-l', String(x.pages.first), pdf, join(dir, 'page')]);
      expect(r.code, r.out).toBe(0);
      const pngs = readdirSync(dir).filter((f) => f.endsWith('.png'));
      expect(pngs.length).toBe(1);
      const image = readFileSync(join(dir, pngs[0]!));
      expect(image.subarray(1, 4).toString()).toBe('PNG');
      expect(image.length).toBeGreaterThan(10_000);
    }
    // "How to verify" lists every key with what it signed.
    const all = read.value.pages.join('\n');
    expect(all).toContain('Key 1 — Exhibit team hub');
    // The custody section: what each workspace logged about its capture, from the chains the hub holds.
    expect(all.replace(/\s+/g, ' ')).toMatch(/Printed here are the 4 entries about the captures in this dossier, from the logs of the 2 workspaces and workers that made them/);
    expect(all.replace(/\s+/g, ' ')).toMatch(/Capture stored: [AB]-1 \(/);
    expect(all).toContain('Investigator A');
    expect(all).toContain('Investigator B');
  });

  it("records the dossier in the hub's custody chain, signed by the one hub identity, never replaced", async () => {
    const sha = sha256Hex(readFileSync(pdf));
    const rows = (await pool.query<{ action: string; details: string }>("SELECT action, details FROM hub_custody WHERE chain = 'hub' AND action IN ('dossier.made', 'identity.created') ORDER BY seq")).rows;
    expect(rows.map((r) => r.action)).toEqual(['identity.created', 'dossier.made']);
    const details = JSON.parse(rows[1]!.details) as { sha256: string; captures: string[]; case: { reference: string } };
    expect(details.sha256).toBe(sha);
    expect(details.captures.sort()).toEqual([captures.a, captures.b].sort());
    expect(details.case.reference).toBe('OF-2026-01');

    // A second dossier, in French, without an authority: signed with the same certificate, not time-stamped, and says so.
    const again = join(mkdtempSync(join(tmpdir(), 'exhibit-hub-dossier-')), 'falcon-fr.pdf');
    const made = await exhibit(['hub', 'dossier', 'Operation Falcon', '--out', again, '--lang', 'fr', '--json', ...hubArgs()], s3Env());
    expect(made.code, made.stderr).toBe(0);
    expect((JSON.parse(made.stdout) as { signature: { pending: string | null } }).signature.pending).toContain('--tsa URL');
    const first = JSON.parse((await exhibit(['verify', pdf, '--tsa-roots', rootsFile, '--json'])).stdout) as { signature: { signer: { fingerprint: string } } };
    const second = JSON.parse((await exhibit(['verify', again, '--tsa-roots', rootsFile, '--json'])).stdout) as { ok: boolean; signature: { signer: { fingerprint: string }; timestamp: unknown } };
    expect(second.ok).toBe(true);
    expect(second.signature.timestamp).toBeNull();
    expect(second.signature.signer.fingerprint).toBe(first.signature.signer.fingerprint);
    const read = readPdf(readFileSync(again));
    if (!read.ok) throw new Error(read.error.message);
    expect(read.value.pages.join('\n')).toContain('Clé 1 — Exhibit team hub');
    expect((await pool.query("SELECT 1 FROM hub_custody WHERE chain = 'hub' AND action = 'identity.created'")).rowCount).toBe(1);
  }, 180_000);

  it("a byte altered in one exhibit's attached manifest fails verification, naming that exhibit", async () => {
    const bytes = readFileSync(pdf);
    const read = readPdf(bytes);
    if (!read.ok) throw new Error(read.error.message);
    const manifest = JSON.parse(read.value.attachments.find((x) => x.name === 'dossier-manifest.json')!.data.toString()) as { exhibits: { number: string; captureId: string }[] };
    const target = manifest.exhibits.find((x) => x.captureId === captures.b)!;
    const original = read.value.attachments.find((x) => x.name === `${target.number}_manifest.json`)!.data;
    const altered = join(mkdtempSync(join(tmpdir(), 'exhibit-hub-dossier-')), 'altered.pdf');
    writeFileSync(altered, flipByteInObjectStream(bytes, embeddedFileObject(bytes, original)));
    const r = await exhibit(['verify', altered, '--tsa-roots', rootsFile]);
    expect(r.code, r.stdout).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`✗ ${target.number} {2}capture ${captures.b}[^\\n]*:\\n\\s+its attached manifest \\(${target.number}_manifest.json\\) is damaged`));
    const other = manifest.exhibits.find((x) => x.captureId === captures.a)!;
    expect(r.stdout).toContain(`✓ ${other.number}  capture ${captures.a}`);
  }, 60_000);

  it("a key that is not attached (its file swapped for another key) fails the exhibits it signed, each located, and no other", async () => {
    const bytes = readFileSync(pdf);
    const read = readPdf(bytes);
    if (!read.ok) throw new Error(read.error.message);
    const manifest = JSON.parse(read.value.attachments.find((x) => x.name === 'dossier-manifest.json')!.data.toString()) as { exhibits: { number: string; captureId: string }[] };
    const ofA = manifest.exhibits.find((x) => x.captureId === captures.a)!;
    const ofB = manifest.exhibits.find((x) => x.captureId === captures.b)!;
    const keyFile = `public-key-${compact(a.key.fingerprint).slice(0, 16)}.pem`;
    const swapped = join(mkdtempSync(join(tmpdir(), 'exhibit-hub-dossier-')), 'swapped-key.pdf');
    writeFileSync(swapped, appendEmbeddedFileUpdate(bytes, Buffer.from(a.key.publicKeyPem), Buffer.from(b.key.publicKeyPem)));
    const r = await exhibit(['verify', swapped, '--tsa-roots', rootsFile, '--json']);
    expect(r.code, r.stdout).toBe(1);
    const report = JSON.parse(r.stdout) as { exhibits: { number: string; ok: boolean; problems: string[] }[]; problems: string[] };
    expect(report.problems.join('\n')).toContain(`the attached public key ${keyFile} is ${b.key.fingerprint}, but the dossier names ${a.key.fingerprint}`);
    const verdict = new Map(report.exhibits.map((x) => [x.number, x]));
    expect(verdict.get(ofA.number)?.ok).toBe(false);
    expect(verdict.get(ofA.number)?.problems).toContain(`its manifest is signed by key ${a.key.fingerprint}, which is not attached to the dossier: its signature cannot be checked`);
    expect(verdict.get(ofB.number)?.ok).toBe(true);
  }, 60_000);

  it('refuses a dossier whose time-stamp no longer checks out (its token altered in the store), naming the capture, writing nothing', async () => {
    const sha = (await pool.query<{ token_sha256: string }>('SELECT token_sha256 FROM hub_stamps WHERE capture_id = $1', [captures.b])).rows[0]!.token_sha256;
    const file = join(s3.directory, 'evidence', 'objects', sha.slice(0, 2), `${sha}._S3rver_object`);
    const original = readFileSync(file);
    const bytes = Buffer.from(original);
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 1;
    writeFileSync(file, bytes);
    try {
      const dir = mkdtempSync(join(tmpdir(), 'exhibit-hub-dossier-'));
      const r = await exhibit(['hub', 'dossier', 'OF-2026-01', '--out', join(dir, 'falcon.pdf'), ...hubArgs()], s3Env());
      expect(r.code, r.stdout + r.stderr).toBe(1);
      expect(r.stderr).toContain(`Capture ${captures.b}`);
      expect(r.stderr).toMatch(/its time-stamp from \S+ does not verify/);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      writeFileSync(file, original);
    }
  }, 60_000);

  it('refuses an unknown case, and an object altered in the store, naming it, writing nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'exhibit-hub-dossier-'));
    const unknown = await exhibit(['hub', 'dossier', 'OF-1999-99', '--out', join(dir, 'none.pdf'), ...hubArgs()], s3Env());
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('No case "OF-1999-99" on the team hub');

    const sha = (await pool.query<{ sha256: string }>("SELECT sha256 FROM hub_capture_artifacts WHERE capture_id = $1 AND name = 'screenshot-full.png'", [captures.a])).rows[0]!.sha256;
    const file = join(s3.directory, 'evidence', 'objects', sha.slice(0, 2), `${sha}._S3rver_object`);
    const bytes = readFileSync(file);
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 1;
    writeFileSync(file, bytes);
    const before = (await pool.query("SELECT 1 FROM hub_custody WHERE action = 'dossier.made'")).rowCount;
    const r = await exhibit(['hub', 'dossier', 'OF-2026-01', '--out', join(dir, 'falcon.pdf'), ...hubArgs()], s3Env());
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stderr).toContain(`Capture ${captures.a}`);
    expect(r.stderr).toContain(`its file screenshot-full.png: the object ${sha} in the hub's store no longer hashes to its name`);
    expect(readdirSync(dir)).toEqual([]);
    expect(existsSync(join(dir, 'falcon.pdf'))).toBe(false);
    expect((await pool.query("SELECT 1 FROM hub_custody WHERE action = 'dossier.made'")).rowCount).toBe(before);
  }, 60_000);
});
