import { spawnSync } from 'node:child_process';
import { createHash, generateKeyPairSync, sign, webcrypto } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exhibit } from '../helpers/cli.js';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { startSntpServer } from '../helpers/sntp-server.js';
import { suiteTempDir } from '../helpers/tmp.js';
import { startTsa, type Tsa } from '../helpers/tsa.mjs';

/**
 * WACZ exports from a real workspace: real Chromium captures of the local
 * fixture pages, stamped by a real RFC 3161 authority (openssl ts) on
 * 127.0.0.1, written by the real CLI, read back with unzip, Python's zipfile,
 * OpenSSL and WebCrypto (as ReplayWeb.page checks the signature), and
 * tampered with by rebuilding the zip in Python.
 */

let server: FixtureServer;
let tsa: Tsa;
let sntp: Awaited<ReturnType<typeof startSntpServer>>;
let root: string;
let ws: string;
let a: { id: string; manifestSha256: string };
let b: { id: string; manifestSha256: string };
let imported: string;
let one: string;
let caseFile: string;

const run = (cmd: string, args: string[], o: { cwd?: string; input?: string } = {}) => spawnSync(cmd, args, { encoding: 'utf8', ...o });
const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

/** One file out of the zip, as unzip gives it. */
function entry(zip: string, name: string): Buffer {
  const r = spawnSync('unzip', ['-p', zip, name], { maxBuffer: 1 << 28 });
  expect(r.status, `unzip -p ${zip} ${name}`).toBe(0);
  return r.stdout;
}

/** The zip's entries with their compression, as zipinfo lists them. */
function zipinfo(zip: string): Map<string, string> {
  const r = run('unzip', ['-Z', zip]);
  expect(r.status).toBe(0);
  const out = new Map<string, string>();
  for (const line of r.stdout.split('\n')) {
    const m = /^\S{10}\s+\S+\s+\S+\s+\d+\s+\S+\s+(\w+)\s+\S+\s+\S+\s+(.+)$/.exec(line);
    if (m) out.set(m[2]!, m[1]!);
  }
  return out;
}

const REWRITE = `
import base64, json, sys, zipfile
spec = json.load(sys.stdin)
src = zipfile.ZipFile(spec["src"])
dst = zipfile.ZipFile(spec["dst"], "w")
for info in src.infolist():
    if info.filename in spec["remove"]:
        continue
    data = src.read(info.filename)
    if info.filename in spec["replace"]:
        data = base64.b64decode(spec["replace"][info.filename])
    dst.writestr(info, data, compress_type=info.compress_type)
for name, data in spec["add"].items():
    dst.writestr(name, base64.b64decode(data))
dst.close()
`;

/** The WACZ rebuilt by Python's zipfile with files replaced, removed or added: each entry keeps its compression. */
function rewrite(src: string, name: string, o: { replace?: Record<string, Buffer>; remove?: string[]; add?: Record<string, Buffer> }): string {
  const dst = join(root, `${name}.wacz`);
  const b64 = (m: Record<string, Buffer> = {}) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v.toString('base64')]));
  const r = run('python3', ['-c', REWRITE], { input: JSON.stringify({ src, dst, replace: b64(o.replace), remove: o.remove ?? [], add: b64(o.add) }) });
  expect(r.status, r.stderr).toBe(0);
  return dst;
}

/** Names, sizes and bytes of everything in a folder: "nothing written" is this, unchanged. */
function snapshot(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .map((f) => {
      const p = join(dir, f);
      const st = statSync(p);
      return st.isFile() ? `${f} ${st.size} ${sha256(readFileSync(p))}` : `${f}/`;
    });
}

async function custodyLog(): Promise<{ seq: number; action: string; subject: string | null; details: Record<string, unknown> }[]> {
  const r = await exhibit(['log', '--workspace', ws, '--json']);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as { seq: number; action: string; subject: string | null; details: Record<string, unknown> }[];
}

async function capture(path: string, ...more: string[]): Promise<{ id: string; manifestSha256: string }> {
  const r = await exhibit(['capture', server.url(path), '--workspace', ws, '--json', ...more]);
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { id: string; manifestSha256: string }[])[0]!;
}

beforeAll(async () => {
  [server, tsa, sntp] = await Promise.all([startFixtureServer(), startTsa({ name: 'WACZ Test TSA' }), startSntpServer({ offsetMs: 0 })]);
  root = suiteTempDir('exhibit-wacz-');
  ws = join(root, 'ws');
  expect((await exhibit(['init', '--workspace', ws, '--investigator', 'Jane Roe', '--organisation', 'Acme'])).code).toBe(0);
  for (const url of ['http://timestamp.digicert.com', 'http://timestamp.sectigo.com/qualified']) await exhibit(['tsa', 'remove', url, '--workspace', ws]);
  writeFileSync(join(root, 'tsa-root.pem'), tsa.rootPem);
  expect((await exhibit(['tsa', 'add', tsa.url, '--root', join(root, 'tsa-root.pem'), '--name', 'WACZ Test TSA', '--workspace', ws])).code).toBe(0);
  expect((await exhibit(['settings', '--ntp-servers', sntp.address, '--workspace', ws])).code).toBe(0);
  a = await capture('/listing', '--case', 'Luxe');
  b = await capture('/r1', '--case', 'Luxe');
  // A page the investigator saved: no WARC, so nothing of it to replay.
  const saved = new URL('../fixtures/marketplace-pages/amazon-de-listing.html', import.meta.url).pathname;
  const imp = await exhibit(['import', saved, '--url', 'https://www.amazon.de/dp/B0TEST1DE1', '--case', 'Luxe', '--workspace', ws, '--json']);
  expect(imp.code, imp.stderr).toBe(0);
  imported = (JSON.parse(imp.stdout) as { id: string }).id;
  expect((await exhibit(['stamp', '--workspace', ws])).code).toBe(0);

  one = join(root, 'one.wacz');
  const made = await exhibit(['export-capture', a.id, '--wacz', one, '--workspace', ws]);
  expect(made.code, made.stderr).toBe(0);
  expect(made.stdout).toContain('note: this workspace had no WACZ key: one was made');
  caseFile = join(root, 'case.wacz');
  const made2 = await exhibit(['export', '--case', 'Luxe', '--wacz', caseFile, '--workspace', ws, '--json']);
  expect(made2.code, made2.stderr).toBe(0);
  expect((JSON.parse(made2.stdout) as { waczKey: { created: boolean } }).waczKey.created).toBe(false);
}, 120_000);

afterAll(async () => {
  await Promise.all([server?.close(), tsa?.close(), sntp?.close()]);
});

describe('exhibit export-capture --wacz and exhibit export --case --wacz', () => {
  it('one capture: the WACZ layout, stored WARC, datapackage hashes, pages and index; exhibit verify passes', async () => {
    expect(run('unzip', ['-t', one]).stdout).toContain('No errors detected');
    expect(run('python3', ['-m', 'zipfile', '-t', one]).status).toBe(0);
    const entries = zipinfo(one);
    const warc = `archive/${a.id}.warc.gz`;
    expect([...entries.keys()].sort()).toEqual(
      [
        warc,
        'indexes/index.cdxj',
        'pages/pages.jsonl',
        'exhibit/public-key.pem',
        'exhibit/wacz-signing-key.pem',
        'exhibit/wacz-signing-key.sig',
        'exhibit/tsa-roots.pem',
        'exhibit/README.txt',
        `exhibit/${a.id}/manifest.json`,
        `exhibit/${a.id}/manifest.sig`,
        `exhibit/${a.id}/timestamp-1.tsr`,
        `exhibit/${a.id}/timestamp-1.list.json`, // the three were stamped together: the token stamps their list
        `exhibit/${a.id}/timestamps.json`,
        'datapackage.json',
        'datapackage-digest.json',
      ].sort(),
    );
    expect(entries.get(warc)).toBe('stor');

    const dp = JSON.parse(entry(one, 'datapackage.json').toString()) as { profile: string; wacz_version: string; software: string; created: string; title: string; resources: { name: string; path: string; hash: string; bytes: number }[] };
    expect(dp).toMatchObject({ profile: 'data-package', wacz_version: '1.1.1', software: expect.stringMatching(/^Exhibit \d/) as unknown });
    expect(dp.title).toContain(a.id);
    expect(dp.resources.map((r) => r.path).sort()).toEqual([...entries.keys()].filter((n) => !n.startsWith('datapackage')).sort());
    for (const r of dp.resources) {
      const bytes = entry(one, r.path);
      expect(r.hash, r.path).toBe(`sha256:${sha256(bytes)}`);
      expect(r.bytes, r.path).toBe(bytes.length);
    }
    expect(new Set(dp.resources.map((r) => r.name)).size).toBe(dp.resources.length);

    // The archive is the capture's page.warc.gz byte for byte, as its signed manifest lists it.
    const manifest = JSON.parse(entry(one, `exhibit/${a.id}/manifest.json`).toString()) as { artifacts: { name: string; sha256: string }[] };
    expect(sha256(entry(one, warc))).toBe(manifest.artifacts.find((x) => x.name === 'page.warc.gz')!.sha256);
    expect(sha256(entry(one, `exhibit/${a.id}/manifest.json`))).toBe(a.manifestSha256);

    const pages = entry(one, 'pages/pages.jsonl').toString().trim().split('\n').map((l) => JSON.parse(l) as Record<string, string>);
    expect(pages[0]).toEqual({ format: 'json-pages-1.0', id: 'pages', title: 'All Pages' });
    expect(pages.slice(1)).toEqual([{ id: a.id, url: server.url('/listing'), ts: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as unknown, title: expect.any(String) as unknown }]);
    const cdxj = entry(one, 'indexes/index.cdxj').toString().trim().split('\n');
    expect(cdxj.some((l) => l.includes(`"url":"${server.url('/listing')}"`) && l.includes(`"filename":"${a.id}.warc.gz"`))).toBe(true);
    expect([...cdxj].sort()).toEqual(cdxj);

    const v = await exhibit(['verify', one, '--workspace', ws]);
    expect(v.code, v.stdout).toBe(0);
    expect(v.stdout).toMatch(/Signature\s+valid \(ECDSA P-384/);
    expect(v.stdout).toMatch(/Result\s+OK/);
    expect(v.stdout).toContain(`✓ ${a.id}  ${server.url('/listing')}: manifest signature (Ed25519), archive/${a.id}.warc.gz = its page.warc.gz, 1 time-stamp token(s)`);
    expect(v.stdout).toMatch(/✓ timestamp-1\.tsr: existed no later than .*WACZ Test TSA/);
    expect(v.stdout).toContain("this very file is recorded in this workspace's custody log");

    // The key: made on first use, owner-only, and recorded; the export recorded with the file's SHA-256.
    expect(statSync(join(ws, 'keys', 'wacz-signing-key.pem')).mode & 0o777).toBe(0o600);
    expect(existsSync(join(ws, 'keys', 'wacz-signing-key.pub.pem'))).toBe(true);
    const log = await custodyLog();
    const keyEntries = log.filter((e) => e.action === 'export.made' && e.details.kind === 'wacz-key');
    expect(keyEntries).toHaveLength(1);
    const exported = log.filter((e) => e.action === 'export.made' && e.details.kind === 'wacz');
    expect(exported.map((e) => e.details.sha256)).toEqual([sha256(readFileSync(one)), sha256(readFileSync(caseFile))]);
    expect(exported[0]).toMatchObject({ subject: a.id, details: { to: one, captures: [a.id] } });
    expect(exported[1]).toMatchObject({ subject: null, details: { to: caseFile, withoutWarc: [imported], case: { name: 'Luxe' } } });
  });

  it('a case of three: both WARCs stored, the imported page in with its evidence only; verify names every capture', async () => {
    const entries = zipinfo(caseFile);
    expect(entries.get(`archive/${a.id}.warc.gz`)).toBe('stor');
    expect(entries.get(`archive/${b.id}.warc.gz`)).toBe('stor');
    expect(entries.has(`archive/${imported}.warc.gz`)).toBe(false);
    for (const id of [a.id, b.id, imported]) {
      expect(entries.has(`exhibit/${id}/manifest.json`)).toBe(true);
      expect(entries.has(`exhibit/${id}/manifest.sig`)).toBe(true);
    }
    const pages = entry(caseFile, 'pages/pages.jsonl').toString().trim().split('\n').slice(1).map((l) => JSON.parse(l) as { id: string; url: string });
    // The redirected capture opens at the address it ended on; the imported page is not a page to replay.
    expect(pages).toEqual([expect.objectContaining({ id: a.id, url: server.url('/listing') }), expect.objectContaining({ id: b.id, url: server.url('/listing') })]);
    const cdxj = entry(caseFile, 'indexes/index.cdxj').toString().trim().split('\n');
    expect([...cdxj].sort()).toEqual(cdxj);
    expect(cdxj.some((l) => l.includes(`"filename":"${b.id}.warc.gz"`) && l.includes('"status":"301"'))).toBe(true);

    const v = await exhibit(['verify', caseFile, '--workspace', ws]);
    expect(v.code, v.stdout).toBe(0);
    expect(v.stdout).toMatch(/Captures\s+3 \(case Luxe\)/);
    expect(v.stdout).toContain(`✓ ${a.id}`);
    expect(v.stdout).toContain(`✓ ${b.id}`);
    expect(v.stdout).toMatch(new RegExp(`✓ ${imported}  https://www\\.amazon\\.de/dp/B0TEST1DE1: manifest signature \\(Ed25519\\), no page\\.warc\\.gz \\(nothing to replay\\)`));
    const json = await exhibit(['verify', caseFile, '--workspace', ws, '--json']);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as { ok: boolean; signature: { ok: boolean }; captures: { id: string; ok: boolean; warc: string | null }[] };
    expect(report.ok).toBe(true);
    expect(report.signature.ok).toBe(true);
    expect(report.captures.map((c) => [c.id, c.ok, c.warc])).toEqual([
      [a.id, true, `archive/${a.id}.warc.gz`],
      [b.id, true, `archive/${b.id}.warc.gz`],
      [imported, true, null],
    ]);
    // Without the workspace: the same checks from the file alone (the test authority's root is not trusted then).
    const alone = await exhibit(['verify', caseFile, '--workspace', join(root, 'no-such-workspace'), '--json']);
    const aloneReport = JSON.parse(alone.stdout) as { signature: { ok: boolean }; resources: { listed: number; matching: number } };
    expect(aloneReport.signature.ok).toBe(true);
    expect(aloneReport.resources.matching).toBe(aloneReport.resources.listed);
  });

  it('the signature verifies with OpenSSL alone, and with WebCrypto as ReplayWeb.page checks it', async () => {
    const dir = join(root, 'unzipped');
    mkdirSync(dir);
    expect(run('unzip', ['-q', caseFile, '-d', dir]).status).toBe(0);
    // The commands exhibit/README.txt gives, run as written.
    const readme = readFileSync(join(dir, 'exhibit', 'README.txt'), 'utf8');
    const commands = readme.split('\n').filter((l) => /^ {2}(jq|echo|printf|openssl|sha256sum)/.test(l));
    const script = commands.join('\n');
    expect(script).toContain('openssl dgst -sha256 -verify wacz-key.pem -signature sig.der');
    const r = run('bash', ['-euo', 'pipefail', '-c', script], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('Verified OK');
    expect(r.stdout.match(/Signature Verified Successfully/g)).toHaveLength(1 + 3); // the WACZ key, then each manifest
    expect(r.stdout).not.toMatch(/FAILED/);
    // The token commands, in each capture's folder.
    for (const line of readme.split('\n').filter((l) => l.startsWith('  (cd exhibit/'))) {
      expect(run('bash', ['-c', line.trim()], { cwd: dir }).stdout).toContain('Verification: OK');
    }

    // wabac.js (ReplayWeb.page): importKey spki P-384, verify ECDSA SHA-256 over the hash string's UTF-8 bytes.
    const digest = JSON.parse(readFileSync(join(dir, 'datapackage-digest.json'), 'utf8')) as { path: string; hash: string; signedData: Record<string, string> };
    expect(digest.path).toBe('datapackage.json');
    expect(digest.hash).toBe(`sha256:${sha256(readFileSync(join(dir, 'datapackage.json')))}`);
    expect(Object.keys(digest.signedData).sort()).toEqual(['created', 'hash', 'publicKey', 'signature', 'software']);
    expect(digest.signedData.hash).toBe(digest.hash);
    const key = await webcrypto.subtle.importKey('spki', Buffer.from(digest.signedData.publicKey!, 'base64'), { name: 'ECDSA', namedCurve: 'P-384' }, true, ['verify']);
    const sig = Buffer.from(digest.signedData.signature!, 'base64');
    expect(sig).toHaveLength(96);
    expect(await webcrypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, sig, new TextEncoder().encode(digest.signedData.hash))).toBe(true);
  });

  it('tampering is found and named: exit 1', async () => {
    const warc = `archive/${a.id}.warc.gz`;
    // Each tampered copy is verified in its own process, all at once.
    const pending: Promise<unknown>[] = [];
    const bad = (file: string, ...patterns: RegExp[]): Promise<string> => {
      const check = exhibit(['verify', file, '--workspace', ws]).then((v) => {
        expect(v.code, v.stdout).toBe(1);
        expect(v.stdout).toMatch(/Result\s+PROBLEMS FOUND/);
        for (const p of patterns) expect(v.stdout).toMatch(p);
        return v.stdout;
      });
      pending.push(check);
      return check;
    };
    const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

    // A byte of a WARC.
    const w = entry(caseFile, warc);
    w[Math.floor(w.length / 2)]! ^= 0x01;
    void bad(rewrite(caseFile, 'warc-byte', { replace: { [warc]: w } }), new RegExp(`✗ ${esc(warc)}: altered: its SHA-256 is`), new RegExp(`${esc(warc)}: is not the page\\.warc\\.gz the signed manifest lists`));

    // datapackage.json edited.
    const dp = entry(caseFile, 'datapackage.json').toString().replace('"title": "Exhibit: case Luxe"', '"title": "Exhibit: case Other"');
    void bad(rewrite(caseFile, 'datapackage', { replace: { 'datapackage.json': Buffer.from(dp) } }), /✗ datapackage\.json: altered: its SHA-256 is \w+, datapackage-digest\.json says/);

    // The signature replaced by another one of the same key (the one-capture export's).
    const digest = JSON.parse(entry(caseFile, 'datapackage-digest.json').toString()) as { signedData: { signature: string } };
    digest.signedData.signature = (JSON.parse(entry(one, 'datapackage-digest.json').toString()) as { signedData: { signature: string } }).signedData.signature;
    void bad(rewrite(caseFile, 'signature', { replace: { 'datapackage-digest.json': Buffer.from(JSON.stringify(digest)) } }), /✗ datapackage-digest\.json: the signature does not verify/, /Signature\s+NOT VALID/);

    // A manifest and its signature swapped for another capture's: both sound, neither this capture's.
    const swappedOut = bad(
      rewrite(caseFile, 'swapped', {
        replace: { [`exhibit/${a.id}/manifest.json`]: entry(caseFile, `exhibit/${b.id}/manifest.json`), [`exhibit/${a.id}/manifest.sig`]: entry(caseFile, `exhibit/${b.id}/manifest.sig`) },
      }),
      new RegExp(`exhibit/${a.id}/manifest\\.json: is the manifest of capture ${b.id}, not of ${a.id} \\(swapped\\)`),
      new RegExp(`${esc(warc)}: is not the page\\.warc\\.gz the signed manifest lists`),
      new RegExp(`exhibit/${a.id}/timestamp-1\\.tsr: time-stamp: it belongs to another capture|exhibit/${a.id}/timestamp-1\\.tsr: time-stamp`),
    );
    pending.push(swappedOut.then((out) => expect(out).toContain(`✗ ${a.id}`)));

    // A time-stamp token altered.
    const tsrName = `exhibit/${a.id}/timestamp-1.tsr`;
    const tsr = entry(caseFile, tsrName);
    tsr[tsr.length - 5]! ^= 0x10;
    void bad(rewrite(caseFile, 'token', { replace: { [tsrName]: tsr } }), new RegExp(`✗ ${esc(tsrName)}: altered`), new RegExp(`${esc(tsrName)}: time-stamp: .*\\((bad-signature|not-a-token)\\)`));

    // A file added; a file removed.
    void bad(rewrite(caseFile, 'added', { add: { 'exhibit/notes.txt': Buffer.from('not evidence') } }), /✗ exhibit\/notes\.txt: added: the WACZ holds it, but datapackage\.json does not list it/);
    void bad(rewrite(caseFile, 'removed', { remove: [`exhibit/${b.id}/manifest.sig`] }), new RegExp(`✗ exhibit/${b.id}/manifest\\.sig: missing: datapackage\\.json lists it`));
    void bad(rewrite(caseFile, 'removed-warc', { remove: [warc] }), new RegExp(`✗ ${esc(warc)}: missing`));

    // A forger who re-hashes and re-signs everything with a key of their own: the files and the
    // signature check out, but the key is not the workspace's and the WARC is not the signed one.
    const pkg = JSON.parse(entry(caseFile, 'datapackage.json').toString()) as { resources: { path: string; hash: string }[] };
    pkg.resources.find((r) => r.path === warc)!.hash = `sha256:${sha256(w)}`;
    const pkgBytes = Buffer.from(JSON.stringify(pkg, null, 2));
    const hash = `sha256:${sha256(pkgBytes)}`;
    const forger = generateKeyPairSync('ec', { namedCurve: 'P-384' });
    const forged = {
      path: 'datapackage.json',
      hash,
      signedData: {
        hash,
        created: new Date().toISOString(),
        software: 'Exhibit 0.1.0',
        publicKey: forger.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
        signature: sign('sha256', Buffer.from(hash), { key: forger.privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64'),
      },
    };
    const forgedOut = bad(
      rewrite(caseFile, 'forged', { replace: { [warc]: w, 'datapackage.json': pkgBytes, 'datapackage-digest.json': Buffer.from(JSON.stringify(forged)) } }),
      /✗ datapackage-digest\.json: was signed by another key than exhibit\/wacz-signing-key\.pem/,
      new RegExp(`${esc(warc)}: is not the page\\.warc\\.gz the signed manifest lists`),
    );
    pending.push(
      forgedOut.then((out) => {
        expect(out).toMatch(/Signature\s+valid/);
        expect(out).toContain("datapackage-digest.json was not signed by this workspace's WACZ key");
      }),
    );
    await Promise.all(pending);
  });

  it('refusals: an existing file, an unknown capture or case, not a zip: exit 2, nothing written', async () => {
    const dir = join(root, 'refusals');
    mkdirSync(dir);
    writeFileSync(join(dir, 'taken.wacz'), 'already here');
    const before = snapshot(dir);
    const logBefore = (await custodyLog()).length;

    const plainZip = rewrite(caseFile, 'no-datapackage', { remove: ['datapackage.json'] });
    const [taken, takenCase, noCapture, noCase, onlyImported, notWacz, notZip, missing, noPackage] = await Promise.all([
      exhibit(['export-capture', a.id, '--wacz', join(dir, 'taken.wacz'), '--workspace', ws]),
      exhibit(['export', '--case', 'Luxe', '--wacz', join(dir, 'taken.wacz'), '--workspace', ws]),
      exhibit(['export-capture', '01NOSUCHCAPTURE0000000000', '--wacz', join(dir, 'new.wacz'), '--workspace', ws]),
      exhibit(['export', '--case', 'No Such Case', '--wacz', join(dir, 'new.wacz'), '--workspace', ws]),
      exhibit(['export-capture', imported, '--wacz', join(dir, 'new.wacz'), '--workspace', ws]),
      exhibit(['export', '--capture', a.id, '--wacz', join(dir, 'new.zip'), '--workspace', ws]),
      exhibit(['verify', join(dir, 'taken.wacz'), '--workspace', ws]),
      exhibit(['verify', join(dir, 'absent.wacz'), '--workspace', ws]),
      exhibit(['verify', plainZip, '--workspace', ws]),
    ]);
    for (const r of [taken, takenCase, noCapture, noCase, onlyImported, notWacz, notZip, missing, noPackage]) expect(r.code, r.stderr).toBe(2);
    expect(taken.stderr).toContain('already exists; nothing was written');
    expect(takenCase.stderr).toContain('already exists; nothing was written');
    expect(noCapture.stderr).toContain('No capture 01NOSUCHCAPTURE0000000000 in this workspace');
    expect(noCase.stderr).toContain('No case "No Such Case"');
    expect(onlyImported.stderr).toContain(`Capture ${imported} has no page archive (page.warc.gz): a WACZ would have nothing to replay`);
    expect(notWacz.stderr).toContain('ends in .wacz');
    expect(snapshot(dir)).toEqual(before);
    expect((await custodyLog()).length).toBe(logBefore);
    expect(notZip.stderr).toContain('is not a zip file, so not a WACZ');
    expect(missing.stderr).toContain('no such file');
    expect(noPackage.stderr).toContain('is not a WACZ: it holds no datapackage.json');
  });
});
