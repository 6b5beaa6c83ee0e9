import { copyFileSync, cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { custodyEntryHash, readCustodyLog, type CustodyEntry } from '../../../electron/core/workspace/custody.js';
import { verifyWorkspace } from '../../../electron/core/workspace/verify/verify-workspace.js';
import type { VerifyReport } from '../../../electron/core/workspace/verify/report.js';
import { MIGRATIONS } from '../../../electron/core/workspace/migrations/index.js';
import { Workspace } from '../../../electron/core/workspace/workspace.js';
import { exhibit, sqliteCli } from '../../helpers/cli.js';
import { suiteTempDir } from '../../helpers/tmp.js';
import { newWorkspace, sampleCapture } from '../../helpers/workspace.js';

/*
 * Whoever has the database file but not the workspace's private key can
 * delete rows and recompute every hash of the chain; the signed head and the
 * entries' signatures are what they cannot make match again.
 */

let base: string;
let log: CustodyEntry[];

beforeAll(async () => {
  const ws = await newWorkspace(undefined, 'suite');
  for (let n = 0; n < 3; n++) await sampleCapture(ws, n);
  await ws.logEvent({ action: 'export.made', subject: null, details: { file: 'x.pdf' } });
  log = await readCustodyLog(ws.db);
  const clean = await verifyWorkspace(ws);
  expect(clean.problems).toEqual([]);
  expect(clean.notices.filter((n) => /anchored/.test(n))).toEqual([]);
  await ws.close();
  base = ws.dir;
});

let copies = 0;

async function verifyCopy(tamper: (database: string) => void): Promise<{ dir: string; report: VerifyReport }> {
  const dir = join(suiteTempDir(), `copy-${++copies}`);
  cpSync(base, dir, { recursive: true });
  tamper(join(dir, 'exhibit.sqlite'));
  const opened = await Workspace.open(dir);
  if (!opened.ok) throw new Error(opened.error.kind);
  try {
    return { dir, report: await verifyWorkspace(opened.value) };
  } finally {
    await opened.value.close();
  }
}

function sql(database: string, text: string): void {
  const r = sqliteCli(database, text);
  expect(r.stderr).toBe('');
}

const q = (s: string | null) => (s === null ? 'NULL' : `'${s.replace(/'/g, "''")}'`);

/** The log from entry `from` on rewritten by `edit`, every hash after it recomputed, as an attacker without the key would. */
function recomputeFrom(database: string, from: number, edit: (e: CustodyEntry) => CustodyEntry): void {
  let prev = log[from - 2]!.hash;
  const updates: string[] = ['DROP TRIGGER custody_log_no_update;'];
  for (const original of log.filter((e) => e.seq >= from)) {
    const changed = { ...(original.seq === from ? edit(original) : original), prevHash: prev };
    const hash = custodyEntryHash(changed);
    updates.push(`UPDATE custody_log SET at = ${q(changed.at)}, details = ${q(changed.details)}, investigator = ${q(changed.investigator)}, prev_hash = ${q(prev)}, hash = ${q(hash)} WHERE seq = ${changed.seq};`);
    prev = hash;
  }
  sql(database, updates.join('\n'));
}

describe('the signed head of the custody log', () => {
  it('the end of the log cut off, sqlite_sequence lowered with it: found, and exhibit verify exits 1', async () => {
    const last = log.length;
    const { dir, report } = await verifyCopy((db) =>
      sql(db, `DROP TRIGGER custody_log_no_delete; DELETE FROM custody_log WHERE seq > ${last - 2}; UPDATE sqlite_sequence SET seq = ${last - 2} WHERE name = 'custody_log';`),
    );
    expect(report.problems).toContainEqual({ area: 'custody', where: `custody entry #${last - 1}–#${last}`, message: `missing: cut from the end of the log (the signed head names entry #${last}, the log ends at #${last - 2})` });
    const cli = await exhibit(['verify', '--workspace', dir]);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain(`custody entry #${last - 1}–#${last}: missing: cut from the end of the log`);
  });

  it('the cut covered up by pointing the head at the new end, with that entry’s own signature: the head is not signed', async () => {
    const last = log.length;
    const { report } = await verifyCopy((db) =>
      sql(
        db,
        `DROP TRIGGER custody_log_no_delete; DELETE FROM custody_log WHERE seq > ${last - 2}; UPDATE sqlite_sequence SET seq = ${last - 2} WHERE name = 'custody_log';
         UPDATE custody_head SET seq = ${last - 2}, hash = '${log[last - 3]!.hash}', signature = (SELECT signature FROM custody_signatures WHERE seq = ${last - 2});`,
      ),
    );
    expect(report.problems).toContainEqual(expect.objectContaining({ where: 'custody log head', message: expect.stringMatching(/not signed by the workspace key/) as unknown }));
  });

  it('an entry edited and the whole chain after it recomputed: the edited entry is named', async () => {
    const { report } = await verifyCopy((db) => recomputeFrom(db, 4, (e) => ({ ...e, investigator: 'Someone Else' })));
    // The chain itself holds: only the signatures show it.
    expect(report.problems.filter((p) => /chain broken|altered/.test(p.message))).toEqual([]);
    expect(report.problems).toContainEqual(expect.objectContaining({ area: 'custody', where: 'custody entry #4', message: expect.stringMatching(/^rewritten: the log from here on was recomputed/) as unknown }));
  });

  it('an entry backdated and the chain recomputed: found at that entry', async () => {
    const { report } = await verifyCopy((db) => recomputeFrom(db, 6, (e) => ({ ...e, at: '2020-01-01T00:00:00.000Z' })));
    expect(report.problems).toContainEqual(expect.objectContaining({ where: 'custody entry #6', message: expect.stringMatching(/^rewritten/) as unknown }));
  });

  it('an entry appended with a valid hash but without the key: found', async () => {
    const last = log[log.length - 1]!;
    const forged = { seq: last.seq + 1, at: '2026-12-01T00:00:00.000Z', investigator: 'Jane Roe', osUser: 'jane', action: 'export.made', subject: null, details: '{}', prevHash: last.hash };
    const { report } = await verifyCopy((db) =>
      sql(db, `INSERT INTO custody_log (seq, at, investigator, os_user, action, subject, details, prev_hash, hash) VALUES (${forged.seq}, '${forged.at}', 'Jane Roe', 'jane', 'export.made', NULL, '{}', '${last.hash}', '${custodyEntryHash(forged)}');`),
    );
    expect(report.problems).toContainEqual(expect.objectContaining({ where: `custody entry #${forged.seq}`, message: expect.stringMatching(/added without the workspace key/) as unknown }));
  });

  it('the head record emptied or deleted: found', async () => {
    const emptied = await verifyCopy((db) => sql(db, 'UPDATE custody_head SET seq = NULL, hash = NULL, signature = NULL;'));
    expect(emptied.report.problems).toContainEqual(expect.objectContaining({ where: 'custody log head', message: expect.stringMatching(/it was reset/) as unknown }));
    // Made to look like a workspace from before signing: this one was created signed.
    const disguised = await verifyCopy((db) => sql(db, `UPDATE custody_head SET seq = NULL, hash = NULL, signature = NULL, anchored_from = ${log.length + 1};`));
    expect(disguised.report.problems).toContainEqual(expect.objectContaining({ where: 'custody log head', message: expect.stringMatching(/signed its log from its first entry: the record was reset/) as unknown }));
    const deleted = await verifyCopy((db) => sql(db, 'DELETE FROM custody_head;'));
    expect(deleted.report.problems).toContainEqual(expect.objectContaining({ where: 'custody log head', message: expect.stringMatching(/gone/) as unknown }));
  });
});

describe('the copy of the head outside the database', () => {
  it('the database rolled back to an older copy, its signed head with it: found through custody-head.json', async () => {
    const dir = join(suiteTempDir(), `copy-${++copies}`);
    cpSync(base, dir, { recursive: true });
    const database = join(dir, 'exhibit.sqlite');
    const older = join(suiteTempDir(), `older-${copies}.sqlite`);
    copyFileSync(database, older);
    let opened = await Workspace.open(dir);
    if (!opened.ok) throw new Error(opened.error.kind);
    await sampleCapture(opened.value, 7);
    await opened.value.close();
    // The database put back as it was before the capture; custody-head.json stays.
    copyFileSync(older, database);
    for (const side of ['-wal', '-shm']) if (existsSync(database + side)) rmSync(database + side);
    opened = await Workspace.open(dir);
    if (!opened.ok) throw new Error(opened.error.kind);
    const report = await verifyWorkspace(opened.value);
    await opened.value.close();
    expect(report.problems).toEqual([
      expect.objectContaining({ area: 'custody', where: expect.stringMatching(/^custody entry #/) as unknown, message: expect.stringMatching(/cut from the end of the log, and the database's signed head rolled back with it/) as unknown }),
    ]);
    const cli = await exhibit(['verify', '--workspace', dir]);
    expect(cli.code).toBe(1);
  });

  it('custody-head.json deleted, or forged: found', async () => {
    const deleted = await verifyCopy((db) => rmSync(join(db, '..', 'custody-head.json')));
    expect(deleted.report.problems).toEqual([expect.objectContaining({ where: 'custody-head.json', message: expect.stringMatching(/^missing/) as unknown })]);
    const forged = await verifyCopy((db) => {
      const path = join(db, '..', 'custody-head.json');
      const a = JSON.parse(readFileSync(path, 'utf8')) as { seq: number };
      writeFileSync(path, JSON.stringify({ ...a, seq: a.seq + 5 }));
    });
    expect(forged.report.problems).toEqual([expect.objectContaining({ where: 'custody-head.json', message: expect.stringMatching(/not signed by the workspace key/) as unknown })]);
  });
});

describe('a workspace made before the head was signed', () => {
  it('verifies clean with a notice, and is anchored from its next entry on', async () => {
    // As an earlier Exhibit left it: schema 5, no head, no signatures, a genesis entry naming schema 5.
    const ws = await newWorkspace();
    await sampleCapture(ws, 1);
    const entries = await readCustodyLog(ws.db);
    await ws.close();
    const genesis = entries[0]!;
    const details = JSON.stringify({ ...(JSON.parse(genesis.details) as object), schemaVersion: 5 });
    recomputeAll(ws.layout.database, entries, { ...genesis, details: canonical(details) });
    // Every table a later migration made goes, last made first, so that opening it migrates from 5 as it would.
    // (Indexes a later migration put on an earlier table go too: dropping its own tables takes only theirs.)
    const later = MIGRATIONS.filter((m) => m.version > 5).flatMap((m) => [...m.sql.matchAll(/CREATE (TABLE|INDEX) (\w+)/g)].map((r) => `DROP ${r[1]!} IF EXISTS ${r[2]!};`));
    sql(ws.layout.database, `${later.reverse().join(' ')} PRAGMA user_version = 5;`);
    rmSync(ws.layout.custodyHead);

    let opened = await Workspace.open(ws.dir);
    if (!opened.ok) throw new Error(opened.error.kind);
    const before = await verifyWorkspace(opened.value);
    expect(before.problems).toEqual([]);
    expect(before.ok).toBe(true);
    expect(before.notices).toContainEqual(expect.stringMatching(new RegExp(`^the custody log is not anchored before entry #${entries.length + 1}`)));
    await opened.value.logEvent({ action: 'export.made', subject: null, details: {} });
    await opened.value.close();

    opened = await Workspace.open(ws.dir);
    if (!opened.ok) throw new Error(opened.error.kind);
    const after = await verifyWorkspace(opened.value);
    expect(after.problems).toEqual([]);
    expect(after.notices).toContainEqual(expect.stringMatching(new RegExp(`^the custody log is not anchored before entry #${entries.length + 1}`)));
    await opened.value.close();
    // And from then on a cut end is found as in any other workspace.
    sql(ws.layout.database, `DROP TRIGGER custody_log_no_delete; DELETE FROM custody_log WHERE seq = ${entries.length + 1}; UPDATE sqlite_sequence SET seq = ${entries.length} WHERE name = 'custody_log';`);
    opened = await Workspace.open(ws.dir);
    if (!opened.ok) throw new Error(opened.error.kind);
    const cut = await verifyWorkspace(opened.value);
    expect(cut.problems).toContainEqual(expect.objectContaining({ where: `custody entry #${entries.length + 1}`, message: expect.stringMatching(/^missing: cut from the end/) as unknown }));
    await opened.value.close();
  });
});

function canonical(json: string): string {
  const o = JSON.parse(json) as Record<string, unknown>;
  return JSON.stringify(Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]])));
}

function recomputeAll(database: string, entries: CustodyEntry[], first: CustodyEntry): void {
  let prev = '0'.repeat(64);
  const updates: string[] = ['DROP TRIGGER custody_log_no_update;'];
  for (const original of entries) {
    const e = { ...(original.seq === 1 ? first : original), prevHash: prev };
    const hash = custodyEntryHash(e);
    updates.push(`UPDATE custody_log SET details = ${q(e.details)}, prev_hash = ${q(prev)}, hash = ${q(hash)} WHERE seq = ${e.seq};`);
    prev = hash;
  }
  // Put the guard back, as the earlier Exhibit had it.
  updates.push("CREATE TRIGGER custody_log_no_update BEFORE UPDATE ON custody_log BEGIN SELECT RAISE(ABORT, 'the custody log is append-only'); END;");
  sql(database, updates.join('\n'));
}
