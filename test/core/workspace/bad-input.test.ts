import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exhibit, sqliteCli } from '../../helpers/cli.js';
import { snapshot } from '../../helpers/snapshot.js';
import { tempDir } from '../../helpers/tmp.js';
import { makeUnwritable } from '../../helpers/unwritable.js';
import { newWorkspace, sampleCapture } from '../../helpers/workspace.js';

async function closedWorkspace(): Promise<string> {
  const ws = await newWorkspace();
  await sampleCapture(ws, 1);
  await ws.close();
  return ws.dir;
}

describe('bad input gets a clear error and changes nothing', () => {
  it('an unwritable folder', async (ctx) => {
    const parent = join(tempDir(), 'locked');
    mkdirSync(parent);
    const restore = makeUnwritable(parent);
    if (!restore) ctx.skip(); // neither chmod nor chattr can lock a folder on this file system
    try {
      const before = snapshot(parent);
      const r = await exhibit(['init', '--workspace', join(parent, 'ws')]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`Cannot write to ${parent}`);
      expect(r.stderr).toContain('nothing was changed');
      expect(snapshot(parent)).toEqual(before);
    } finally {
      restore?.();
    }
  });

  it('a folder that is not a workspace', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'holiday.jpg'), 'not evidence');
    const before = snapshot(dir);
    for (const command of ['verify', 'log']) {
      const r = await exhibit([command, '--workspace', dir]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${dir} is not an Exhibit workspace`);
    }
    const init = await exhibit(['init', '--workspace', dir]);
    expect(init.code).toBe(2);
    expect(init.stderr).toContain('is not empty');
    expect(snapshot(dir)).toEqual(before);
  });

  it('a folder that does not exist is not created by verify', async () => {
    const dir = join(tempDir(), 'nowhere');
    const r = await exhibit(['verify', '--workspace', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`No Exhibit workspace at ${dir}. Create one with: exhibit init`);
    expect(existsSync(dir)).toBe(false);
  });

  it('a database from a newer schema version', async () => {
    const dir = await closedWorkspace();
    sqliteCli(join(dir, 'exhibit.sqlite'), 'PRAGMA user_version = 99');
    const before = snapshot(dir);
    const r = await exhibit(['verify', '--workspace', dir, '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/written by a newer Exhibit \(database schema 99; this Exhibit knows up to \d+\)/);
    expect(JSON.parse(r.stdout)).toEqual({ error: { kind: 'usage', message: expect.stringContaining('newer Exhibit') as unknown } });
    expect(snapshot(dir)).toEqual(before);
  });

  it('a corrupt database file', async () => {
    const dir = await closedWorkspace();
    const db = join(dir, 'exhibit.sqlite');
    writeFileSync(db, Buffer.alloc(8192, 0x5a));
    const before = snapshot(dir);
    const r = await exhibit(['verify', '--workspace', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`The workspace database ${db} cannot be read`);
    expect(r.stderr).toContain('Restore the workspace from a backup');
    expect(snapshot(dir)).toEqual(before);
  });

  it('a missing key file', async () => {
    const dir = await closedWorkspace();
    const key = join(dir, 'keys', 'signing-key.pem');
    rmSync(key);
    const before = snapshot(dir);
    for (const command of ['verify', 'log']) {
      const r = await exhibit([command, '--workspace', dir]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`The workspace signing key ${key} is missing`);
    }
    expect(snapshot(dir)).toEqual(before);
  });

  it('init on an existing workspace', async () => {
    const dir = await closedWorkspace();
    const before = snapshot(dir);
    const r = await exhibit(['init', '--workspace', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is already an Exhibit workspace; nothing was changed');
    expect(snapshot(dir)).toEqual(before);
  });
});
