import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { verifyWorkspace } from '../../../electron/core/workspace/verify/verify-workspace.js';
import type { Workspace } from '../../../electron/core/workspace/workspace.js';
import { exhibit, sqliteCli } from '../../helpers/cli.js';
import { newWorkspace, reopen, sampleCapture } from '../../helpers/workspace.js';

async function workspaceWithCaptures(): Promise<{ ws: Workspace; ids: string[] }> {
  const ws = await newWorkspace();
  const ids: string[] = [];
  for (let n = 0; n < 3; n++) ids.push((await sampleCapture(ws, n)).id);
  const clean = await verifyWorkspace(ws);
  expect(clean.problems).toEqual([]);
  return { ws, ids };
}

async function artifactHash(ws: Workspace, captureId: string, name: string): Promise<string> {
  const row = await ws.db.get<{ sha256: string }>('SELECT sha256 FROM artifacts WHERE capture_id = ? AND name = ?', [captureId, name]);
  return row!.sha256;
}

describe('tampering is found and located', () => {
  it('one byte of an object flipped: names the capture and the artifact', async () => {
    const { ws, ids } = await workspaceWithCaptures();
    const path = ws.store.pathOf(await artifactHash(ws, ids[1]!, 'screenshot-full.png'));
    const bytes = readFileSync(path);
    bytes[100] = bytes[100]! ^ 0x01;
    chmodSync(path, 0o644);
    writeFileSync(path, bytes);
    await ws.close();

    const r = await exhibit(['verify', '--workspace', ws.dir, '--json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { ok: boolean; problems: { where: string; message: string }[] };
    expect(report.ok).toBe(false);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]!.where).toBe(`capture ${ids[1]} artifact screenshot-full.png`);
    expect(report.problems[0]!.message).toMatch(/^altered/);

    const human = await exhibit(['verify', '--workspace', ws.dir]);
    expect(human.code).toBe(1);
    expect(human.stdout).toContain('1 PROBLEM FOUND');
    expect(human.stdout).toContain(`capture ${ids[1]} artifact screenshot-full.png: altered`);
  });

  it('an object deleted: names the capture and the artifact', async () => {
    const { ws, ids } = await workspaceWithCaptures();
    rmSync(ws.store.pathOf(await artifactHash(ws, ids[2]!, 'page.mhtml')));
    const report = await verifyWorkspace(ws);
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.where)).toEqual([`capture ${ids[2]} artifact page.mhtml`]);
    expect(report.problems[0]!.message).toMatch(/missing from the object store/);
  });

  it('a manifest deleted: names the capture', async () => {
    const { ws, ids } = await workspaceWithCaptures();
    const row = await ws.db.get<{ manifest_sha256: string }>('SELECT manifest_sha256 FROM captures WHERE id = ?', [ids[0]!]);
    rmSync(ws.store.pathOf(row!.manifest_sha256));
    const report = await verifyWorkspace(ws);
    expect(report.problems.map((p) => p.where)).toEqual([`capture ${ids[0]}`]);
    expect(report.problems[0]!.message).toMatch(/manifest .* is missing/);
  });

  it('the sqlite3 tool cannot edit or delete custody entries while the guards stand', async () => {
    const { ws } = await workspaceWithCaptures();
    await ws.close();
    const edit = sqliteCli(ws.layout.database, "UPDATE custody_log SET action = 'x' WHERE seq = 2");
    expect(edit.stderr).toMatch(/append-only/);
    const del = sqliteCli(ws.layout.database, 'DELETE FROM custody_log WHERE seq = 2');
    expect(del.stderr).toMatch(/append-only/);
    const still = await reopen(ws);
    expect((await verifyWorkspace(still)).ok).toBe(true);
    await still.close();
  });

  it('a custody entry edited with the sqlite3 tool (guard dropped): names the entry', async () => {
    const { ws } = await workspaceWithCaptures();
    await ws.close();
    const edit = sqliteCli(ws.layout.database, "DROP TRIGGER custody_log_no_update; UPDATE custody_log SET investigator = 'Someone Else' WHERE seq = 3;");
    expect(edit.code).toBe(0);
    const r = await exhibit(['verify', '--workspace', ws.dir, '--json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { problems: { area: string; where: string; message: string }[] };
    expect(report.problems).toContainEqual(expect.objectContaining({ where: 'custody entry #3', message: expect.stringMatching(/^altered/) as unknown }));
    expect(report.problems).toContainEqual(expect.objectContaining({ where: 'trigger custody_log_no_update' }));
  });

  it('a custody entry edited and its hash recomputed: the next entry no longer follows it', async () => {
    const { ws } = await workspaceWithCaptures();
    const { custodyEntryHash, readCustodyLog } = await import('../../../electron/core/workspace/custody.js');
    const entry = (await readCustodyLog(ws.db)).find((e) => e.seq === 3)!;
    await ws.close();
    const forged = { ...entry, details: '{"forged":true}' };
    const hash = custodyEntryHash(forged);
    sqliteCli(ws.layout.database, `DROP TRIGGER custody_log_no_update; UPDATE custody_log SET details = '{"forged":true}', hash = '${hash}' WHERE seq = 3;`);
    const again = await reopen(ws);
    const report = await verifyWorkspace(again);
    expect(report.problems).toContainEqual(expect.objectContaining({ where: 'custody entry #4', message: expect.stringMatching(/chain broken.*#3/) as unknown }));
    await again.close();
  });

  it('a custody entry deleted from the middle: names the gap', async () => {
    const { ws } = await workspaceWithCaptures();
    await ws.close();
    sqliteCli(ws.layout.database, 'DROP TRIGGER custody_log_no_delete; DELETE FROM custody_log WHERE seq = 3;');
    const again = await reopen(ws);
    const report = await verifyWorkspace(again);
    expect(report.problems).toContainEqual(expect.objectContaining({ where: 'custody entry #3', message: expect.stringMatching(/^missing/) as unknown }));
    expect(report.problems).toContainEqual(expect.objectContaining({ where: 'custody entry #4', message: expect.stringMatching(/chain broken/) as unknown }));
    await again.close();
  });

  it('the last custody entry deleted: names it', async () => {
    const { ws } = await workspaceWithCaptures();
    const last = (await ws.db.get<{ seq: number }>('SELECT max(seq) AS seq FROM custody_log'))!.seq;
    await ws.close();
    sqliteCli(ws.layout.database, `DROP TRIGGER custody_log_no_delete; DELETE FROM custody_log WHERE seq = ${last};`);
    const again = await reopen(ws);
    const report = await verifyWorkspace(again);
    expect(report.problems).toContainEqual(expect.objectContaining({ where: `custody entry #${last}`, message: 'missing: deleted from the end of the log' }));
    await again.close();
  });

  it('a row of captures edited: names the capture and the column', async () => {
    const { ws, ids } = await workspaceWithCaptures();
    await ws.close();
    sqliteCli(ws.layout.database, `DROP TRIGGER captures_no_update; UPDATE captures SET final_url = 'https://elsewhere.test/' WHERE id = '${ids[1]}';`);
    const again = await reopen(ws);
    const report = await verifyWorkspace(again);
    const about = report.problems.filter((p) => p.area === 'capture');
    expect(about).toEqual([
      { area: 'capture', where: `capture ${ids[1]}`, message: expect.stringMatching(/final_url = "https:\/\/elsewhere.test\/".*signed manifest says/) as unknown },
    ]);
    await again.close();
  });

  it('an artifact row pointed at other content: names the artifact', async () => {
    const { ws, ids } = await workspaceWithCaptures();
    const other = await artifactHash(ws, ids[0]!, 'text.txt');
    await ws.close();
    sqliteCli(ws.layout.database, `DROP TRIGGER artifacts_no_update; UPDATE artifacts SET sha256 = '${other}' WHERE capture_id = '${ids[2]}' AND name = 'text.txt';`);
    const again = await reopen(ws);
    const report = await verifyWorkspace(again);
    expect(report.problems).toContainEqual(expect.objectContaining({ where: `capture ${ids[2]} artifact text.txt`, message: expect.stringMatching(/sha256/) as unknown }));
    await again.close();
  });

  it('a capture deleted with its artifacts: the custody log still names it', async () => {
    const { ws, ids } = await workspaceWithCaptures();
    await ws.close();
    sqliteCli(ws.layout.database, `DROP TRIGGER artifacts_no_delete; DROP TRIGGER captures_no_delete; DELETE FROM artifacts WHERE capture_id = '${ids[0]}'; DELETE FROM captures WHERE id = '${ids[0]}';`);
    const again = await reopen(ws);
    const report = await verifyWorkspace(again);
    expect(report.problems).toContainEqual(expect.objectContaining({ where: `capture ${ids[0]}`, message: expect.stringMatching(/row is missing/) as unknown }));
    await again.close();
  });

  it('the signing key replaced: found', async () => {
    const { ws } = await workspaceWithCaptures();
    await ws.close();
    const { generateKeyPairSync } = await import('node:crypto');
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    writeFileSync(ws.layout.privateKey, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    writeFileSync(ws.layout.publicKey, publicKey.export({ type: 'spki', format: 'pem' }));
    const again = await reopen(ws);
    const report = await verifyWorkspace(again);
    expect(report.problems).toContainEqual(expect.objectContaining({ area: 'key', message: expect.stringMatching(/signing key was replaced/) as unknown }));
    expect(report.problems.filter((p) => /signature does not verify/.test(p.message))).toHaveLength(3);
    await again.close();
  });
});
