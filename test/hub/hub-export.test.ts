import { spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHubDatabase, type HubPool } from '../../electron/core/hub/db.js';
import { stampPending } from '../../electron/core/timestamp/stamper.js';
import { addAuthority, removeAuthority } from '../../electron/core/workspace/timestamps.js';
import type { Workspace } from '../../electron/core/workspace/workspace.js';
import { fileCapture, listingExtraction } from '../helpers/catalogue.js';
import { exhibit } from '../helpers/cli.js';
import { startHubServe } from '../helpers/hub-serve.js';
import { png } from '../helpers/png.mjs';
import { postgresMissing, startPostgres, type TestPostgres } from '../helpers/postgres.js';
import { startS3, type TestS3 } from '../helpers/s3.js';
import { startTsa, type Tsa } from '../helpers/tsa.mjs';
import { newWorkspace } from '../helpers/workspace.js';

const missing = postgresMissing();
if (missing) console.warn(`hub export tests skipped: ${missing}`);

let pg: TestPostgres;
let s3: TestS3;
let tsa: Tsa;
let dbUrl: string;
let pool: HubPool;
let hub: ChildProcess | null = null;
let ws: Workspace;
let captureId = '';
const hubArgs = () => ['--database', dbUrl, '--store', 's3://evidence', '--endpoint', s3.endpoint];
const s3Env = () => ({ AWS_ACCESS_KEY_ID: s3.accessKeyId, AWS_SECRET_ACCESS_KEY: s3.secretAccessKey, AWS_REGION: 'us-east-1' });
const run = (cmd: string, args: string[], cwd: string) => spawnSync(cmd, args, { cwd, encoding: 'utf8' });

describe.skipIf(missing !== undefined)('exhibit hub export-capture: a capture from the team hub as a folder checked with sha256sum and OpenSSL alone', () => {
  beforeAll(async () => {
    [pg, s3, tsa] = await Promise.all([startPostgres(), startS3(['evidence']), startTsa({ name: 'Hub Export TSA' })]);
    dbUrl = pg.createDatabase('hub_export');
    const rootsFile = join(mkdtempSync(join(tmpdir(), 'exhibit-hub-export-roots-')), 'roots.pem');
    writeFileSync(rootsFile, tsa.rootPem);
    const init = await exhibit(['hub', 'init', '--tsa-roots', rootsFile, ...hubArgs()], s3Env());
    expect(init.code, init.stderr).toBe(0);
    const user = await exhibit(['hub', 'user', 'add', 'Jane Roe', '--json', ...hubArgs()], s3Env());
    expect(user.code, user.stderr).toBe(0);
    const token = (JSON.parse(user.stdout) as { token: string }).token;
    let hubUrl: string;
    ({ process: hub, url: hubUrl } = await startHubServe(hubArgs(), s3Env()));
    ws = await newWorkspace({ investigator: 'Investigator A', organisation: 'Acme' }, 'suite');
    for (const url of ['http://timestamp.digicert.com', 'http://timestamp.sectigo.com/qualified']) await removeAuthority(ws.db, url);
    const added = await addAuthority(ws.db, { url: tsa.url, name: 'Hub Export TSA', rootPem: tsa.rootPem });
    if (!added.ok) throw new Error('tsa add failed');
    const shot = { name: 'screenshot-full.png', kind: 'screenshot-full', mediaType: 'image/png', source: png(600, 900, (x, y) => (y < 80 ? [30, 60, 120] : [250, 200, 40])) };
    captureId = (await fileCapture(ws, listingExtraction({ listingId: '4242', sellerId: 'bags4less', sellerName: 'bags4less', title: 'Bag' }), { artifacts: [shot], text: 'Investigator A saw bags4less' })).id;
    expect((await stampPending({ db: ws.db, store: ws.store })).failures).toEqual([]);
    const pushed = await exhibit(['push', '--hub', hubUrl, '--token', token, '--workspace', ws.dir, '--json']);
    expect(pushed.code, pushed.stderr).toBe(0);
    pool = openHubDatabase(dbUrl);
  }, 180_000);

  afterAll(async () => {
    hub?.kill('SIGTERM');
    await pool?.end();
    await ws?.close();
    pg?.stop();
    await Promise.all([s3?.stop(), tsa?.close()]);
  });

  it("writes the files the workspace's own export writes, each checkable without Exhibit, and records the export in the hub's custody chain", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'exhibit-hub-export-')), 'evidence');
    const r = await exhibit(['hub', 'export-capture', captureId, dir, ...hubArgs()], s3Env());
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Exported capture ${captureId} from the hub to ${dir}`);

    // The same files as the workspace's own export of the capture, byte for byte but the README (the key's fingerprint is written without spaces).
    const mine = join(mkdtempSync(join(tmpdir(), 'exhibit-ws-export-')), 'evidence');
    const own = await exhibit(['export-capture', captureId, mine, '--workspace', ws.dir]);
    expect(own.code, own.stderr).toBe(0);
    const files = readdirSync(dir).sort();
    expect(files).toEqual(readdirSync(mine).sort());
    expect(files).toEqual(expect.arrayContaining(['manifest.json', 'manifest.sig', 'public-key.pem', 'SHA256SUMS', 'README.txt', 'screenshot-full.png', 'timestamps.json', 'tsa-roots.pem']));
    for (const f of files.filter((f) => f !== 'README.txt' && f !== 'timestamps.json')) expect(readFileSync(join(dir, f)).equals(readFileSync(join(mine, f))), f).toBe(true);
    // The authority is named by its certificate on the hub (the name an investigator gave it stays in their workspace); the rest is the same.
    type Index = { tokens: { authority: string }[] };
    const index = (d: string) => JSON.parse(readFileSync(join(d, 'timestamps.json'), 'utf8')) as Index;
    const [hubIndex, ownIndex] = [index(dir), index(mine)];
    expect(hubIndex.tokens.map((t) => t.authority)).toEqual(['CN=Hub Export TSA, O=Exhibit Tests, C=GB']);
    expect({ ...hubIndex, tokens: hubIndex.tokens.map((t) => ({ ...t, authority: '' })) }).toEqual({ ...ownIndex, tokens: ownIndex.tokens.map((t) => ({ ...t, authority: '' })) });

    // What a lawyer runs: sha256sum, the manifest's signature with OpenSSL, each time-stamp with openssl ts, and exhibit verify.
    const sums = run('sha256sum', ['-c', 'SHA256SUMS'], dir);
    expect(sums.status, sums.stderr).toBe(0);
    expect(sums.stdout).toContain('screenshot-full.png: OK');
    const sig = run('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', 'public-key.pem', '-rawin', '-in', 'manifest.json', '-sigfile', 'manifest.sig'], dir);
    expect(sig.stdout + sig.stderr).toContain('Signature Verified Successfully');
    const stamped = JSON.parse(readFileSync(join(dir, 'timestamps.json'), 'utf8')) as { manifestSha256: string; tokens: { file: string; listFile: string | null }[] };
    const manifestSha = stamped.manifestSha256;
    const token = stamped.tokens[0]!;
    // A token stamps the manifest, or a digest list naming it (then the list is beside it).
    const ts = run('openssl', ['ts', '-verify', '-in', token.file, ...(token.listFile ? ['-data', token.listFile] : ['-digest', manifestSha]), '-CAfile', 'tsa-roots.pem'], dir);
    if (token.listFile) expect(readFileSync(join(dir, token.listFile), 'utf8')).toContain(manifestSha);
    expect(ts.stdout + ts.stderr).toContain('Verification: OK');
    // Exhibit takes no folder's word on its roots: without them named, the test authority is not trusted; named (--tsa-roots), all verifies.
    const unnamed = await exhibit(['verify', dir]);
    expect(unnamed.code).toBe(1);
    expect(unnamed.stdout).toMatch(/time-stamp timestamp-1\.tsr: .*does not lead to any trusted root/);
    const verified = await exhibit(['verify', dir, '--tsa-roots', join(dir, 'tsa-roots.pem')]);
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    expect(verified.stdout).toContain('OK: 3 files match the signed manifest');
    const noFile = await exhibit(['verify', dir, '--tsa-roots', join(dir, 'nothing.pem')]);
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toContain('nothing.pem: no such file');
    const notPem = await exhibit(['verify', dir, '--tsa-roots', join(dir, 'text.txt')]);
    expect(notPem.code).toBe(2);
    expect(notPem.stderr).toContain('no certificate in it');

    const entries = (await pool.query<{ action: string; subject: string; details: string }>("SELECT action, subject, details FROM hub_custody WHERE chain = 'hub' AND action = 'export.made'")).rows;
    expect(entries).toHaveLength(1);
    expect(entries[0]!.subject).toBe(captureId);
    expect(JSON.parse(entries[0]!.details)).toMatchObject({ kind: 'capture-folder', to: dir, manifestSha256: manifestSha });
    const v = await exhibit(['hub', 'verify', ...hubArgs()], s3Env());
    expect(v.code, v.stdout).toBe(0);
  }, 120_000);

  it('refuses an unknown capture and a folder not empty, writing nothing', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'exhibit-hub-export-')), 'evidence');
    const unknown = await exhibit(['hub', 'export-capture', '01NOSUCHCAPTURE0000000000', dir, ...hubArgs()], s3Env());
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('No capture 01NOSUCHCAPTURE0000000000 on the hub');
    expect(existsSync(dir)).toBe(false);
    const full = mkdtempSync(join(tmpdir(), 'exhibit-hub-export-full-'));
    writeFileSync(join(full, 'notes.txt'), 'mine');
    const r = await exhibit(['hub', 'export-capture', captureId, full, ...hubArgs()], s3Env());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is not empty; nothing was written');
    expect(readdirSync(full)).toEqual(['notes.txt']);
  }, 60_000);

  it('an artifact altered in the store is not exported as if sound: exit 1, the artifact named, nothing left', async () => {
    const sha = (await pool.query<{ sha256: string }>("SELECT sha256 FROM hub_capture_artifacts WHERE capture_id = $1 AND name = 'screenshot-full.png'", [captureId])).rows[0]!.sha256;
    const file = join(s3.directory, 'evidence', 'objects', sha.slice(0, 2), `${sha}._S3rver_object`);
    const bytes = readFileSync(file);
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 1;
    writeFileSync(file, bytes);
    const parent = mkdtempSync(join(tmpdir(), 'exhibit-hub-export-'));
    const r = await exhibit(['hub', 'export-capture', captureId, join(parent, 'evidence'), ...hubArgs()], s3Env());
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stderr).toContain(`artifact screenshot-full.png: the stored object no longer hashes to ${sha}`);
    expect(readdirSync(parent)).toEqual([]);
  }, 60_000);
});
