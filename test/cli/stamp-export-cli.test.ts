import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exhibit } from '../helpers/cli.js';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { startSntpServer } from '../helpers/sntp-server.js';
import { useLocalTime } from '../helpers/local-time.js';
import { tempDir } from '../helpers/tmp.js';
import { startTsa, type Tsa } from '../helpers/tsa.mjs';

let server: FixtureServer;
let tsa: Tsa;
let sntp: Awaited<ReturnType<typeof startSntpServer>>;

beforeAll(async () => {
  [server, tsa, sntp] = await Promise.all([startFixtureServer(), startTsa({ name: 'Export Test TSA' }), startSntpServer({ offsetMs: 0 })]);
});
afterAll(async () => {
  await Promise.all([server?.close(), tsa?.close(), sntp?.close()]);
});

const run = (cmd: string, args: string[], cwd?: string) => spawnSync(cmd, args, { encoding: 'utf8', ...(cwd ? { cwd } : {}) });

async function workspace(): Promise<string> {
  const dir = join(tempDir(), 'ws');
  expect((await exhibit(['init', '--workspace', dir, '--investigator', 'Jane Roe', '--organisation', 'Acme'])).code).toBe(0);
  await useLocalTime(dir, { tsa, name: 'Export Test TSA', ntp: sntp.address });
  // The key, pending since init (the default authorities are not reachable here), stamped on its own.
  expect((await exhibit(['stamp', '--workspace', dir])).code).toBe(0);
  return dir;
}

async function capture(dir: string, path: string, ...more: string[]): Promise<{ id: string; manifestSha256: string }> {
  const r = await exhibit(['capture', server.url(path), '--workspace', dir, '--json', ...more]);
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as { id: string; manifestSha256: string }[])[0]!;
}

describe('time-stamp tokens travel with an exported capture', () => {
  it('the folder carries the token, its description and roots; OpenSSL alone verifies it; tampering is found', async () => {
    const dir = await workspace();
    const c = await capture(dir, '/listing');
    const out = join(tempDir(), 'evidence');
    expect((await exhibit(['export-capture', c.id, out, '--workspace', dir])).code).toBe(0);
    // The token stamps a digest list naming the manifest and the custody head of the moment.
    expect(readdirSync(out)).toEqual(expect.arrayContaining(['timestamp-1.tsr', 'timestamp-1.list.json', 'timestamps.json', 'tsa-roots.pem']));
    const ossl = run('openssl', ['ts', '-verify', '-in', 'timestamp-1.tsr', '-data', 'timestamp-1.list.json', '-CAfile', 'tsa-roots.pem'], out);
    expect(ossl.stdout).toContain('Verification: OK');
    expect(readFileSync(join(out, 'timestamp-1.list.json'), 'utf8')).toContain(c.manifestSha256);
    expect(readFileSync(join(out, 'README.txt'), 'utf8')).toMatch(/existed no later than .*Export Test TSA/);
    const ok = await exhibit(['verify', out, '--workspace', dir]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/✓ timestamp-1\.tsr: existed no later than/);

    // The token altered.
    const broken = join(tempDir(), 'broken');
    mkdirSync(broken);
    for (const f of readdirSync(out)) copyFileSync(join(out, f), join(broken, f));
    const tsr = readFileSync(join(broken, 'timestamp-1.tsr'));
    tsr[tsr.length - 5] = tsr[tsr.length - 5]! ^ 0x10;
    chmodSync(join(broken, 'timestamp-1.tsr'), 0o644);
    writeFileSync(join(broken, 'timestamp-1.tsr'), tsr);
    const bad = await exhibit(['verify', broken, '--workspace', dir]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/✗ time-stamp timestamp-1\.tsr: .*(bad-signature|not-a-token)/);

    // Another capture's token and description put in its place.
    const other = await capture(dir, '/listing?other');
    const otherOut = join(tempDir(), 'other');
    expect((await exhibit(['export-capture', other.id, otherOut, '--workspace', dir])).code).toBe(0);
    const swapped = join(tempDir(), 'swapped');
    mkdirSync(swapped);
    for (const f of readdirSync(out)) copyFileSync(join(out, f), join(swapped, f));
    for (const f of ['timestamp-1.tsr', 'timestamps.json']) {
      chmodSync(join(swapped, f), 0o644);
      copyFileSync(join(otherOut, f), join(swapped, f));
    }
    const swap = await exhibit(['verify', swapped, '--workspace', dir]);
    expect(swap.code).toBe(1);
    expect(swap.stdout).toMatch(/time-stamp timestamp-1\.tsr: it belongs to another capture/);
  });

  it('captures stamped together: the digest list travels, and OpenSSL verifies the token over it', async () => {
    const dir = await workspace();
    tsa.setMode('down');
    let c: { id: string; manifestSha256: string };
    try {
      c = await capture(dir, '/listing');
      await capture(dir, '/listing?2');
    } finally {
      tsa.setMode('ok');
    }
    expect((await exhibit(['stamp', '--workspace', dir])).code).toBe(0);
    const out = join(tempDir(), 'evidence');
    expect((await exhibit(['export-capture', c.id, out, '--workspace', dir])).code).toBe(0);
    expect(readdirSync(out)).toContain('timestamp-1.list.json');
    const ossl = run('openssl', ['ts', '-verify', '-in', 'timestamp-1.tsr', '-data', 'timestamp-1.list.json', '-CAfile', 'tsa-roots.pem'], out);
    expect(ossl.stdout).toContain('Verification: OK');
    expect(readFileSync(join(out, 'timestamp-1.list.json'), 'utf8')).toContain(c.manifestSha256);
    expect((await exhibit(['verify', out, '--workspace', dir])).code).toBe(0);
  });
});

describe('time in the dossier', () => {
  it('each exhibit states both times; tokens are attached and verify with OpenSSL; exhibit verify checks them', async () => {
    const dir = await workspace();
    const c = await capture(dir, '/listing', '--case', 'Luxe');
    tsa.setMode('down');
    try {
      await capture(dir, '/listing?pending', '--case', 'Luxe');
    } finally {
      tsa.setMode('ok');
    }
    for (const lang of ['en', 'fr']) {
      const pdf = join(tempDir(), `d-${lang}.pdf`);
      const made = await exhibit(['dossier', '--case', 'Luxe', '-o', pdf, '--lang', lang, '--workspace', dir]);
      expect(made.code).toBe(0);
      const text = run('pdftotext', ['-layout', pdf, '-']).stdout.replace(/\s+/g, ' ');
      if (lang === 'en') {
        expect(text).toMatch(/The signed manifest existed no later than \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} UTC — Export Test TSA, serial \w+; \d+\.\d s (before|after) the machine's finish time/);
        expect(text).toContain('Time-stamp pending');
        expect(text).toMatch(/s (behind|ahead of) NTP server 127\.0\.0\.1:\d+/);
        expect(text).toContain('The workspace key was first time-stamped: it existed no later than');
        expect(text).toContain('openssl ts -verify -CAfile tsa-roots.pem -in A-1_timestamp-1.tsr');
        expect(text).toContain(c.manifestSha256);
      } else {
        expect(text).toMatch(/Le manifeste signé existait au plus tard le \d{4}-\d\d-\d\d/);
        expect(text).toContain('Horodatage en attente');
        expect(text).not.toMatch(/existed no later than|Time-stamp pending/);
      }
      const attachments = join(tempDir(), `att-${lang}`);
      mkdirSync(attachments);
      run('pdfdetach', ['-saveall', '-o', attachments, pdf]);
      expect(readdirSync(attachments)).toEqual(expect.arrayContaining(['A-1_timestamp-1.tsr', 'A-1_timestamp-1.list.json', 'tsa-roots.pem']));
      expect(run('openssl', ['ts', '-verify', '-in', 'A-1_timestamp-1.tsr', '-data', 'A-1_timestamp-1.list.json', '-CAfile', 'tsa-roots.pem'], attachments).stdout).toContain('Verification: OK');
      expect(readFileSync(join(attachments, 'A-1_timestamp-1.list.json'), 'utf8')).toContain(c.manifestSha256);
      const verify = await exhibit(['verify', pdf, '--workspace', dir, '--json']);
      expect(verify.code).toBe(0);
      const report = JSON.parse(verify.stdout) as { exhibits: { number: string; checked: string[] }[] };
      expect(report.exhibits.find((x) => x.number === 'A-1')!.checked).toContain('1 time-stamp token(s)');
    }
  });
});
