import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exhibit, type CliResult } from '../helpers/cli.js';
import { startFixtureServer, ROUTES, marketplacePage, type FixtureServer } from '../helpers/fixture-server.js';
import { suiteTempDir, tempDir } from '../helpers/tmp.js';

const root = process.getuid?.() === 0;
const PAGE = readFileSync(new URL('../fixtures/marketplace-pages/amazon-de-listing.html', import.meta.url));
const URL_ = 'https://www.amazon.de/dp/B0TEST1DE1';

/** A refusal as a person reads it: the exit code, the message, and no stack trace. */
function expectRefused(r: CliResult, code: number, message: string | RegExp): void {
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stderr).toMatch(message);
  expect(r.code, r.stderr).toBe(code);
}

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

let ws: string;
let captureId: string;
let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer({ ...ROUTES, '/dp/B0TEST1DE1': marketplacePage('amazon-de-listing') });
  ws = join(suiteTempDir(), 'ws');
  expect((await exhibit(['init', '--workspace', ws, '--investigator', 'Jane Roe'])).code).toBe(0);
  const page = join(suiteTempDir(), 'saved.html');
  writeFileSync(page, PAGE);
  const imported = await exhibit(['import', page, '--url', URL_, '--workspace', ws, '--json']);
  expect(imported.code, imported.stderr).toBe(0);
  captureId = (JSON.parse(imported.stdout) as { id: string }).id;
});
afterAll(async () => {
  await server?.close();
});

describe('bad input gets a message, never a stack trace, and changes nothing', () => {
  it('states the exit codes in exhibit --help and in every command help', async () => {
    for (const args of [['--help'], ['verify', '--help'], ['capture', '--help'], ['help', 'sellers']]) {
      const r = await exhibit(args);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Exit status:\n {2}0 {2}done\n {2}1 {2}an evidence problem[^]*\n {2}2 {2}not done[^]*\n {2}3 {2}an internal error/);
    }
  });

  it('refuses an empty --workspace, an unknown seller status and an over-long investigator name', async () => {
    expectRefused(await exhibit(['sellers', '--workspace', '']), 2, /--workspace: an empty folder name/);
    expectRefused(await exhibit(['log', '--workspace=']), 2, /--workspace: an empty folder name/);
    expectRefused(await exhibit(['sellers', '--status', 'bogus', '--workspace', ws]), 2, /--status bogus: expected one of active, reported, removed/);
    const long = 'x'.repeat(250);
    const fresh = join(tempDir(), 'ws');
    expectRefused(await exhibit(['init', '--workspace', fresh, '--investigator', long]), 2, /--investigator: at most 200 characters \(this one has 250\)\. Nothing was changed\./);
    expect(() => statSync(fresh)).toThrow();
    const db = join(ws, 'exhibit.sqlite');
    const before = sha256(db);
    expectRefused(await exhibit(['settings', '--workspace', ws, '--organisation', long]), 2, /--organisation: at most 200 characters/);
    expect(sha256(db)).toBe(before);
  });

  it('extract and import refuse a device, a pipe, a folder and a file too large before reading it', async () => {
    const dir = tempDir();
    const fifo = join(dir, 'pipe');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const big = join(dir, 'big.html');
    writeFileSync(big, '');
    truncateSync(big, 200 * 1024 * 1024);
    for (const [file, what] of [['/dev/zero', 'a device'], [fifo, 'a pipe'], [dir, 'a folder']] as const) {
      expectRefused(await exhibit(['extract', file, '--url', URL_]), 2, `Cannot read ${file}: it is ${what}, not a regular file.`);
      expectRefused(await exhibit(['import', file, '--url', URL_, '--workspace', ws]), 2, `Cannot read ${file}: it is ${what}, not a regular file. Nothing was imported.`);
    }
    expectRefused(await exhibit(['extract', big, '--url', URL_]), 2, 'it is 200 MiB, more than the 128 MiB this command reads');
    // A gzip bomb is cut at the same limit, once decompressed.
    const bomb = join(dir, 'bomb.html.gz');
    writeFileSync(bomb, spawnSync('gzip', ['-c', big], { maxBuffer: 1 << 30 }).stdout);
    expectRefused(await exhibit(['extract', bomb, '--url', URL_]), 2, 'decompresses to more than the 128 MiB this command reads');
  });

  it('takedown list --csv never writes over a file or into a folder\'s name', async () => {
    expect((await exhibit(['takedown', 'add', 'amazon.de:B0TEST1DE1', '--platform', 'amazon.de', '--workspace', ws])).code).toBe(0);
    const dir = tempDir();
    const pdf = join(dir, 'evidence.pdf');
    writeFileSync(pdf, '%PDF-1.7 precious');
    expectRefused(await exhibit(['takedown', 'list', '--csv', pdf, '--workspace', ws]), 2, `${pdf} already exists; nothing was written`);
    expect(readFileSync(pdf, 'utf8')).toBe('%PDF-1.7 precious');
    expectRefused(await exhibit(['takedown', 'list', '--csv', dir, '--workspace', ws]), 2, `${dir} already exists; nothing was written`);
    expectRefused(await exhibit(['takedown', 'list', '--csv', join(dir, 'no', 'such.csv'), '--workspace', ws]), 2, 'its folder does not exist. Nothing was written.');
    const csv = join(dir, 'reports.csv');
    expect((await exhibit(['takedown', 'list', '--csv', csv, '--workspace', ws])).code).toBe(0);
    expect(readFileSync(csv, 'utf8')).toContain('B0TEST1DE1');
  });

  it('a read-only copy of a workspace can be verified, shown and logged, and is left exactly as it was', async (ctx) => {
    const copy = join(tempDir(), 'ro');
    expect(spawnSync('cp', ['-a', ws, copy]).status).toBe(0);
    const db = join(copy, 'exhibit.sqlite');
    const before = sha256(db);
    // chmod does not stop root: there the copy is made immutable, as read-only media would be.
    const lock = root ? spawnSync('chattr', ['-R', '+i', copy]) : spawnSync('chmod', ['-R', 'a-w', copy]);
    // A file system without the immutable attribute (overlayfs, tmpfs) cannot make a copy read-only for root.
    if (lock.status !== 0) ctx.skip(`cannot make a read-only copy here (${root ? 'chattr +i' : 'chmod a-w'}: ${String(lock.stderr).trim()})`);
    try {
      const verified = await exhibit(['verify', '--workspace', copy]);
      expect(verified.stderr).toBe('');
      expect(verified.code).toBe(0);
      expect(verified.stdout).toContain('OK: nothing altered, nothing missing');
      expect(verified.stdout).toContain('this verification could not be recorded in the custody log: the workspace is read-only');
      for (const args of [['show', captureId], ['log'], ['sellers'], ['listings'], ['search', 'thermoskanne'], ['settings']]) {
        const r = await exhibit([...args, '--workspace', copy]);
        expect(r.stderr, args[0]).toBe('');
        expect(r.code, args[0]).toBe(0);
      }
      expect((await exhibit(['show', captureId, '--workspace', copy])).stdout).toContain(captureId);
      // A command that writes says why it cannot.
      expectRefused(await exhibit(['note', captureId, 'a note', '--workspace', copy]), 2, /Cannot write to .*nothing was changed/);
    } finally {
      if (root) spawnSync('chattr', ['-R', '-i', copy]);
      else spawnSync('chmod', ['-R', 'u+w', copy]);
    }
    expect(sha256(db)).toBe(before);
  });

  it('a damaged database is reported, not a stack trace', async () => {
    for (const damage of ['truncated', 'garbled'] as const) {
      const copy = join(tempDir(), damage);
      expect(spawnSync('cp', ['-a', ws, copy]).status).toBe(0);
      const db = join(copy, 'exhibit.sqlite');
      const size = statSync(db).size;
      if (damage === 'truncated') truncateSync(db, Math.floor(size / 3));
      else {
        const fd = openSync(db, 'r+');
        writeSync(fd, Buffer.alloc(size - 8192, 0xa5), 0, size - 8192, 4096);
        closeSync(fd);
      }
      for (const args of [['verify'], ['log'], ['show', captureId]]) {
        const r = await exhibit([...args, '--workspace', copy]);
        expectRefused(r, 2, /database .*(cannot be read|damaged|not a database)/);
      }
    }
  });

  it('a disk that fills during a capture gets a message, and the workspace stays sound', async (ctx) => {
    const mount = tempDir();
    // A full disk is made with a 3 MB tmpfs: that takes root (or a container allowed to mount).
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', mount], { encoding: 'utf8' });
    if (mounted.status !== 0) ctx.skip(`cannot mount a small tmpfs to fill (needs root): ${(mounted.stderr || String(mounted.error ?? '')).trim()}`);
    try {
      const small = join(mount, 'ws');
      expect((await exhibit(['init', '--workspace', small])).code).toBe(0);
      // Leave 40 KB: less than a screenshot.
      const avail = Number(spawnSync('df', ['-k', '--output=avail', mount], { encoding: 'utf8' }).stdout.trim().split('\n')[1]);
      writeFileSync(join(mount, 'filler'), Buffer.alloc((avail - 40) * 1024));
      const r = await exhibit(['capture', '--workspace', small, server.url('/dp/B0TEST1DE1')]);
      expect(r.stderr).not.toMatch(/^\s+at /m);
      expect(r.stderr).toMatch(/disk is full|ENOSPC|no space/i);
      expect(r.code).not.toBe(0);
      spawnSync('rm', [join(mount, 'filler')]);
      const verified = await exhibit(['verify', '--workspace', small]);
      expect(verified.code, verified.stdout).toBe(0);
    } finally {
      spawnSync('umount', [mount]);
    }
  }, 120_000);
});

describe('--json output', () => {
  it('refuses in JSON too', async () => {
    const r = await exhibit(['sellers', '--status', 'bogus', '--workspace', ws, '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toEqual({ error: { kind: 'usage', message: expect.stringContaining('--status bogus') as unknown } });
  });
});
