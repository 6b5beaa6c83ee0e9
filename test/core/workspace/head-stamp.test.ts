import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stampPending } from '../../../electron/core/timestamp/stamper.js';
import { ANCHOR_FORMAT } from '../../../electron/core/workspace/custody-anchor.js';
import { custodyEntryHash, custodySigningText, readCustodyLog } from '../../../electron/core/workspace/custody.js';
import { addAuthority, listAuthorities, removeAuthority, timestampsOf } from '../../../electron/core/workspace/timestamps.js';
import { verifyWorkspace } from '../../../electron/core/workspace/verify/verify-workspace.js';
import type { Workspace } from '../../../electron/core/workspace/workspace.js';
import { exhibit, sqliteCli } from '../../helpers/cli.js';
import { startTsa, type Tsa } from '../../helpers/tsa.mjs';
import { newWorkspace, sampleCapture } from '../../helpers/workspace.js';

/*
 * Each stamping pass stamps a digest list that names the custody log's
 * signed head of the moment. Whoever holds the workspace key can recompute
 * the log and re-sign its entries, its head and custody-head.json; the
 * authority's token still names the old hash.
 */

let tsa: Tsa;
beforeAll(async () => {
  tsa = await startTsa({ name: 'Head Stamp TSA' });
});
afterAll(async () => {
  await tsa.close();
});

async function stampingWorkspace(): Promise<Workspace> {
  const ws = await newWorkspace();
  for (const a of await listAuthorities(ws.db)) await removeAuthority(ws.db, a.url);
  expect((await addAuthority(ws.db, { url: tsa.url, rootPem: tsa.rootPem })).ok).toBe(true);
  return ws;
}

const q = (s: string | null) => (s === null ? 'NULL' : `'${s.replace(/'/g, "''")}'`);

describe('the custody head, time-stamped with the captures', () => {
  it('a pass stamps a digest list naming the signed head; verify shows the head file and the stamped head', async () => {
    const ws = await stampingWorkspace();
    const c = await sampleCapture(ws, 1);
    const headBefore = (await readCustodyLog(ws.db)).at(-1)!;
    expect(await stampPending(ws)).toMatchObject({ stamped: 2, pending: 0 });
    const [t] = await timestampsOf(ws.db, 'capture', c.id);
    const list = JSON.parse((await ws.store.read(t!.batchSha256!)).toString('utf8')) as { custodyHead: { seq: number; hash: string }; imprints: { subject: string }[] };
    expect(list.custodyHead).toEqual({ seq: headBefore.seq, hash: headBefore.hash });
    expect(list.imprints.map((i) => i.subject)).toContain(c.id);
    // The stamp's custody entry says which head it covers.
    const stampedEntry = (await readCustodyLog(ws.db, { subject: c.id })).find((e) => e.action === 'capture.stamped')!;
    expect(JSON.parse(stampedEntry.details!)).toMatchObject({ custodyHead: { seq: headBefore.seq, hash: headBefore.hash } });

    await sampleCapture(ws, 2); // the log goes on past the stamped head
    const report = await verifyWorkspace(ws);
    expect(report.problems).toEqual([]);
    expect(report.stampedHead).toMatchObject({ seq: headBefore.seq, hash: headBefore.hash, authorityUrl: tsa.url });
    expect(report.custodyAnchor).toEqual({ seq: report.chainHead!.seq, hash: report.chainHead!.hash });
    expect(report.notices.join('\n')).toContain(`time-stamped up to entry #${headBefore.seq}`);
    await ws.close();

    const cli = await exhibit(['verify', '--workspace', ws.dir]);
    expect(cli.code).toBe(0);
    expect(cli.stdout).toMatch(new RegExp(`Head file\\s+custody-head\\.json names #${report.chainHead!.seq} `));
    expect(cli.stdout).toMatch(new RegExp(`Head stamped\\s+#${headBefore.seq} ${headBefore.hash} by ${tsa.url.replace(/[.]/g, '\\.')} at `));
  });

  it('the log recomputed from an earlier entry and re-signed with the workspace key: only the stamp finds it, located, exit 1', async () => {
    const ws = await stampingWorkspace();
    await sampleCapture(ws, 3);
    const stampedSeq = (await readCustodyLog(ws.db)).at(-1)!.seq;
    await stampPending(ws);
    await sampleCapture(ws, 4);
    expect((await verifyWorkspace(ws)).problems).toEqual([]);
    const log = await readCustodyLog(ws.db);
    const from = 3;
    expect(from).toBeLessThan(stampedSeq);

    // The attacker: entry #3 backdated, every hash from it recomputed, every
    // signature and the head signed again with the workspace's own key.
    let prev = log[from - 2]!.hash;
    const sql: string[] = ['DROP TRIGGER custody_log_no_update; DROP TRIGGER custody_signatures_no_update;'];
    for (const original of log.filter((e) => e.seq >= from)) {
      const changed = { ...original, ...(original.seq === from ? { at: '2020-01-01T00:00:00.000Z' } : {}), prevHash: prev };
      const hash = custodyEntryHash(changed);
      sql.push(`UPDATE custody_log SET at = ${q(changed.at)}, prev_hash = ${q(prev)}, hash = ${q(hash)} WHERE seq = ${changed.seq};`);
      sql.push(`UPDATE custody_signatures SET signature = ${q(ws.key.sign(custodySigningText('entry', changed.seq, hash)))} WHERE seq = ${changed.seq};`);
      prev = hash;
    }
    const last = log.at(-1)!.seq;
    const headSignature = ws.key.sign(custodySigningText('head', last, prev));
    sql.push(`UPDATE custody_head SET seq = ${last}, hash = ${q(prev)}, signature = ${q(headSignature)};`);
    await ws.close();
    const database = join(ws.dir, 'exhibit.sqlite');
    // ...and the append-only guards put back as they were.
    const guards = sqliteCli(database, "SELECT sql || ';' FROM sqlite_master WHERE name IN ('custody_log_no_update', 'custody_signatures_no_update')").stdout;
    expect(guards).toMatch(/custody_signatures_no_update/);
    sql.push(guards);
    const r = sqliteCli(database, sql.join('\n'));
    expect(r.stderr).toBe('');
    const anchorPath = join(ws.dir, 'custody-head.json');
    expect(JSON.parse(readFileSync(anchorPath, 'utf8'))).toMatchObject({ format: ANCHOR_FORMAT, seq: last });
    writeFileSync(anchorPath, `${JSON.stringify({ format: ANCHOR_FORMAT, seq: last, hash: prev, signature: headSignature }, null, 1)}\n`);

    const cli = await exhibit(['verify', '--workspace', ws.dir, '--json']);
    expect(cli.code).toBe(1);
    const report = JSON.parse(cli.stdout) as { problems: { area: string; where: string; message: string }[] };
    // Chain, signatures, head and head file all hold: the workspace key made them.
    expect(report.problems.filter((p) => /chain broken|not signed|no longer has the hash the workspace key signed/.test(p.message))).toEqual([]);
    expect(report.problems).toContainEqual({
      area: 'custody',
      where: `custody entry #${stampedSeq}`,
      message: expect.stringMatching(/^rewritten: the log was recomputed at or before this entry; time-stamp token [0-9a-f]{12}… \([^,]+ time-stamp timestamp-1\.tsr, http:\/\/127\.0\.0\.1:\d+\S*, \S+\) vouches for hash/) as unknown,
    });
    const text = await exhibit(['verify', '--workspace', ws.dir]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(`✗ custody entry #${stampedSeq}: rewritten: the log was recomputed`);
    expect(text.stdout).toMatch(/Head stamped\s+not yet time-stamped/);
  });

  it('offline: nothing is stamped, verify says the head is not yet stamped and is OK; no digest list is left behind', async () => {
    const ws = await stampingWorkspace();
    tsa.setMode('down');
    try {
      await sampleCapture(ws, 5);
      expect((await stampPending(ws)).stamped).toBe(0);
      const report = await verifyWorkspace(ws);
      expect(report.ok).toBe(true);
      expect(report.stampedHead).toBeNull();
      expect(report.notices.join('\n')).toMatch(/the custody head is not yet time-stamped: .*this is not an error/);
      expect(report.notices.join('\n')).not.toMatch(/not referenced by any capture/);
    } finally {
      tsa.setMode('ok');
    }
    expect(await stampPending(ws)).toMatchObject({ stamped: 2, pending: 0 });
    expect((await verifyWorkspace(ws)).stampedHead).not.toBeNull();
    await ws.close();
  });
});
