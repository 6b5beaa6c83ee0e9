import { spawn } from 'node:child_process';
import { chmodSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXHIBIT_BIN, exhibit, sqliteCli } from '../helpers/cli.js';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { startSntpServer } from '../helpers/sntp-server.js';
import { snapshot } from '../helpers/snapshot.js';
import { useLocalTime } from '../helpers/local-time.js';
import { suiteTempDir, tempDir } from '../helpers/tmp.js';
import { startTsa, type Tsa } from '../helpers/tsa.mjs';

let server: FixtureServer;
let tsa: Tsa;
let sntp: Awaited<ReturnType<typeof startSntpServer>>;

beforeAll(async () => {
  [server, tsa, sntp] = await Promise.all([startFixtureServer(), startTsa({ name: 'CLI Test TSA' }), startSntpServer({ offsetMs: 5000 })]);
});
afterAll(async () => {
  await Promise.all([server?.close(), tsa?.close(), sntp?.close()]);
});

interface StampJson {
  status: string;
  authority: string | null;
  genTime: string | null;
  serial: string | null;
}

/** A workspace that asks only the local authority and the local NTP server (5 s ahead of this machine). */
async function workspace(): Promise<string> {
  const dir = join(tempDir(), 'ws');
  const init = await exhibit(['init', '--workspace', dir, '--investigator', 'Jane Roe', '--json']);
  expect(init.code).toBe(0);
  // The default authorities are on the internet: not reachable here, so the key's stamp is pending.
  expect((JSON.parse(init.stdout) as { keyTimestamps: StampJson[] }).keyTimestamps).toEqual([expect.objectContaining({ status: 'pending' })]);
  await useLocalTime(dir, { tsa, name: 'CLI Test TSA', ntp: sntp.address });
  return dir;
}

describe('exhibit tsa', () => {
  it('lists, adds and removes authorities; refuses what is not http(s) and changes nothing', async () => {
    const dir = await workspace();
    const list = await exhibit(['tsa', 'list', '--workspace', dir, '--json']);
    const shown = JSON.parse(list.stdout) as { url: string; name: string; roots: { subject: string; sha256: string }[] }[];
    expect(shown).toEqual([{ url: tsa.url, name: 'CLI Test TSA', minIntervalMs: 0, addedAt: expect.any(String) as unknown, roots: [{ subject: expect.stringContaining('CLI Test TSA Root CA') as unknown, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown }] }]);
    const before = snapshot(dir);
    for (const bad of ['ftp://tsa.example.com/', 'file:///etc/passwd', 'not a url', 'https://user:pw@tsa.example.com/']) {
      const r = await exhibit(['tsa', 'add', bad, '--workspace', dir]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/Not a time-stamping authority's address.*Nothing was changed/s);
    }
    const notPem = join(tempDir(), 'x.pem');
    writeFileSync(notPem, 'hello');
    expect((await exhibit(['tsa', 'add', 'https://tsa.example.com/', '--root', notPem, '--workspace', dir])).stderr).toMatch(/no PEM certificate/);
    expect((await exhibit(['tsa', 'remove', 'https://nowhere.example/', '--workspace', dir])).code).toBe(2);
    expect(snapshot(dir)).toEqual(before);
    const log = JSON.parse((await exhibit(['log', '--workspace', dir, '--json'])).stdout) as { action: string }[];
    expect(log.filter((e) => e.action.startsWith('tsa.')).map((e) => e.action)).toEqual(['tsa.removed', 'tsa.removed', 'tsa.added']);
  });
});

describe('time-stamps through the command line', () => {
  it('a capture is stamped before capture exits; show states both times and the clock check', async () => {
    const dir = await workspace();
    const r = await exhibit(['capture', server.url('/listing'), '--workspace', dir, '--json']);
    expect(r.code).toBe(0);
    const [c] = JSON.parse(r.stdout) as { id: string; finishedAt: string; timestamps: StampJson[] }[];
    expect(c!.timestamps).toEqual([{ status: 'stamped', name: 'timestamp-1.tsr', authority: 'CLI Test TSA', authorityUrl: tsa.url, genTime: expect.any(String) as unknown, serial: expect.any(String) as unknown }]);
    expect(Date.parse(c!.timestamps[0]!.genTime!)).toBeGreaterThanOrEqual(Date.parse(c!.finishedAt) - 2000);

    const show = await exhibit(['show', c!.id, '--workspace', dir]);
    expect(show.stdout).toMatch(/Time-stamp\s+existed no later than \S+Z \(CLI Test TSA, serial \w+; \d+\.\d s (before|after) the machine's finish time\) timestamp-1\.tsr/);
    expect(show.stdout).toMatch(/the capturing machine's clock, \d\.\d{3} s behind 127\.0\.0\.1:\d+ by NTP/);
    expect(show.stdout).toMatch(/Warning: the machine's clock was 5\.\d s behind 127\.0\.0\.1:\d+ \(NTP\)/);
    const json = JSON.parse((await exhibit(['show', c!.id, '--workspace', dir, '--json'])).stdout) as { timestamps: StampJson[]; manifest: { provenance: { environment: { timeSource: { check: { status: string; offsetMs: number }; warning: string } } } } };
    expect(json.timestamps[0]!.status).toBe('stamped');
    const timeSource = json.manifest.provenance.environment.timeSource;
    expect(timeSource.check.status).toBe('checked');
    expect(timeSource.check.offsetMs).toBeGreaterThan(4900);
    expect(timeSource.warning).toMatch(/5\.\d s behind/);
    expect((await exhibit(['verify', '--workspace', dir])).code).toBe(0);
  });

  it('authority down: the capture goes on, says pending everywhere; exhibit stamp stamps it later', async () => {
    const dir = await workspace();
    tsa.setMode('down');
    try {
      const r = await exhibit(['capture', server.url('/listing'), '--workspace', dir, '--json']);
      expect(r.code).toBe(0);
      const [c] = JSON.parse(r.stdout) as { id: string; outcome: string; timestamps: StampJson[] }[];
      expect(c!.outcome).toBe('complete');
      expect(c!.timestamps).toEqual([expect.objectContaining({ status: 'pending' })]);
      const show = await exhibit(['show', c!.id, '--workspace', dir]);
      expect(show.stdout).toMatch(/Time-stamp\s+time-stamp pending/);
      expect(show.stdout).not.toMatch(/existed no later than/);
      const verify = await exhibit(['verify', '--workspace', dir]);
      expect(verify.code).toBe(0);
      expect(verify.stdout).toMatch(/time-stamp\(s\) pending/);
      const stillDown = await exhibit(['stamp', '--workspace', dir]);
      expect(stillDown.code).toBe(2);
      expect(stillDown.stderr).toMatch(/connection refused/);
      tsa.setMode('ok');
      const stamp = await exhibit(['stamp', '--workspace', dir, '--json']);
      expect(stamp.code).toBe(0);
      expect(JSON.parse(stamp.stdout)).toMatchObject({ stamped: 2, pending: 0 });
      const after = JSON.parse((await exhibit(['show', c!.id, '--workspace', dir, '--json'])).stdout) as { timestamps: StampJson[] };
      expect(after.timestamps).toEqual([expect.objectContaining({ status: 'stamped', authority: 'CLI Test TSA' })]);
      expect((await exhibit(['verify', '--workspace', dir])).code).toBe(0);
    } finally {
      tsa.setMode('ok');
    }
  });

  it('an authority that hangs does not hold the capture: it is stored, and the command ends within the bound', async () => {
    const dir = await workspace();
    tsa.setMode('hang');
    try {
      const t0 = Date.now();
      const r = await exhibit(['capture', server.url('/listing'), '--workspace', dir, '--json']);
      expect(r.code).toBe(0);
      expect(Date.now() - t0).toBeLessThan(25_000);
      const [c] = JSON.parse(r.stdout) as { outcome: string; timestamps: StampJson[] }[];
      expect(c!.outcome).toBe('complete');
      expect(c!.timestamps[0]!.status).toBe('pending');
    } finally {
      tsa.setMode('ok');
    }
  });

  it('SIGKILL while stamping leaves no half-recorded token; the stamp is retried and verifies', async () => {
    const dir = await workspace();
    tsa.setMode('down');
    for (let i = 0; i < 3; i++) expect((await exhibit(['capture', server.url('/listing'), '--workspace', dir])).code).toBe(0);
    tsa.setMode('ok');
    // Kill `exhibit stamp` at moments spread over its run: before, during and after the authority answers.
    for (const delay of [150, 300, 450, 600, 800, 1000]) {
      const child = spawn(process.execPath, [EXHIBIT_BIN, 'stamp', '--workspace', dir], { stdio: 'ignore' });
      const closed = new Promise((r) => child.on('close', r));
      await new Promise((r) => setTimeout(r, delay));
      child.kill('SIGKILL');
      await closed;
      const verify = await exhibit(['verify', '--workspace', dir, '--json']);
      expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, problems: [] });
      // Every token row has its custody entry, and a request is done exactly when it has tokens.
      const rows = sqliteCli(join(dir, 'exhibit.sqlite'), "SELECT (SELECT COUNT(*) FROM timestamps) || ' ' || (SELECT COUNT(*) FROM custody_log WHERE action IN ('capture.stamped','key.stamped')) || ' ' || (SELECT COUNT(*) FROM stamp_requests r WHERE (done_at IS NULL) = EXISTS (SELECT 1 FROM timestamps t WHERE t.subject = r.subject))").stdout.trim().split(' ').map(Number);
      expect(rows[0]).toBe(rows[1]);
      expect(rows[2]).toBe(0);
    }
    const finish = await exhibit(['stamp', '--workspace', dir]);
    expect(finish.code).toBe(0);
    const names = sqliteCli(join(dir, 'exhibit.sqlite'), "SELECT subject || ':' || name FROM timestamps ORDER BY 1").stdout.trim().split('\n');
    expect(new Set(names).size).toBe(names.length);
    expect(names).toHaveLength(4);
    expect((await exhibit(['verify', '--workspace', dir])).code).toBe(0);
  });
});

describe('exhibit verify finds every tampered token', () => {
  // One stamped pair is captured once; each tamper works on its own copy of that workspace folder.
  let original: Promise<{ dir: string; ids: string[] }> | undefined;
  async function capturePair(): Promise<{ dir: string; ids: string[] }> {
    const dir = await workspace();
    const r = await exhibit(['capture', server.url('/listing'), server.url('/listing?b'), '--workspace', dir, '--json']);
    const ids = (JSON.parse(r.stdout) as { id: string }[]).map((c) => c.id);
    expect((await exhibit(['verify', '--workspace', dir])).code).toBe(0);
    const kept = join(suiteTempDir(), 'ws');
    cpSync(dir, kept, { recursive: true });
    return { dir: kept, ids };
  }
  async function stampedPair(): Promise<{ dir: string; ids: string[] }> {
    original ??= capturePair();
    const { dir: from, ids } = await original;
    const dir = join(tempDir(), 'ws');
    cpSync(from, dir, { recursive: true });
    return { dir, ids };
  }
  const db = (dir: string) => join(dir, 'exhibit.sqlite');

  it('a forged token (one byte changed in the stored token): exit 1, located', async () => {
    const { dir, ids } = await stampedPair();
    const sha = sqliteCli(db(dir), `SELECT token_sha256 FROM timestamps WHERE subject = '${ids[0]}'`).stdout.trim();
    const path = join(dir, 'objects', sha.slice(0, 2), sha);
    const bytes = readFileSync(path);
    bytes[bytes.length - 10] = bytes[bytes.length - 10]! ^ 0xff;
    chmodSync(path, 0o644);
    writeFileSync(path, bytes);
    const r = await exhibit(['verify', '--workspace', dir, '--json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { problems: { area: string; where: string; message: string }[] };
    expect(report.problems).toContainEqual({ area: 'timestamp', where: `capture ${ids[0]} time-stamp timestamp-1.tsr`, message: expect.stringMatching(/altered/) as unknown });
  });

  it("another capture's token filed under this one: exit 1, the capture named", async () => {
    const { dir, ids } = await stampedPair();
    sqliteCli(
      db(dir),
      `INSERT INTO timestamps (subject_kind, subject, name, authority_url, authority_name, token_sha256, imprint, subject_imprint, batch_sha256, nonce, gen_time, serial, stamped_at)
       SELECT subject_kind, '${ids[1]}', 'timestamp-2.tsr', authority_url, authority_name, token_sha256, imprint, subject_imprint, batch_sha256, nonce, gen_time, serial, stamped_at FROM timestamps WHERE subject = '${ids[0]}'`,
    );
    const r = await exhibit(['verify', '--workspace', dir, '--json']);
    expect(r.code).toBe(1);
    const problems = (JSON.parse(r.stdout) as { problems: { where: string; message: string }[] }).problems.filter((p) => p.where === `capture ${ids[1]} time-stamp timestamp-2.tsr`);
    expect(problems.map((p) => p.message)).toEqual(expect.arrayContaining([expect.stringMatching(/custody log has no record/), expect.stringMatching(/made for another document/)]));
  });

  it('a root slipped into the authority table: exit 1, the authority named', async () => {
    const { dir } = await stampedPair();
    const other = await startTsa({ name: 'Rogue' });
    try {
      sqliteCli(db(dir), `UPDATE time_authorities SET roots = roots || '${other.rootPem}' WHERE url = '${tsa.url}'`);
      const r = await exhibit(['verify', '--workspace', dir, '--json']);
      expect(r.code).toBe(1);
      expect((JSON.parse(r.stdout) as { problems: { where: string; message: string }[] }).problems).toContainEqual({ area: 'timestamp', where: `time-stamping authority ${tsa.url}`, message: expect.stringMatching(/custody log records no one adding it/) as unknown });
    } finally {
      await other.close();
    }
  });

  it('the trusted root replaced (the token no longer chains to a trusted root): exit 1 on every token', async () => {
    const { dir, ids } = await stampedPair();
    const other = await startTsa({ name: 'Rogue' });
    try {
      sqliteCli(db(dir), `UPDATE time_authorities SET roots = '${other.rootPem}' WHERE url = '${tsa.url}'`);
      const r = await exhibit(['verify', '--workspace', dir, '--json']);
      expect(r.code).toBe(1);
      const problems = (JSON.parse(r.stdout) as { problems: { where: string; message: string }[] }).problems;
      expect(problems).toContainEqual({ area: 'timestamp', where: `capture ${ids[0]} time-stamp timestamp-1.tsr`, message: expect.stringMatching(/untrusted/) as unknown });
    } finally {
      await other.close();
    }
  });

  it('a token row deleted (its trigger dropped): exit 1', async () => {
    const { dir, ids } = await stampedPair();
    sqliteCli(db(dir), `DROP TRIGGER timestamps_no_delete; DELETE FROM timestamps WHERE subject = '${ids[1]}';`);
    const r = await exhibit(['verify', '--workspace', dir, '--json']);
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as { problems: { where: string; message: string }[] }).problems).toContainEqual({ area: 'timestamp', where: `capture ${ids[1]} time-stamp timestamp-1.tsr`, message: expect.stringMatching(/gone from the database/) as unknown });
  });
});
